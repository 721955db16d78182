/**
 * The rows of the benchmark: every per-item case sequential and with Batching 8, Return All once;
 * cases marked `bulk` also with Leads Per Request 100 at Batching 1 and 4 (the HTTP Request node
 * there sends one request per lead, sequentially: what a user would build without bulk).
 * Batching is added here to both nodes, each with its own option, so the table in cases.ts holds
 * only what the operation needs.
 */
import { CASES, type BenchCase, type CrmLeadVersion, type NodeParameters } from './cases';

/** Items in flight at once in the Batching rows (CRM Lead) / items per batch (HTTP Request). */
export const BATCH_SIZE = 8;

/** Leads per request in the bulk rows, and their Batching concurrencies. */
export const BULK_SIZE = 100;
export const BULK_CONCURRENCIES = [1, 4] as const;

export type Mode = 'sequential' | 'batching' | 'bulk';

export interface BenchRow {
	/** `get:seq`, `get:b8`, `returnAll`: what --cases selects. */
	id: string;
	case: BenchCase;
	mode: Mode;
	label: string;
	/** Items the Code node hands to the node under test. */
	inputCount: number;
	crmLead: NodeParameters;
	httpRequest: (baseUrl: string) => Record<string, unknown>;
}

export interface MatrixSize {
	/** Input items of the per-item cases. */
	items: number;
	crmLeadVersion: CrmLeadVersion;
}

export function buildRows(size: MatrixSize, cases: readonly BenchCase[] = CASES): BenchRow[] {
	return cases.flatMap((benchCase): BenchRow[] => {
		const single: BenchRow = {
			id: benchCase.id,
			case: benchCase,
			mode: 'sequential',
			label: benchCase.label,
			inputCount: benchCase.kind === 'returnAll' ? 1 : size.items,
			crmLead: benchCase.crmLead[size.crmLeadVersion],
			httpRequest: benchCase.httpRequest,
		};
		if (benchCase.kind === 'returnAll') return [single];
		const sequential: BenchRow = { ...single, id: `${benchCase.id}:seq`, label: `${benchCase.label}, sequential` };
		const batching: BenchRow = {
			...sequential,
			id: `${benchCase.id}:b8`,
			mode: 'batching',
			label: `${benchCase.label}, Batching ${BATCH_SIZE}`,
			crmLead: {
				...sequential.crmLead,
				parameters: withOption(sequential.crmLead.parameters, 'batching', {
					batch: { concurrency: BATCH_SIZE, intervalMs: 0 },
				}),
			},
			// The HTTP Request node's own Batching: items per batch, no pause between batches.
			httpRequest: (baseUrl) =>
				withOption(benchCase.httpRequest(baseUrl), 'batching', { batch: { batchSize: BATCH_SIZE, batchInterval: 0 } }),
		};
		const bulk = (benchCase.bulk ? BULK_CONCURRENCIES : []).map(
			(concurrency): BenchRow => ({
				...sequential,
				id: `${benchCase.id}:bulk${concurrency}`,
				mode: 'bulk',
				label: `${benchCase.label}, bulk ${BULK_SIZE} per request, Batching ${concurrency}`,
				crmLead: {
					...sequential.crmLead,
					parameters: withOption(
						withOption(sequential.crmLead.parameters, 'batching', { batch: { concurrency, intervalMs: 0 } }),
						'leadsPerRequest',
						BULK_SIZE,
					),
				},
			}),
		);
		return [sequential, batching, ...bulk];
	});
}

/** `get` selects both rows of Get, `get:b8` only its Batching row. */
export function selectRows(rows: readonly BenchRow[], selectors: readonly string[] | undefined): BenchRow[] {
	if (!selectors || selectors.length === 0) return [...rows];
	const known = new Set([...rows.map((row) => row.case.id), ...rows.map((row) => row.id)]);
	const unknown = selectors.filter((selector) => !known.has(selector));
	if (unknown.length > 0) {
		throw new Error(`Unknown case(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
	}
	return rows.filter((row) => selectors.includes(row.id) || selectors.includes(row.case.id));
}

/** The sequential row of the same case (the Batching target compares against its HTTP Request time). */
export function sequentialRowOf(row: BenchRow, rows: readonly BenchRow[]): BenchRow | undefined {
	return rows.find((other) => other.case.id === row.case.id && other.mode === 'sequential');
}

/** The Batching 8 row of the same case (the bulk target compares against its CRM Lead time). */
export function batchingRowOf(row: BenchRow, rows: readonly BenchRow[]): BenchRow | undefined {
	return rows.find((other) => other.case.id === row.case.id && other.mode === 'batching');
}

function withOption(parameters: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
	const options = (parameters.options ?? {}) as Record<string, unknown>;
	return { ...parameters, options: { ...options, [name]: value } };
}
