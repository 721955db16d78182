/** CRM Lead Trigger: polls against the sandbox over HTTP through n8n-core's PollContext. */
import type { Sandbox } from '../../sandbox/server';
import { triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';

const env = useSandbox({ seed: 30 });

async function api(sandbox: Sandbox, method: string, path: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return (await response.json()) as Record<string, unknown>;
}
const create = (id: string, extra: Record<string, unknown> = {}) =>
	api(env.sandbox, 'POST', '/crm_leads', { id, type: 'lead', name: `Lead ${id}`, ...extra });
const update = (id: string, body: Record<string, unknown>) => api(env.sandbox, 'PUT', `/crm_leads/${id}`, body);

let clock = Date.UTC(2026, 5, 1, 0, 0, 0);
/** Moves the sandbox clock on by whole seconds (0 = stay in the same second). */
const tick = (seconds = 1) => env.sandbox.setNow(new Date((clock += seconds * 1000)));
const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((i) => i.json.id);

afterEach(() => env.sandbox.setNow(null));

test('Lead Created: the first poll starts from now; later polls emit each new lead once, oldest first', async () => {
	tick();
	const trigger = triggerHarness(env.credentials, { event: 'created', simplify: true });
	expect(await trigger.poll()).toEqual([]);
	tick();
	await create('c-1');
	tick();
	await create('c-2');
	await create('c-3');
	const first = await trigger.poll();
	expect(ids(first)).toEqual(['c-1', 'c-2', 'c-3']);
	expect(await trigger.poll()).toEqual([]);
	tick();
	await create('c-4');
	expect(ids(await trigger.poll())).toEqual(['c-4']);
});

test('same-second boundary: a lead written in the second already seen comes out once, later', async () => {
	tick();
	const trigger = triggerHarness(env.credentials, { event: 'created' });
	await trigger.poll();
	tick();
	await create('s-1');
	expect(ids(await trigger.poll())).toEqual(['s-1']);
	tick(0); // same second as s-1
	await create('s-2');
	await create('s-3');
	expect(ids(await trigger.poll())).toEqual(['s-2', 's-3']);
	expect(await trigger.poll()).toEqual([]);
	// The last minute's changes are remembered by timestamp text until a poll 60 s on closes them.
	const state = trigger.staticData().state as { open: Record<string, string[]> };
	expect(Object.values(state.open).flat()).toEqual(expect.arrayContaining(['s-1', 's-2', 's-3']));
	tick(61);
	expect(await trigger.poll()).toEqual([]);
	expect((trigger.staticData().state as { open: Record<string, string[]> }).open).toEqual({});
});

test('Lead Updated fires for changes, not for fresh creations unless asked', async () => {
	tick();
	const updates = triggerHarness(env.credentials, { event: 'updated' });
	const withNew = triggerHarness(env.credentials, { event: 'updated', options: { includeCreated: true } });
	await updates.poll();
	await withNew.poll();
	tick();
	await create('u-new');
	tick();
	await update('L000003', { stage_id: 'won' });
	expect(ids(await updates.poll())).toEqual(['L000003']);
	expect(ids(await withNew.poll())).toEqual(['u-new', 'L000003']);
	tick();
	await update('L000003', { stage_id: 'lost' });
	expect(ids(await updates.poll())).toEqual(['L000003']);
});

test('filters reuse Get Many filters', async () => {
	tick();
	const trigger = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_asia' } });
	await trigger.poll();
	tick();
	await create('f-1', { team_id: 'team_europe' });
	await create('f-2', { team_id: 'team_asia' });
	expect(ids(await trigger.poll())).toEqual(['f-2']);
});

test('manual mode ("Fetch Test Event") returns the most recent matching lead', async () => {
	tick();
	await create('m-1', { team_id: 'team_manual' });
	const trigger = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'team_manual' } });
	expect(ids(await trigger.poll('manual'))).toEqual(['m-1']);
	const none = triggerHarness(env.credentials, { event: 'created', filters: { n_team_id_eq: 'no_such_team' } });
	await expect(none.poll('manual')).rejects.toThrow('No lead matches the trigger yet');
});

test('a poll costs one request when few leads changed, however big the table', async () => {
	tick();
	env.sandbox.insertLeads(
		Array.from({ length: 10_000 }, (_, i) => ({
			id: `bulk-${i}`,
			type: 'lead',
			name: `Bulk ${i}`,
			create_date: '2025-01-01 00:00:00',
			write_date: '2025-01-01 00:00:00',
		})),
	);
	const trigger = triggerHarness(env.credentials, { event: 'created' });
	await trigger.poll();
	tick();
	await create('b-1');
	await create('b-2');
	await create('b-3');
	env.sandbox.resetRequests();
	expect(ids(await trigger.poll())).toEqual(['b-1', 'b-2', 'b-3']);
	expect(env.sandbox.requests.filter((r) => r.path.endsWith('fetch_default'))).toHaveLength(1);
});

test('the stage filter takes a stage picked by name (a resource locator) as well as a plain ID, and both are one configuration', async () => {
	tick();
	const picked = triggerHarness(env.credentials, { event: 'created', filters: { n_stage_id_eq: { __rl: true, mode: 'list', value: 'won', cachedResultName: 'Won (won)' } } });
	const plain = triggerHarness(env.credentials, { event: 'created', filters: { n_stage_id_eq: 'won' } });
	await picked.poll();
	await plain.poll();
	tick();
	await create('st-1', { stage_id: 'won' });
	await create('st-2', { stage_id: 'new' });
	expect(ids(await picked.poll())).toEqual(['st-1']);
	expect(ids(await plain.poll())).toEqual(['st-1']);
	expect(picked.staticData().configuration).toBe(plain.staticData().configuration);
});
