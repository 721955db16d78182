/**
 * From samples to the verdicts of the targets, and the markdown table.
 *
 * Targets (ratios to the HTTP Request node in the same run, node executionTime medians):
 *   per-item, sequential        CRM Lead ≤ 1.0× the HTTP Request node's time
 *   per-item, Batching 8        CRM Lead ≥ 2× faster than the *sequential* HTTP Request node
 *   Return All                  CRM Lead ≤ 1.0× HTTP Request with Pagination
 *   bulk (Leads Per Request)    CRM Lead ≥ 10× faster than the HTTP Request node (one request per
 *                               lead) and ≥ 3× faster than CRM Lead per item with Batching 8
 */
import type { Side } from './cases';
import { batchingRowOf, sequentialRowOf, type BenchRow } from './matrix';
import type { RunSample } from './runner';
import { stats, type Stats } from './stats';

export interface SideSummary {
	nodeMs: Stats;
	wallMs: Stats;
	/** Highest n8n RSS seen during this side's timed runs (MB), when sampled. */
	peakRssMb?: number;
}

export interface Verdict {
	target: string;
	/** The measured figure the target is about (a ratio of medians), undefined when not measurable. */
	measured?: number;
	met?: boolean;
}

export interface RowSummary {
	id: string;
	label: string;
	inputCount: number;
	crmLead: SideSummary;
	httpRequest: SideSummary;
	/** CRM Lead median / HTTP Request median (node executionTime; > 1 = CRM Lead slower). */
	ratio: number;
	wallRatio: number;
	verdict: Verdict;
}

export function summarizeRows(rows: readonly BenchRow[], samples: readonly RunSample[]): RowSummary[] {
	const side = (row: BenchRow, which: Side): SideSummary => {
		const runs = samples.filter((sample) => sample.row === row.id && sample.side === which);
		const rss = runs.map((run) => run.peakRssMb).filter((mb): mb is number => mb !== undefined);
		return {
			nodeMs: stats(runs.map((run) => run.nodeMs)),
			wallMs: stats(runs.map((run) => run.wallMs)),
			...(rss.length > 0 ? { peakRssMb: Math.max(...rss) } : {}),
		};
	};
	const measured = rows.filter((row) => samples.some((sample) => sample.row === row.id));
	const summaries = new Map(
		measured.map((row) => [row.id, { crmLead: side(row, 'crmLead'), httpRequest: side(row, 'httpRequest') }]),
	);
	return measured.map((row) => {
		const { crmLead, httpRequest } = summaries.get(row.id)!;
		const sequential = sequentialRowOf(row, measured);
		const sequentialHttp = sequential ? summaries.get(sequential.id)?.httpRequest : undefined;
		const batching = batchingRowOf(row, measured);
		const batchingCrm = batching ? summaries.get(batching.id)?.crmLead : undefined;
		const ratio = crmLead.nodeMs.median / httpRequest.nodeMs.median;
		return {
			id: row.id,
			label: row.label,
			inputCount: row.inputCount,
			crmLead,
			httpRequest,
			ratio,
			wallRatio: crmLead.wallMs.median / httpRequest.wallMs.median,
			verdict: row.mode === 'bulk' ? bulkVerdict(ratio, crmLead, batchingCrm) : verdictOf(row, ratio, crmLead, sequentialHttp),
		};
	});
}

function verdictOf(row: BenchRow, ratio: number, crmLead: SideSummary, sequentialHttp: SideSummary | undefined): Verdict {
	if (row.mode === 'batching') {
		const target = '≥ 2× faster than sequential HTTP Request';
		if (!sequentialHttp) return { target: `${target} (run the sequential row too)` };
		const speedUp = sequentialHttp.nodeMs.median / crmLead.nodeMs.median;
		return { target, measured: speedUp, met: speedUp >= 2 };
	}
	// Sequential per-item rows and Return All: no slower than the HTTP Request node in the same run.
	return { target: '≤ 1.0× HTTP Request', measured: ratio, met: ratio <= 1 };
}

/** Both bulk targets; `measured` is the speed-up over the HTTP Request node. */
function bulkVerdict(ratio: number, crmLead: SideSummary, batchingCrm: SideSummary | undefined): Verdict {
	const overHttp = 1 / ratio;
	if (!batchingCrm) return { target: '≥ 10× faster than HTTP Request (run the Batching 8 row for the 3× target)', measured: overHttp, met: overHttp >= 10 };
	const overBatching = batchingCrm.nodeMs.median / crmLead.nodeMs.median;
	return {
		target: `≥ 10× faster than HTTP Request; ≥ 3× faster than CRM Lead Batching 8 (${overBatching.toFixed(2)}×)`,
		measured: overHttp,
		met: overHttp >= 10 && overBatching >= 3,
	};
}

const ms = (value: number) => Math.round(value).toLocaleString('en-US');
const spread = (s: Stats) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
const times = (value: number) => `${value.toFixed(2)}×`;

function measuredText({ verdict }: RowSummary): string {
	if (verdict.measured === undefined) return '–';
	return verdict.target.startsWith('≥') ? `${times(verdict.measured)} faster` : times(verdict.measured);
}

export function markdownTable(rows: readonly RowSummary[]): string {
	const header = [
		'case',
		'items',
		'CRM Lead ms',
		'HTTP Request ms',
		'CRM/HTTP',
		'execution ms CRM / HTTP',
		'n8n peak RSS MB CRM / HTTP',
		'target',
		'measured',
		'verdict',
	];
	const lines = rows.map((row) => [
		row.label,
		row.inputCount === 1 ? '1 (all leads)' : ms(row.inputCount),
		spread(row.crmLead.nodeMs),
		spread(row.httpRequest.nodeMs),
		times(row.ratio),
		`${ms(row.crmLead.wallMs.median)} / ${ms(row.httpRequest.wallMs.median)}`,
		`${row.crmLead.peakRssMb ?? '–'} / ${row.httpRequest.peakRssMb ?? '–'}`,
		row.verdict.target,
		measuredText(row),
		row.verdict.met === undefined ? 'n/a' : row.verdict.met ? 'met' : '**missed**',
	]);
	const align = ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---'];
	return [header, align, ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
