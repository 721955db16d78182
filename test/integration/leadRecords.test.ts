/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Every record operation of the Lead resource, run through n8n-core against the sandbox over HTTP. */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const env = useSandbox();
const run = (parameters: INodeParameters, items?: Array<{ json: Record<string, unknown> }>, continueOnFail = false) =>
	runNode({ credentials: env.credentials, parameters: { resource: 'lead', ...parameters }, items: items as never, continueOnFail });
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('Create', () => {
	test('stores the typed fields and returns the server record', async () => {
		const { items, error } = await run({
			operation: 'create',
			type: 'opportunity',
			name: 'Globex — CRM rollout',
			additionalFields: {
				id: 'create-1',
				email_from: 'ops@globex.example.com',
				expected_revenue: 125000.5,
				active: true,
				priority: '2',
				date_deadline: '2026-03-01T10:00:00Z',
				activities: '[{"kind":"call"}]',
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ id: 'create-1', name: 'Globex — CRM rollout', type: 'opportunity' });
		expect(env.sandbox.getLead('create-1')).toMatchObject({
			type: 'opportunity',
			email_from: 'ops@globex.example.com',
			expected_revenue: 125000.5,
			active: 1,
			priority: '2',
			date_deadline: '2026-03-01 18:00:00',
			activities: [{ kind: 'call' }],
		});
	});

	test('without an ID the server generates one', async () => {
		const { items } = await run({ operation: 'create', type: 'lead', name: 'No id given' });
		const id = items[0].json.id as string;
		expect(id).toBeTruthy();
		expect(env.sandbox.getLead(id)).toMatchObject({ name: 'No id given', type: 'lead' });
	});

	test('Auto-Map Input Data creates one lead per item from the incoming JSON, ignoring unknown properties', async () => {
		const input = [
			{ json: { id: 'auto-1', type: 'lead', name: 'From sync 1', city: 'Lyon', probability: '35', crm_internal_note: 'x' } },
			{ json: { id: 'auto-2', type: 'Opportunity', name: 'From sync 2', is_blacklisted: 'no' } },
		];
		const { items, error } = await run({ operation: 'create', dataMode: 'autoMapInputData' }, input);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(env.sandbox.getLead('auto-1')).toMatchObject({ city: 'Lyon', probability: 35 });
		expect(env.sandbox.getLead('auto-1')).not.toHaveProperty('crm_internal_note');
		expect(env.sandbox.getLead('auto-2')).toMatchObject({ type: 'opportunity', is_blacklisted: 0 });
	});

	test('Extra Parameters reach the server body (kept as unknown properties)', async () => {
		await run({
			operation: 'create',
			type: 'lead',
			name: 'With extra',
			additionalFields: { id: 'extra-1' },
			extraParameters: { parameter: [{ name: 'x_custom_score', value: '17' }] },
		});
		expect(env.sandbox.getLead('extra-1')).toMatchObject({ x_custom_score: '17' });
	});
});

describe('Get, Update, Delete', () => {
	beforeAll(() => env.sandbox.insertLeads([{ id: 'gud-1', type: 'lead', name: 'Initech — audit', city: 'Austin', active: 1 }]));

	test('Get returns the record, simplified or in full, with converted values on request', async () => {
		const full = await run({ operation: 'get', leadId: byId('gud-1'), simplify: false });
		expect(full.items[0].json).toMatchObject({ id: 'gud-1', city: 'Austin', active: 1 });
		expect(Object.keys(full.items[0].json)).toHaveLength(95);
		const simple = await run({ operation: 'get', leadId: byId('gud-1'), simplify: true, options: { convertValues: true } });
		expect(simple.items[0].json).not.toHaveProperty('city');
		expect(simple.items[0].json.create_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
	});

	test('Update writes only the given fields and bumps write_date', async () => {
		const { items, error } = await run({
			operation: 'update',
			leadId: byId('gud-1'),
			updateFields: { stage_id: 'qualified', probability: 30 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: 'gud-1', stage_id: 'qualified' });
		expect(env.sandbox.getLead('gud-1')).toMatchObject({ city: 'Austin', stage_id: 'qualified', probability: 30 });
	});

	test('Update with Auto-Map keeps the key from the locator even if the item carries another id', async () => {
		await run({ operation: 'update', leadId: byId('gud-1'), dataMode: 'autoMapInputData' }, [
			{ json: { id: 'someone-else', city: 'Osaka' } },
		]);
		expect(env.sandbox.getLead('gud-1')).toMatchObject({ city: 'Osaka' });
		expect(env.sandbox.getLead('someone-else')).toBeUndefined();
	});

	test('Delete removes the record and reports it', async () => {
		const { items } = await run({ operation: 'delete', leadId: byId('gud-1') });
		expect(items[0].json).toEqual({ id: 'gud-1', deleted: true });
		expect(env.sandbox.getLead('gud-1')).toBeUndefined();
	});
});

describe('Create or Update (Save)', () => {
	test('creates when the ID is new and updates when it exists', async () => {
		const first = await run({ operation: 'upsert', id: 'save-1', name: 'Saved', additionalFields: { type: 'lead', city: 'Berlin' } });
		expect(first.error).toBeUndefined();
		expect(env.sandbox.getLead('save-1')).toMatchObject({ name: 'Saved', city: 'Berlin' });
		await run({ operation: 'upsert', id: 'save-1', name: 'Saved again', additionalFields: {} });
		expect(env.sandbox.getLead('save-1')).toMatchObject({ name: 'Saved again', city: 'Berlin', type: 'lead' });
		expect(env.sandbox.countLeads({ id: 'save-1' })).toBe(1);
	});

	test('from input items, the idempotent sync path: running twice leaves one lead per id', async () => {
		const input = [1, 2, 3].map((n) => ({ json: { id: `sync-${n}`, type: 'lead', name: `Sync ${n}` } }));
		await run({ operation: 'upsert', dataMode: 'autoMapInputData' }, input);
		const second = input.map((i) => ({ json: { ...i.json, name: `${i.json.name} v2` } }));
		await run({ operation: 'upsert', dataMode: 'autoMapInputData' }, second);
		for (const n of [1, 2, 3]) {
			expect(env.sandbox.countLeads({ id: `sync-${n}` })).toBe(1);
			expect(env.sandbox.getLead(`sync-${n}`)?.name).toBe(`Sync ${n} v2`);
		}
	});
});

describe('Get Draft and Check Key', () => {
	test('Get Draft returns defaults plus the given values and stores nothing', async () => {
		const before = env.sandbox.countLeads();
		const { items, error } = await run({ operation: 'getDraft', draftFields: { name: 'Draft', probability: 20, active: true } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'Draft', probability: 20, active: 1 });
		expect(env.sandbox.countLeads()).toBe(before);
	});

	test('Check Key says in words whether the key is taken, with the raw integer', async () => {
		env.sandbox.insertLeads([{ id: 'taken-1', type: 'lead', name: 'Taken' }]);
		const { items } = await run({ operation: 'checkKey', leadId: 'taken-1' }, [{ json: {} }]);
		expect(items[0].json).toEqual({ id: 'taken-1', exists: true, state: 'exists', result: 1, message: 'A lead with ID "taken-1" exists' });
		const free = await run({ operation: 'checkKey', leadId: 'free-1' });
		expect(free.items[0].json).toMatchObject({ exists: false, state: 'notFound', result: 0 });
	});
});

describe('Post Message With Template', () => {
	test('renders the template on the lead chatter with render values', async () => {
		env.sandbox.insertLeads([{ id: 'msg-1', type: 'lead', name: 'Hooli deal', contact_name: 'Grace Kim' }]);
		const { items, error } = await run({
			operation: 'postMessage',
			leadId: byId('msg-1'),
			template: 'crm.lead_followup',
			renderValues: { value: [{ name: 'note', value: 'pricing sent' }] },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe('msg-1');
		const messages = env.sandbox.listMessages('msg-1');
		expect(messages).toHaveLength(1);
		expect(messages[0].body).toContain('Grace Kim');
		expect(messages[0].body).toContain('pricing sent');
		expect(env.sandbox.getLead('msg-1')?.has_message).toBe(1);
	});
});

describe('errors and Continue On Fail', () => {
	test('a wrong token gives a clear 401 that does not contain the token', async () => {
		const { error } = await runNode({
			credentials: { ...env.credentials, accessToken: 'wrong-token-1234567' },
			parameters: { resource: 'lead', operation: 'get', leadId: byId('x') },
		});
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(error?.message).toMatch(/Authorization failed|401/);
		expect(JSON.stringify(error)).not.toContain('wrong-token-1234567');
	});

	test('a bad value names the field and the item', async () => {
		const { error } = await run({ operation: 'create', type: 'lead', name: 'x', additionalFields: { date_closed: 'soon' } });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Field "date_closed" expects a date and time (ISO 8601, yyyy-MM-dd HH:mm:ss in the server\'s time zone, or epoch seconds/milliseconds), got "soon"',
		);
	});

	test('without Continue On Fail a bad value in a later item stops the node before any request is sent', async () => {
		env.sandbox.resetRequests();
		const input = [
			{ json: { id: 'early-1', type: 'lead', name: 'would be fine' } },
			{ json: { id: 'early-2', type: 'lead', name: 'bad', probability: 'high' } },
		];
		const { error } = await run({ operation: 'create', dataMode: 'autoMapInputData' }, input);
		expect(error?.message).toBe('Field "probability" expects a number, got "high"');
		expect(env.sandbox.requests).toEqual([]);
		expect(env.sandbox.getLead('early-1')).toBeUndefined();
	});

	test('with Continue On Fail the bad item becomes an error item and the others still go through, in order', async () => {
		const input = [
			{ json: { id: 'cof-1', type: 'lead', name: 'ok 1' } },
			{ json: { id: 'cof-2', type: 'lead', name: 'bad', probability: 'high' } },
			{ json: { id: 'cof-3', type: 'customer', name: 'rejected by options' } },
			{ json: { id: 'cof-4', type: 'lead', name: 'ok 4' } },
		];
		const { items, error } = await run({ operation: 'create', dataMode: 'autoMapInputData' }, input, true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.id).toBe('cof-1');
		expect(items[1].json.error).toBe('Field "probability" expects a number, got "high"');
		expect(items[2].json.error).toContain('Field "type" must be one of');
		expect(items[3].json.id).toBe('cof-4');
		expect(env.sandbox.getLead('cof-2')).toBeUndefined();
		expect(env.sandbox.getLead('cof-4')).toBeDefined();
	});
});
