/**
 * Get Many (Return All) and paging, checked at random against the sandbox. The model is the
 * README's "Get Many (Return All)" and "Busy is busy", in its own words:
 * - on a list that does not change you get exactly the server's rows, each once;
 * - when the server's paging signals disagree — rows beyond `x-total`, `x-total` higher than the
 *   rows it serves, pages cut short without an `x-per-page` header, `page` ignored, `x-total`
 *   changing because the list moved — the node fails with kind `server` and a message naming
 *   that behaviour, and returns no partial list;
 * - a 429/502/503/504 answer is retried per Retries When Busy; once those are spent, or when the
 *   server does not answer within Timeout, the node fails with kind `busy`;
 * - without paging headers a moved list cannot be noticed (rows that moved across a page edge
 *   may be missing, never duplicated, never invented).
 * Generated: flavour, row count, Page Size (also just above the row count and over the sandbox's
 * silent cap), a Sort on a number field or none, how the server lies (x-total off by ±1 or more, a silent cap of any size), busy
 * answers and hangs at any request, and writes between the node's page requests.
 */
import fc from 'fast-check';
import type { ExecutionError } from 'n8n-workflow';

import { createSandbox, type Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { propertyTest } from './settings';

type Move = { kind: 'create' } | { kind: 'delete'; pick: number };

/** What the server does, with the sizes of its lies. */
type Behaviour =
	| { kind: 'honest' }
	| { kind: 'no-paging-headers' }
	| { kind: 'huge-page' }
	| { kind: 'lie-x-total'; offset: number }
	| { kind: 'silent-page-cap'; cap: number }
	| { kind: 'ignore-page' }
	| { kind: 'wrong-paging-headers' }
	/** Busy answers to `times` page requests in a row, from the request at `at` (a fraction of the walk) on. */
	| { kind: 'busy'; status: 429 | 502 | 503 | 504; times: number; at: number; retries: number }
	| { kind: 'hang'; at: number }
	| { kind: 'cut'; at: number };

interface Scenario {
	flavour: Flavour;
	rows: number;
	/** Page Size, or (`above`) the row count plus this. */
	pageSize: { fixed: number } | { above: number };
	behaviour: Behaviour;
	/** Sort (a number field, descending), as in the README's Get Many example. */
	sort: 'probability' | 'expected_revenue' | undefined;
	/** One write before each page request after the first (the list moves under the walk); honest servers only. */
	moves: Move[];
}

const TEAM = 'team_asia';
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const behaviourArb: fc.Arbitrary<Behaviour> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant({ kind: 'honest' as const }) },
	fc.constant({ kind: 'no-paging-headers' as const }),
	fc.constant({ kind: 'huge-page' as const }),
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('lie-x-total' as const), offset: fc.oneof(fc.constantFrom(-1, 1), fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0)) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('silent-page-cap' as const), cap: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(100)) }) },
	fc.constant({ kind: 'ignore-page' as const }),
	fc.constant({ kind: 'wrong-paging-headers' as const }),
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('busy' as const),
			status: fc.constantFrom(429 as const, 502 as const, 503 as const, 504 as const),
			times: fc.integer({ min: 1, max: 3 }),
			at: fraction,
			retries: fc.integer({ min: 0, max: 3 }),
		}),
	},
	fc.record({ kind: fc.constant('hang' as const), at: fraction }),
	fc.record({ kind: fc.constant('cut' as const), at: fraction }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
	flavour: fc.constantFrom<Flavour>('cloud', 'classic'),
	rows: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 95, max: 260 })),
	pageSize: fc.oneof(
		fc.record({ fixed: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 99, max: 300 })) }),
		fc.record({ above: fc.integer({ min: 1, max: 20 }) }),
	),
	behaviour: behaviourArb,
	sort: fc.constantFrom(undefined, undefined, 'probability' as const, 'expected_revenue' as const),
	moves: fc.oneof(fc.constant<Move[]>([]), fc.array(fc.oneof(fc.constant<Move>({ kind: 'create' }), fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(300) })), { minLength: 1, maxLength: 3 })),
});

const kindOf = (error?: ExecutionError) => (error?.context as { errorKind?: string } | undefined)?.errorKind;
const word = (n: number) => new RegExp(`\\b${n}\\b`);

/** The outcome the README promises for a list that holds still. */
type Expected = { rows: true } | { kind: 'busy' } | { kind: 'server'; says: RegExp[] };

/**
 * How many page requests an honest walk of `rows` rows makes: every page up to the first one
 * shorter than Page Size (an exact multiple costs one extra, empty page).
 */
const honestRequests = (rows: number, pageSize: number) => Math.floor(rows / pageSize) + 1;

function expectedOutcome(rows: number, pageSize: number, behaviour: Behaviour): Expected {
	// "x-total higher than the rows it serves": the list ends at `rows` while x-total says more.
	const totalHigher = (total: number): Expected => ({ kind: 'server', says: [/x-total/, word(total), word(rows)] });
	switch (behaviour.kind) {
		case 'honest':
		case 'no-paging-headers':
		case 'huge-page':
			return { rows: true };
		case 'lie-x-total': {
			const total = Math.max(0, rows + behaviour.offset);
			if (total === rows) return { rows: true };
			if (total > rows) return totalHigher(total);
			// "Rows beyond x-total": noticed on the page that carries the row after x-total (a full
			// page that reaches x-total exactly is confirmed by the next one), naming what it sent.
			const sent = Math.min((Math.floor(total / pageSize) + 1) * pageSize, rows);
			return { kind: 'server', says: [/x-total/, word(total), word(sent)] };
		}
		case 'silent-page-cap':
			// Pages cut short without x-per-page: the README's "caps pages at N rows without saying so".
			return pageSize > behaviour.cap && rows > behaviour.cap ? { kind: 'server', says: [new RegExp(`caps pages at ${behaviour.cap} rows`)] } : { rows: true };
		case 'ignore-page':
			// Page 0 for every page, under an x-total of a million: a second page repeats the first.
			return rows >= pageSize ? { kind: 'server', says: [/ignore the "page" parameter/] } : totalHigher(Math.max(rows * 1000, 1_000_000));
		case 'wrong-paging-headers':
			return totalHigher(rows * 10 + 1000);
		case 'busy':
			return behaviour.times <= behaviour.retries ? { rows: true } : { kind: 'busy' };
		case 'hang':
			return { kind: 'busy' };
		case 'cut':
			return { kind: 'server', says: [/cut off/] };
	}
}

async function runScenario(scenario: Scenario): Promise<void> {
	const { rows, behaviour } = scenario;
	const pageSize = 'fixed' in scenario.pageSize ? scenario.pageSize.fixed : rows + scenario.pageSize.above;
	const sandbox = await createSandbox({ flavour: scenario.flavour, faults: true });
	try {
		const live = Array.from({ length: rows }, (_, i) => `g${i}`);
		// Numbers with ties, so a sort has something to order.
		const numberOf = (i: number) => (i * 37) % 23;
		sandbox.insertLeads(live.map((id, i) => ({ id, type: 'lead', name: `Lead ${id}`, team_id: TEAM, probability: numberOf(i), expected_revenue: numberOf(i) * 1000 })));
		const everPresent = new Set(live);
		const removed = new Set<string>();
		let created = 0;
		let moved = false;
		const moves = ['honest', 'no-paging-headers'].includes(behaviour.kind) ? [...scenario.moves] : [];
		sandbox.onListPage(({ page }) => {
			const move = page >= 1 ? moves.shift() : undefined;
			if (!move) return;
			if (move.kind === 'create') {
				const id = `new${created++}`;
				sandbox.insertLeads([{ id, type: 'lead', name: id, team_id: TEAM }]);
				live.push(id);
				everPresent.add(id);
				moved = true;
			} else if (live.length > 0) {
				const [id] = live.splice(move.pick % live.length, 1);
				sandbox.deleteLead(id);
				removed.add(id);
				moved = true;
			}
		});
		// A fault at a request the walk makes (a fraction of the honest walk's requests), not only the first.
		const at = (fractionOfWalk: number) => Math.floor(fractionOfWalk * honestRequests(rows, pageSize));
		const pathIncludes = 'fetch_default';
		const options: Record<string, unknown> = { pageSize };
		switch (behaviour.kind) {
			case 'lie-x-total':
				sandbox.injectFault({ mode: 'lie-x-total', totalOffset: behaviour.offset, pathIncludes });
				break;
			case 'silent-page-cap':
				sandbox.injectFault({ mode: 'silent-page-cap', pageCap: behaviour.cap, pathIncludes });
				break;
			case 'no-paging-headers':
			case 'huge-page':
			case 'ignore-page':
			case 'wrong-paging-headers':
				sandbox.injectFault({ mode: behaviour.kind, pathIncludes });
				break;
			case 'busy':
				sandbox.injectFault({ mode: `status-${behaviour.status}`, after: at(behaviour.at), times: behaviour.times, retryAfter: 0, pathIncludes });
				options.maxRetries = behaviour.retries;
				break;
			case 'hang':
				sandbox.injectFault({ mode: 'hang', after: at(behaviour.at), times: 1, pathIncludes });
				// Whatever times out here, the promise is the same: kind busy, no partial list.
				options.timeout = 300;
				break;
			case 'cut':
				sandbox.injectFault({ mode: 'truncated-json', after: at(behaviour.at), times: 1, pathIncludes });
				break;
		}

		const sort = scenario.sort ? { sort: { rule: [{ field: scenario.sort, direction: 'desc' }] } } : {};
		const { items, error } = await runNode({
			credentials: { baseUrl: sandbox.url, accessToken: sandbox.token },
			parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: { n_team_id_eq: TEAM }, ...sort, options },
		});
		const ids = items.map((item) => String(item.json.id));

		if (moved) {
			// A list that moved: with x-total the move is noticed ("x-total changing between pages"), or
			// the rows present throughout all come back; without paging headers it cannot be noticed.
			if (error) {
				expect(items).toEqual([]);
				expect(kindOf(error)).toBe('server');
				expect(behaviour.kind).toBe('honest');
				expect(error.message).toMatch(/x-total/);
				expect(error.message).toMatch(/changed/);
				return;
			}
			expect(new Set(ids).size).toBe(ids.length);
			for (const id of ids) expect(everPresent.has(id)).toBe(true);
			const throughout = [...everPresent].filter((id) => !removed.has(id) && !id.startsWith('new'));
			if (behaviour.kind === 'honest') expect(ids.filter((id) => throughout.includes(id)).sort()).toEqual([...throughout].sort());
			return;
		}

		const expected = expectedOutcome(rows, pageSize, behaviour);
		if ('rows' in expected) {
			expect(error?.message).toBeUndefined();
			if (!scenario.sort) return void expect(ids).toEqual(live);
			// Sorted: every row once, in the order asked for (ties in the server's order).
			expect([...ids].sort()).toEqual([...live].sort());
			const keys = items.map((item) => Number(item.json[scenario.sort!]));
			expect(keys.every(Number.isFinite)).toBe(true);
			expect(keys).toEqual([...keys].sort((a, b) => b - a));
			return;
		}
		expect(error).toBeDefined();
		expect(items).toEqual([]);
		expect(kindOf(error)).toBe(expected.kind);
		expect(error!.message).toMatch(/^[A-Z]/); // an English sentence, the behaviour first
		if (expected.kind === 'server') for (const said of expected.says) expect(error!.message).toMatch(said);
	} finally {
		sandbox.onListPage(null);
		await sandbox.close();
	}
}

propertyTest('Get Many Return All: exactly the server rows, or the error naming what the server does', 'get many paging', scenarioArb, runScenario, { quick: 40, soak: 1000 });
