/**
 * Reads Stryker's JSON report (mutation-testing-report-schema) into the score per module, the
 * surviving mutants and the exclusions: what `npm run test:mutation` prints (CONTRIBUTING,
 * "Mutation testing"). Pure: no I/O.
 */
import { EQUIVALENT, type Explained } from './equivalent';

/** The parts of Stryker's JSON report read here. */
export interface MutationReport {
	files: Record<string, { source: string; mutants: ReportedMutant[] }>;
}

export interface ReportedMutant {
	id: string;
	mutatorName: string;
	replacement?: string;
	status: 'Killed' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Timeout' | 'Ignored' | 'Pending';
	statusReason?: string;
	/** 1-based lines and columns. */
	location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** One mutant, with the code it replaced. */
export interface Mutant {
	file: string;
	line: number;
	column: number;
	mutator: string;
	original: string;
	replacement: string;
	status: ReportedMutant['status'];
	reason?: string;
}

export interface ModuleScore {
	file: string;
	/** Killed by a failing test, or by running into Stryker's timeout (an endless loop). */
	killed: number;
	/** Survived, or reached by no test at all. */
	survived: number;
	/** Surviving mutants listed in equivalent.ts: the code does the same, so no test can tell. */
	equivalent: number;
	/** Left out by the ignorers (an error's wording, a node's description). */
	ignored: number;
	/** Rejected by the TypeScript checker: never run. */
	invalid: number;
	/** killed / (killed + survived), in percent; undefined when nothing was tested. */
	score: number | undefined;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The source text a mutant's location covers. */
function originalText(source: string, location: ReportedMutant['location']): string {
	const lines = source.split('\n');
	const { start, end } = location;
	if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
	const middle = lines.slice(start.line, end.line - 1);
	return [lines[start.line - 1].slice(start.column - 1), ...middle, lines[end.line - 1].slice(0, end.column - 1)].join('\n');
}

export function mutantsOf(report: MutationReport): Mutant[] {
	return Object.entries(report.files).flatMap(([file, { source, mutants }]) =>
		mutants.map((m) => ({
			file,
			line: m.location.start.line,
			column: m.location.start.column,
			mutator: m.mutatorName,
			original: oneLine(originalText(source, m.location)),
			replacement: oneLine(m.replacement ?? ''),
			status: m.status,
			reason: m.statusReason,
		})),
	);
}

/** The entry of the equivalent list that explains a surviving mutant, if any. */
export function explanationOf(mutant: Mutant, explained: readonly Explained[] = EQUIVALENT): Explained | undefined {
	return explained.find(
		(e) => e.file === mutant.file && e.mutator === mutant.mutator && oneLine(e.original) === mutant.original && oneLine(e.replacement) === mutant.replacement,
	);
}

const isSurvivor = (m: Mutant) => m.status === 'Survived' || m.status === 'NoCoverage';

export function scoreOf(file: string, mutants: readonly Mutant[], explained: readonly Explained[] = EQUIVALENT): ModuleScore {
	const killed = mutants.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
	const equivalent = mutants.filter((m) => isSurvivor(m) && explanationOf(m, explained)).length;
	const survived = mutants.filter(isSurvivor).length - equivalent;
	const tested = killed + survived;
	return {
		file,
		killed,
		survived,
		equivalent,
		ignored: mutants.filter((m) => m.status === 'Ignored').length,
		invalid: mutants.filter((m) => m.status === 'CompileError' || m.status === 'RuntimeError').length,
		score: tested === 0 ? undefined : (100 * killed) / tested,
	};
}

/** The score of every module in the report, in the order of `modules` (the Stryker config's list), then the total. */
export function scores(report: MutationReport, modules: readonly string[], explained: readonly Explained[] = EQUIVALENT): { modules: ModuleScore[]; total: ModuleScore } {
	const all = mutantsOf(report);
	const files = [...modules.filter((m) => m in report.files), ...Object.keys(report.files).filter((f) => !modules.includes(f)).sort()];
	return { modules: files.map((file) => scoreOf(file, all.filter((m) => m.file === file), explained)), total: scoreOf('all modules', all, explained) };
}

/** Surviving mutants no entry of the equivalent list explains: each needs a test or an explanation. */
export function unexplainedSurvivors(report: MutationReport, explained: readonly Explained[] = EQUIVALENT): Mutant[] {
	return mutantsOf(report).filter((m) => isSurvivor(m) && !explanationOf(m, explained));
}

const percent = (score: number | undefined) => (score === undefined ? '–' : `${score.toFixed(1)} %`);

/** A Markdown table of one or two runs (`npm test`'s suites, the property suites alone). */
export function scoreTable(runs: Array<{ title: string; scores: { modules: ModuleScore[]; total: ModuleScore } }>): string {
	const [first] = runs;
	const header = ['Module', 'Mutants tested', ...runs.flatMap((r) => [`${r.title}: killed`, `${r.title}: survived`, `${r.title}: score`]), 'Equivalent', 'Ignored (wording)'];
	const rows = [...first.scores.modules, first.scores.total].map((row, i) => {
		const perRun = runs.flatMap((r) => {
			const s = i < first.scores.modules.length ? r.scores.modules.find((m) => m.file === row.file) : r.scores.total;
			return s ? [String(s.killed), String(s.survived), percent(s.score)] : ['–', '–', '–'];
		});
		const name = i < first.scores.modules.length ? `\`${row.file}\`` : '**all modules**';
		return [name, String(row.killed + row.survived + row.equivalent), ...perRun, String(row.equivalent), String(row.ignored)];
	});
	return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function describeMutant(m: Mutant): string {
	return `${m.file}:${m.line}:${m.column} ${m.mutator} [${m.status}]: \`${m.original}\` → \`${m.replacement}\``;
}
