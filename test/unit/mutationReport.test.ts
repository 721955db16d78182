/** The mutation report's arithmetic (scripts/mutation/report.ts): what counts as killed, what is left out, which survivors are listed. */
import type { Explained } from '../../scripts/mutation/equivalent';
import { mutantsOf, scores, scoreTable, unexplainedSurvivors, type MutationReport, type ReportedMutant } from '../../scripts/mutation/report';

const source = ['export function retry(attempt: number, max: number): boolean {', '\treturn attempt < max;', '}', 'const WORDS = {', "\ta: 'x',", '};'].join('\n');

let id = 0;
const mutant = (status: ReportedMutant['status'], line: number, from: number, to: number, replacement: string, endLine = line): ReportedMutant => ({
	id: String(++id),
	mutatorName: 'EqualityOperator',
	replacement,
	status,
	location: { start: { line, column: from }, end: { line: endLine, column: to } },
});

const report: MutationReport = {
	files: {
		'a.ts': {
			source,
			mutants: [
				mutant('Killed', 2, 9, 22, 'attempt <= max'),
				mutant('Timeout', 2, 9, 22, 'true'),
				mutant('Survived', 2, 9, 22, 'attempt > max'),
				mutant('NoCoverage', 2, 9, 22, 'false'),
				mutant('Ignored', 2, 9, 22, 'attempt >= max'),
				mutant('CompileError', 2, 9, 22, '"Stryker was here"'),
				mutant('Survived', 4, 15, 2, '{}', 6),
			],
		},
		'b.ts': { source, mutants: [] },
	},
};

const equivalent: Explained[] = [{ file: 'a.ts', mutator: 'EqualityOperator', original: 'attempt  <  max', replacement: 'attempt > max', reason: 'cannot differ' }];

test('killed = failing test or timeout; survived = survived or never reached; equivalent, ignored and invalid mutants are left out', () => {
	const { modules, total } = scores(report, ['b.ts', 'a.ts'], equivalent);
	expect(modules.map((m) => m.file)).toEqual(['b.ts', 'a.ts']);
	expect(modules[1]).toEqual({ file: 'a.ts', killed: 2, survived: 2, equivalent: 1, ignored: 1, invalid: 1, score: 50 });
	expect(modules[0].score).toBeUndefined();
	expect(total).toMatchObject({ killed: 2, survived: 2, score: 50 });
});

test('a survivor is listed with the code it replaced (across lines too) unless the equivalent list explains it', () => {
	const listed = unexplainedSurvivors(report, equivalent);
	expect(listed.map((m) => [m.line, m.original, m.replacement])).toEqual([
		[2, 'attempt < max', 'false'],
		[4, "{ a: 'x', }", '{}'],
	]);
	expect(mutantsOf(report)).toHaveLength(7);
});

test('the table has a row per module, the total last, and a column group per run', () => {
	const table = scoreTable([
		{ title: 'npm test', scores: scores(report, ['a.ts', 'b.ts'], equivalent) },
		{ title: 'property suites', scores: scores(report, ['a.ts', 'b.ts'], []) },
	]).split('\n');
	expect(table[0]).toBe('| Module | Mutants tested | npm test: killed | npm test: survived | npm test: score | property suites: killed | property suites: survived | property suites: score | Equivalent | Ignored (wording) |');
	expect(table[2]).toBe('| `a.ts` | 5 | 2 | 2 | 50.0 % | 2 | 3 | 40.0 % | 1 | 1 |');
	expect(table[4]).toMatch(/^\| \*\*all modules\*\* \| 5 \|/);
});
