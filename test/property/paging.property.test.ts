/**
 * Get Many (Return All) and paging, checked at random against the sandbox.
 * - On a list that does not change: exactly the server's rows, each once — or, when the server's
 *   signals disagree (x-total lying, pages capped silently, `page` ignored) or it answers busy or
 *   cut, a clear error of a known kind. Never a short, padded or duplicated list.
 * - On a list that gains or loses a row between two page requests: the same, where "the rows"
 *   means every row present throughout and none that never was — when the server sends x-total;
 *   without paging headers a moved list cannot be noticed (found by this property; documented).
 * Generated: flavour, row count, Page Size (including sizes over the sandbox's silent cap),
 * server behaviour, and writes between the node's page requests.
 */
import fc from 'fast-check';
import type { ExecutionError } from 'n8n-workflow';

import { createSandbox, type FaultMode, type Flavour, type Sandbox } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { propertyTest } from './settings';

type Behaviour = 'honest' | 'no-paging-headers' | 'huge-page' | 'lie-x-total' | 'silent-page-cap' | 'ignore-page' | 'wrong-paging-headers' | 'busy' | 'cut';
type Move = { kind: 'create' } | { kind: 'delete'; pick: number };

interface Scenario {
	flavour: Flavour;
	rows: number;
	pageSize: number;
	behaviour: Behaviour;
	/** One write before each page request after the first (the list moves under the walk). */
	moves: Move[];
}

const TEAM = 'team_asia';
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
	flavour: fc.constantFrom<Flavour>('cloud', 'classic'),
	rows: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 95, max: 260 })),
	pageSize: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 99, max: 300 })),
	behaviour: fc.constantFrom<Behaviour>('honest', 'honest', 'no-paging-headers', 'huge-page', 'lie-x-total', 'silent-page-cap', 'ignore-page', 'wrong-paging-headers', 'busy', 'cut'),
	moves: fc.oneof(fc.constant<Move[]>([]), fc.array(fc.oneof(fc.constant<Move>({ kind: 'create' }), fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(300) })), { maxLength: 3 })),
});

const FAULTS: Partial<Record<Behaviour, FaultMode>> = {
	'no-paging-headers': 'no-paging-headers',
	'huge-page': 'huge-page',
	'lie-x-total': 'lie-x-total',
	'silent-page-cap': 'silent-page-cap',
	'ignore-page': 'ignore-page',
	'wrong-paging-headers': 'wrong-paging-headers',
};

const kindOf = (error?: ExecutionError) => (error?.context as { errorKind?: string } | undefined)?.errorKind;

function setUp(sandbox: Sandbox, scenario: Scenario): { live: string[]; everPresent: Set<string> } {
	const live = Array.from({ length: scenario.rows }, (_, i) => `g${i}`);
	sandbox.insertLeads(live.map((id) => ({ id, type: 'lead', name: `Lead ${id}`, team_id: TEAM })));
	return { live, everPresent: new Set(live) };
}

async function runScenario(scenario: Scenario): Promise<void> {
	const sandbox = await createSandbox({ flavour: scenario.flavour, faults: true });
	try {
		const { live, everPresent } = setUp(sandbox, scenario);
		const removed = new Set<string>();
		let created = 0;
		const moves = [...scenario.moves];
		sandbox.onListPage(({ page }) => {
			const move = page >= 1 ? moves.shift() : undefined;
			if (!move) return;
			if (move.kind === 'create') {
				const id = `new${created++}`;
				sandbox.insertLeads([{ id, type: 'lead', name: id, team_id: TEAM }]);
				live.push(id);
				everPresent.add(id);
			} else if (live.length > 0) {
				const [id] = live.splice(move.pick % live.length, 1);
				sandbox.deleteLead(id);
				removed.add(id);
			}
		});
		const fault = FAULTS[scenario.behaviour];
		if (fault) sandbox.injectFault({ mode: fault, pathIncludes: 'fetch_default' });
		if (scenario.behaviour === 'busy') sandbox.injectFault({ mode: 'status-503', times: 1, pathIncludes: 'fetch_default', retryAfter: 0 });
		if (scenario.behaviour === 'cut') sandbox.injectFault({ mode: 'truncated-json', times: 1, pathIncludes: 'fetch_default' });
		const moved = scenario.moves.length > 0;

		const { items, error } = await runNode({
			credentials: { baseUrl: sandbox.url, accessToken: sandbox.token },
			parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: { n_team_id_eq: TEAM }, options: { pageSize: scenario.pageSize } },
		});
		const ids = items.map((item) => String(item.json.id));
		if (error) {
			expect(items).toEqual([]);
			expect(['server', 'busy', 'connection']).toContain(kindOf(error));
			expect(error.message).toMatch(/^[A-Z]/); // an English sentence, the behaviour first
			// An error is only acceptable when something was wrong: a fault, or a list that moved.
			expect(scenario.behaviour !== 'honest' || moved).toBe(true);
			return;
		}
		// Never duplicated; never a row that was not there; never short of a row present throughout.
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(everPresent.has(id)).toBe(true);
		// Without x-total nothing shows that the list moved between pages (a documented limit): only
		// with paging headers must every row present throughout come back.
		const throughout = [...everPresent].filter((id) => !removed.has(id) && !id.startsWith('new'));
		if (scenario.behaviour !== 'no-paging-headers') expect(ids.filter((id) => throughout.includes(id)).sort()).toEqual([...throughout].sort());
		// Where the server's signals disagree with its rows, no list may come back at all.
		const rowsNow = live.length;
		const disagreeing =
			(scenario.behaviour === 'lie-x-total' && Math.floor(rowsNow / 3) !== rowsNow) ||
			scenario.behaviour === 'ignore-page' ||
			scenario.behaviour === 'wrong-paging-headers' ||
			(scenario.behaviour === 'silent-page-cap' && scenario.pageSize > 100 && rowsNow > 100);
		expect(disagreeing).toBe(false);
		if (!moved) expect(ids.length).toBe(scenario.rows);
	} finally {
		sandbox.onListPage(null);
		await sandbox.close();
	}
}

propertyTest('Get Many Return All: exactly the server rows, or a clear error when its paging signals disagree', 'get many paging', scenarioArb, runScenario, { quick: 40, soak: 1000 });
