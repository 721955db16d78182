/**
 * The CRM Lead Trigger against a server that changes (or misbehaves) while it polls: issue 26's
 * defects 3, 4, 5, 6 and the trigger half of 9, each in both server flavours.
 */
import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';

const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((i) => String(i.json.id));
const kindOf = (error: unknown) => (error as { context?: { errorKind?: string } }).context?.errorKind;
const listRequests = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.path.endsWith('fetch_default')).length;

describe.each<Flavour>(['cloud', 'classic'])('%s flavour', (flavour) => {
	const env = useSandbox({ flavour, faults: true });
	let clock = Date.UTC(2026, 5, 1, 0, 0, 0);
	/** Moves the server clock on by whole seconds. */
	const tick = (seconds = 1) => env.sandbox.setNow(new Date((clock += seconds * 1000)));
	const create = (id: string, extra: Record<string, unknown> = {}) =>
		env.sandbox.insertLeads([{ id, type: 'lead', name: `Lead ${id}`, ...extra }]);

	afterEach(() => {
		env.sandbox.onListPage(null);
		env.sandbox.clearFaults();
	});

	test.each([
		['deleted', 'del', (sandbox: Sandbox, id: string) => sandbox.deleteLead(id)],
		['edited out of the filters', 'edit', (sandbox: Sandbox, id: string) => sandbox.updateLead(id, { team_id: 'team_europe' })],
	])('defect 3: a lead %s between two page requests costs no other lead', async (_label, prefix, move) => {
		tick(10);
		const filters = { n_team_id_eq: `team_moving_${prefix}` };
		const trigger = triggerHarness(env.credentials, { event: 'created', filters, options: { pageSize: 2 } });
		await trigger.poll();
		for (let n = 1; n <= 6; n++) {
			tick();
			create(`${prefix}-${n}`, { team_id: filters.n_team_id_eq });
		}
		let moved = false;
		env.sandbox.onListPage(({ page }) => {
			if (page === 1 && !moved) {
				moved = true;
				move(env.sandbox, `${prefix}-6`);
			}
		});
		const emitted = [...ids(await trigger.poll()), ...ids(await trigger.poll()), ...ids(await trigger.poll())];
		expect(moved).toBe(true);
		// The sixth was read before it went away: it may come out (once); every other lead comes out exactly once.
		expect(emitted.filter((id) => id !== `${prefix}-6`)).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix}-${n}`));
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	test('defect 4: an idle poll over 30,000 leads written in one second costs one request and keeps little static data', async () => {
		tick(10);
		// The clock is pinned: every lead of the import gets the same create_date and write_date second.
		env.sandbox.insertLeads(
			Array.from({ length: 30_000 }, (_, i) => ({ id: `same-${i}`, type: 'lead', name: `Same second ${i}`, team_id: 'team_import' })),
		);
		const trigger = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_import' } });
		tick(120); // the import is two minutes old when the trigger is activated and polls
		await trigger.poll();
		tick(60);
		env.sandbox.resetRequests();
		expect(await trigger.poll()).toEqual([]);
		expect(listRequests(env.sandbox)).toBeLessThanOrEqual(2);
		expect(JSON.stringify(trigger.staticData()).length).toBeLessThan(2_000);
		tick(60);
		create('after-import', { team_id: 'team_import' });
		expect(ids(await trigger.poll())).toEqual(['after-import']);
	}, 60_000);

	test('defect 4: a burst in one second comes out once, in polls of at most Max Leads Per Poll; once a poll has read its closed second, idle polls cost one request', async () => {
		tick(10);
		const trigger = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_burst' }, options: { pageSize: 500 } });
		const wide = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_burst' }, options: { pageSize: 500, maxLeadsPerPoll: 5000 } });
		await trigger.poll();
		await wide.poll();
		tick();
		env.sandbox.insertLeads(Array.from({ length: 3_000 }, (_, i) => ({ id: `burst-${i}`, type: 'lead', name: `Burst ${i}`, team_id: 'team_burst' })));
		// Default Max Leads Per Poll (1,000): three polls; a larger one: all at once.
		const batches = [ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll())];
		expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, 1000]);
		expect(new Set(batches.flat()).size).toBe(3_000);
		expect(await trigger.poll()).toEqual([]);
		expect(ids(await wide.poll())).toHaveLength(3_000);
		tick(120);
		// The first poll after the second closed reads it once more (a lead may have landed in it since); then it is settled.
		expect(await trigger.poll()).toEqual([]);
		tick(60);
		env.sandbox.resetRequests();
		expect(await trigger.poll()).toEqual([]);
		expect(listRequests(env.sandbox)).toBe(1);
		expect(JSON.stringify(trigger.staticData()).length).toBeLessThan(2_000);
	}, 60_000);

	test('found by the property suite: a lead written into the boundary second after the last read still comes out when that second closes', async () => {
		tick(10);
		const filters = { n_team_id_eq: 'team_late' };
		create('late-0', { team_id: 'team_late' });
		const trigger = triggerHarness(env.credentials, { event: 'created', filters });
		await trigger.poll(); // activation in late-0's second
		create('late-1', { team_id: 'team_late' }); // same second, after the activation read
		tick(120);
		expect(ids(await trigger.poll())).toEqual(['late-1']);
	});

	test('found by the property suite (late commits): a lead stamped 30 s before it became visible still comes out after a newer one was handed out', async () => {
		tick(10);
		const filters = { n_team_id_eq: 'team_late_commit' };
		const trigger = triggerHarness(env.credentials, { event: 'created', filters });
		await trigger.poll();
		tick(5);
		create('commit-1', { team_id: filters.n_team_id_eq });
		tick(2);
		expect(ids(await trigger.poll())).toEqual(['commit-1']);
		tick(3);
		// A transaction that began 30 s ago commits now: its create_date lies before commit-1's.
		env.sandbox.setStampLag(30);
		try {
			create('commit-late', { team_id: filters.n_team_id_eq });
		} finally {
			env.sandbox.setStampLag(0);
		}
		expect(String(env.sandbox.getLead('commit-late')?.create_date) < String(env.sandbox.getLead('commit-1')?.create_date)).toBe(true);
		expect(ids(await trigger.poll())).toEqual(['commit-late']);
		tick(61);
		expect(await trigger.poll()).toEqual([]);
	});

	test('a server without a Date header: nothing is missed; idle polls read the minute before the newest change again', async () => {
		const bare = await createSandbox({ flavour, dateHeader: false });
		try {
			bare.setNow(new Date(clock));
			const credentials = { baseUrl: bare.url, accessToken: bare.token };
			const trigger = triggerHarness(credentials, { event: 'created' });
			await trigger.poll();
			bare.setNow(new Date(clock + 5_000));
			bare.insertLeads([{ id: 'bare-1', type: 'lead', name: 'Bare 1' }]);
			expect(ids(await trigger.poll())).toEqual(['bare-1']);
			bare.setNow(new Date(clock + 9_000));
			bare.setStampLag(30); // stamped before bare-1
			bare.insertLeads([{ id: 'bare-late', type: 'lead', name: 'Bare late' }]);
			bare.setStampLag(0);
			expect(ids(await trigger.poll())).toEqual(['bare-late']);
			bare.setNow(new Date(clock + 600_000));
			bare.resetRequests();
			expect(await trigger.poll()).toEqual([]);
			expect(listRequests(bare)).toBeLessThanOrEqual(2);
		} finally {
			await bare.close();
		}
	});

	test('found by the property suite: a lead edited to the top between pages of size 1 is no "ignored page"', async () => {
		tick(10);
		const trigger = triggerHarness(env.credentials, { event: 'updated', filters: { n_team_id_eq: 'team_jump' }, options: { pageSize: 1, includeCreated: true } });
		await trigger.poll();
		tick();
		for (const n of [1, 2, 3]) create(`jump-${n}`, { team_id: 'team_jump' });
		tick(700);
		const edits = ['jump-1', 'jump-2'];
		env.sandbox.onListPage(({ page }) => {
			const id = page === 1 ? edits.shift() : undefined;
			if (id) env.sandbox.updateLead(id, { name: `edited ${id}` }); // jumps to the top: page 1 repeats page 0
		});
		const emitted = ids(await trigger.poll());
		expect([...emitted].sort()).toEqual(['jump-1', 'jump-2', 'jump-3']);
	});

	test('defect 5: a server that ignores `sort` gets a clear error, not old leads or lost new ones', async () => {
		tick(10);
		for (let n = 1; n <= 5; n++) create(`old-${n}`, { team_id: 'team_unsorted', create_date: `2025-0${n}-01 00:00:00` });
		const trigger = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_unsorted' } });
		env.sandbox.injectFault({ mode: 'ignore-sort', pathIncludes: 'fetch_default' });
		const failure = await trigger.poll().then(
			(items) => ({ items }),
			(error: unknown) => ({ error }),
		);
		expect('error' in failure).toBe(true);
		const error = (failure as { error: Error }).error;
		expect(error.message).toMatch(/^The server ignores the "sort" parameter/);
		expect(kindOf(error)).toBe('server');
	});

	test('defect 9: a page cut short without x-per-page while x-total says more is an error, not the end of the walk', async () => {
		tick(10);
		const trigger = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_capped' }, options: { pageSize: 500 } });
		await trigger.poll();
		tick();
		env.sandbox.insertLeads(
			Array.from({ length: 300 }, (_, i) => ({ id: `cap-${String(i).padStart(3, '0')}`, type: 'lead', name: `Capped ${i}`, team_id: 'team_capped' })),
		);
		env.sandbox.injectFault({ mode: 'silent-page-cap', pathIncludes: 'fetch_default' });
		await expect(trigger.poll()).rejects.toThrow(/caps pages at 100 rows without saying so/);
		env.sandbox.clearFaults();
		// Nothing was lost by the failed poll: the next poll hands out all 300.
		expect(await trigger.poll()).toHaveLength(300);
	});
});

describe('defect 6: daylight-saving fall-back in the server zone (Europe/Berlin)', () => {
	describe.each<Flavour>(['cloud', 'classic'])('%s flavour', (flavour) => {
		const env = useSandbox({ flavour, timeZone: 'Europe/Berlin' });
		const credentials = () => ({ ...env.credentials, timeZone: 'Europe/Berlin' });
		const at = (iso: string) => env.sandbox.setNow(new Date(iso));
		afterAll(() => env.sandbox.setNow(null));

		test('found by the soak (seed 1244562772): leads of the second pass of the repeated hour stop costing requests an hour + 60 s on', async () => {
			at('2026-10-25T00:40:00Z'); // 02:40 CEST, an empty list
			const filters = { n_team_id_eq: `team_soak_${flavour}` };
			const trigger = triggerHarness(credentials(), { event: 'created', filters, options: { pageSize: 1 } });
			await trigger.poll();
			at('2026-10-25T01:10:00Z'); // 02:10 CET: a text older than the starting point
			env.sandbox.insertLeads(['x', 'y'].map((n) => ({ id: `soak-${flavour}-${n}`, type: 'lead', name: n, team_id: filters.n_team_id_eq })));
			expect(ids(await trigger.poll()).sort()).toEqual([`soak-${flavour}-x`, `soak-${flavour}-y`]);
			at('2026-10-25T01:11:01Z');
			expect(await trigger.poll()).toEqual([]);
			at('2026-10-25T01:12:02Z');
			env.sandbox.resetRequests();
			expect(await trigger.poll()).toEqual([]);
			expect(env.sandbox.requests.filter((r) => r.path.endsWith('fetch_default'))).toHaveLength(1);
		});

		test('a lead written at 02:10 CET, 40 minutes after one at 02:30 CEST, comes out once', async () => {
			at('2026-10-24T22:00:00Z');
			const filters = { n_team_id_eq: `team_dst_${flavour}` };
			const trigger = triggerHarness(credentials(), { event: 'created', filters });
			await trigger.poll();
			at('2026-10-25T00:30:00Z'); // 02:30 CEST
			env.sandbox.insertLeads([{ id: 'dst-a', type: 'lead', name: 'A', team_id: filters.n_team_id_eq }]);
			at('2026-10-25T00:45:00Z');
			expect(ids(await trigger.poll())).toEqual(['dst-a']);
			at('2026-10-25T01:10:00Z'); // 02:10 CET: its wall-clock text sorts before 02:30
			env.sandbox.insertLeads([{ id: 'dst-b', type: 'lead', name: 'B', team_id: filters.n_team_id_eq }]);
			at('2026-10-25T01:20:00Z');
			expect(ids(await trigger.poll())).toEqual(['dst-b']);
			at('2026-10-25T01:40:00Z'); // 02:40 CET
			env.sandbox.insertLeads([{ id: 'dst-c', type: 'lead', name: 'C', team_id: filters.n_team_id_eq }]);
			at('2026-10-25T02:30:00Z');
			expect(ids(await trigger.poll())).toEqual(['dst-c']);
			at('2026-10-25T04:00:00Z');
			expect(await trigger.poll()).toEqual([]);
		});
	});
});

test('a Server Time Zone the trigger cannot read timestamps in fails the poll clearly instead of never emitting', async () => {
	const trigger = triggerHarness({ baseUrl: 'http://127.0.0.1:9', accessToken: 'unused', timeZone: 'GMT+8 Beijing' }, { event: 'created' });
	const error = await trigger.poll().catch((e: unknown) => e as Error);
	expect((error as Error).message).toMatch(/^Server Time Zone "GMT\+8 Beijing" is not a time zone: use an IANA name/);
	expect(kindOf(error)).toBe('invalidValue');
});
