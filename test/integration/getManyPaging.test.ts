/**
 * Get Many (Return All) against servers whose paging signals disagree (issue 26, defect 9): a clear
 * error that names the behaviour, never a silently short or duplicated list. Both flavours.
 */
import type { ExecutionError } from 'n8n-workflow';

import type { FaultSpec, Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const kindOf = (error?: ExecutionError) => (error?.context as { errorKind?: string } | undefined)?.errorKind;

describe.each<Flavour>(['cloud', 'classic'])('%s flavour', (flavour) => {
	const env = useSandbox({ flavour, faults: true });
	const TEAM = 'team_paging';
	beforeAll(() => {
		env.sandbox.insertLeads(
			Array.from({ length: 300 }, (_, i) => ({ id: `pg-${String(i).padStart(3, '0')}`, type: 'lead', name: `Paging ${i}`, team_id: TEAM, probability: i % 100 })),
		);
	});
	afterEach(() => env.sandbox.clearFaults());

	const getAll = (pageSize: number, sort?: string) =>
		runNode({
			credentials: env.credentials,
			parameters: {
				resource: 'lead',
				operation: 'getMany',
				returnAll: true,
				filters: { n_team_id_eq: TEAM },
				...(sort ? { sort: { rule: [{ field: sort, direction: 'desc' }] } } : {}),
				options: { pageSize },
			},
		});
	const withFault = (mode: FaultSpec['mode']) => env.sandbox.injectFault({ mode, pathIncludes: 'fetch_default' });

	test('an honest server: exactly its 300 rows, each once', async () => {
		const { items, error } = await getAll(100);
		expect(error).toBeUndefined();
		expect(new Set(items.map((i) => i.json.id)).size).toBe(300);
		expect(items).toHaveLength(300);
	});

	test('x-total lying low (300 rows, x-total 100) is an error naming x-total', async () => {
		withFault('lie-x-total');
		const { items, error } = await getAll(100);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^The server's x-total header says 100 rows/);
		expect(kindOf(error)).toBe('server');
	});

	test('x-total lying low with a page larger than the total is an error too', async () => {
		withFault('lie-x-total');
		const { error } = await getAll(500);
		expect(error?.message).toMatch(/^The server's x-total header says 100 rows/);
		expect(kindOf(error)).toBe('server');
	});

	test('pages capped at 100 without x-per-page (x-total 300, Page Size 500) is an error naming the cap', async () => {
		withFault('silent-page-cap');
		const { items, error } = await getAll(500);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^The server caps pages at 100 rows without saying so/);
		expect(error?.message).toMatch(/Page Size/);
		expect(kindOf(error)).toBe('server');
	});

	test('a sort on a number is honoured by an honest server, and a server that ignores `sort` is an error naming it', async () => {
		const sorted = await getAll(100, 'probability');
		expect(sorted.error).toBeUndefined();
		const probabilities = sorted.items.map((i) => Number(i.json.probability));
		expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
		withFault('ignore-sort');
		const { items, error } = await getAll(100, 'probability');
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^The server ignores the "sort" parameter: it was asked for probability descending/);
		expect(kindOf(error)).toBe('server');
	});

	test('a busy answer to a page request is retried per Retries When Busy (the list call only reads)', async () => {
		env.sandbox.resetRequests();
		env.sandbox.injectFault({ mode: 'status-503', after: 1, times: 2, retryAfter: 0, pathIncludes: 'fetch_default' });
		const retried = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: { n_team_id_eq: TEAM }, options: { pageSize: 100, maxRetries: 2 } },
		});
		expect(retried.error).toBeUndefined();
		expect(new Set(retried.items.map((i) => i.json.id)).size).toBe(300);
		// Pages 0–3 (the last one empty proves x-total), and page 1 twice more.
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([200, 503, 503, 200, 200, 200]);

		env.sandbox.injectFault({ mode: 'status-503', after: 1, times: 2, retryAfter: 0, pathIncludes: 'fetch_default' });
		const spent = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: { n_team_id_eq: TEAM }, options: { pageSize: 100, maxRetries: 1 } },
		});
		expect(spent.items).toEqual([]);
		expect(kindOf(spent.error)).toBe('busy');
	});

	test('a server that ignores `page` is an error naming the page parameter', async () => {
		withFault('ignore-page');
		const { error } = await getAll(100);
		expect(error?.message).toMatch(/seems to ignore the "page" parameter/);
		expect(kindOf(error)).toBe('server');
	});
});
