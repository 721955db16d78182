/**
 * Two polls of one CRM Lead Trigger at the same time hand each lead out once.
 *
 * n8n 2.41.1 runs them: after a restart its durable scheduler fires every overdue poll time of a
 * node at once, and two Poll Times items can fall on the same second. With durable cursors each
 * poll reads its own copy of the cursor and n8n commits both (docs/durable-cursors.md, measured by
 * `npm run test:crash`); with the cursor in static data both read the same object.
 */
import type { Sandbox } from '../../sandbox/server';
import { cursorTriggerHarness, triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';

const env = useSandbox({ seed: 0 });

async function create(sandbox: Sandbox, id: string) {
	const response = await fetch(`${sandbox.url}/crm_leads`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ id, type: 'lead', name: `Lead ${id}` }),
	});
	expect(response.ok).toBe(true);
}

let clock = Date.UTC(2026, 6, 1, 0, 0, 0);
const tick = (seconds = 1) => env.sandbox.setNow(new Date((clock += seconds * 1000)));
const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => String(item.json.id));

afterEach(() => env.sandbox.setNow(null));

test('durable cursors: two polls started together, each on its own copy of the cursor, hand a lead out once', async () => {
	tick();
	const trigger = cursorTriggerHarness(env.credentials, { event: 'created' });
	expect(await trigger.poll()).toEqual([]); // activation
	tick();
	await create(env.sandbox, 'ov-1');
	tick();
	const [first, second] = await Promise.all([trigger.poll(), trigger.poll()]);
	expect([...ids(first), ...ids(second)]).toEqual(['ov-1']);
	// and the lead is not handed out again by the polls after them
	tick();
	await create(env.sandbox, 'ov-2');
	tick();
	expect(ids(await trigger.poll())).toEqual(['ov-2']);
	expect(await trigger.poll()).toEqual([]);
});

test('durable cursors: a poll that read the cursor before an earlier poll handed leads out hands nothing out', async () => {
	tick();
	const trigger = cursorTriggerHarness(env.credentials, { event: 'created' });
	await trigger.poll();
	tick();
	await create(env.sandbox, 'st-1');
	tick();
	// n8n reads a poll's cursor when its task starts; the poll itself may run after another one returned
	const latePoll = trigger.prepare();
	expect(ids(await trigger.poll())).toEqual(['st-1']);
	expect(await latePoll()).toEqual([]);
	// the next poll reads the committed cursor: nothing new, then new leads as usual
	expect(await trigger.poll()).toEqual([]);
	tick();
	await create(env.sandbox, 'st-2');
	tick();
	expect(ids(await trigger.poll())).toEqual(['st-2']);
});

test('static data: two polls at the same time on the same static data hand a lead out once', async () => {
	tick();
	const trigger = triggerHarness(env.credentials, { event: 'created' });
	await trigger.poll();
	tick();
	await create(env.sandbox, 'sd-1');
	tick();
	const [first, second] = await Promise.all([trigger.poll(), trigger.poll()]);
	expect([...ids(first), ...ids(second)]).toEqual(['sd-1']);
	tick();
	await create(env.sandbox, 'sd-2');
	tick();
	expect(ids(await trigger.poll())).toEqual(['sd-2']);
});
