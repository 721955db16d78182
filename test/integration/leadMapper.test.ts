/**
 * Version 2: Create, Update, Create or Update and Get Draft take the lead's fields through the
 * resource mapper (Map Each Field Below, or Map Automatically), run through n8n-core against the
 * sandbox. The values still go through fields/convert, so errors name the field.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SIMPLIFIED_FIELD_NAMES } from '../../nodes/CrmLead/fields/leadFields';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const env = useSandbox();
const run = (parameters: INodeParameters, items?: Array<{ json: Record<string, unknown> }>, continueOnFail = false) =>
	runNode({
		credentials: env.credentials,
		parameters: { resource: 'lead', ...parameters },
		items: items as never,
		continueOnFail,
		typeVersion: 2,
	});
/** The mapper's value as the editor stores it: every listed field, null where nothing was mapped. */
const mapped = (value: Record<string, unknown>, mappingMode = 'defineBelow') => ({
	columns: { mappingMode, value: { city: null, email_from: null, ...value }, matchingColumns: ['id'], schema: [] },
});

describe('Create (version 2)', () => {
	test('sends the mapped fields converted to wire values, and nothing for fields left empty', async () => {
		const { items, error } = await run({
			operation: 'create',
			...mapped({
				id: 'v2-create-1',
				type: 'Opportunity',
				name: '={{ $json.title }}',
				expected_revenue: '1200.5',
				active: true,
				date_deadline: '2026-03-01T10:00:00Z',
				activities: '[{"kind":"call"}]',
				phone: '',
			}),
		}, [{ json: { title: 'Mapped from the input' } }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: 'v2-create-1', name: 'Mapped from the input', type: 'opportunity' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(env.sandbox.getLead('v2-create-1')).toMatchObject({
			type: 'opportunity',
			expected_revenue: 1200.5,
			active: 1,
			date_deadline: '2026-03-01 18:00:00',
			activities: [{ kind: 'call' }],
			city: null,
			phone: null,
		});
	});

	test('Type is required on Create, named in the error, before anything is sent', async () => {
		env.sandbox.resetRequests();
		const { error } = await run({ operation: 'create', ...mapped({ name: 'no type' }) });
		expect(error?.message).toBe('Field "type" is required to create a lead: map Type to lead or opportunity');
		expect(env.sandbox.requests).toEqual([]);
	});

	test('a bad value is refused by the field table, naming the field and the item', async () => {
		const { items } = await run(
			{ operation: 'create', ...mapped({ type: 'lead', name: '={{ $json.name }}', probability: '={{ $json.probability }}' }) },
			[{ json: { name: 'ok', probability: 10 } }, { json: { name: 'bad', probability: 'high' } }],
			true,
		);
		expect(items[1].json.error).toBe('Field "probability" expects a number, got "high"');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[0].json.name).toBe('ok');
	});

	test('Map Automatically takes the input item as the lead; unknown properties are ignored, or fail on request', async () => {
		const input = [{ json: { id: 'v2-auto-1', type: 'lead', name: 'From a form', city: 'Lyon', utm_campaign: 'x' } }];
		const { error } = await run({ operation: 'create', columns: { mappingMode: 'autoMapInputData', value: null } }, input);
		expect(error).toBeUndefined();
		expect(env.sandbox.getLead('v2-auto-1')).toMatchObject({ city: 'Lyon' });
		expect(env.sandbox.getLead('v2-auto-1')).not.toHaveProperty('utm_campaign');

		const strict = await run(
			{ operation: 'create', columns: { mappingMode: 'autoMapInputData', value: null }, options: { unknownFields: 'error' } },
			[{ json: { id: 'v2-auto-2', type: 'lead', name: 'x', utm_campaign: 'x' } }],
		);
		expect(strict.error?.message).toBe('Field "utm_campaign" is not a known lead field (use Extra Parameters for server-specific fields)');
	});
});

describe('Update (version 2)', () => {
	test('matches the lead on ID and changes only the mapped fields', async () => {
		env.sandbox.insertLeads([{ id: 'v2-up-1', type: 'lead', name: 'Before', city: 'Berlin', probability: 10 }]);
		const { items, error } = await run({ operation: 'update', ...mapped({ id: '={{ $json.id }}', probability: 55, name: null }) }, [
			{ json: { id: 'v2-up-1' } },
		]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: 'v2-up-1', probability: 55 });
		expect(env.sandbox.getLead('v2-up-1')).toMatchObject({ name: 'Before', city: 'Berlin', probability: 55 });
	});

	test('without an ID it says which field is missing', async () => {
		const { error } = await run({ operation: 'update', ...mapped({ probability: 5 }) });
		expect(error?.message).toBe('Field "id" is needed to find the lead to update: map ID to the lead key');
	});

	test('Map Automatically updates the lead the item names', async () => {
		env.sandbox.insertLeads([{ id: 'v2-up-2', type: 'lead', name: 'Auto', city: 'Rome' }]);
		const { error } = await run({ operation: 'update', columns: { mappingMode: 'autoMapInputData', value: null } }, [
			{ json: { id: 'v2-up-2', city: 'Milan' } },
		]);
		expect(error).toBeUndefined();
		expect(env.sandbox.getLead('v2-up-2')).toMatchObject({ name: 'Auto', city: 'Milan' });
	});
});

describe('Create or Update (version 2)', () => {
	test('matching on ID: the first run creates, the second updates the same lead', async () => {
		const parameters = { operation: 'upsert', ...mapped({ id: '={{ $json.sourceId }}', type: 'lead', name: '={{ $json.name }}' }) };
		await run(parameters, [{ json: { sourceId: 'v2-sync-1', name: 'First' } }]);
		const { items } = await run(parameters, [{ json: { sourceId: 'v2-sync-1', name: 'Second' } }]);
		expect(items[0].json).toMatchObject({ id: 'v2-sync-1', name: 'Second' });
		expect(env.sandbox.countLeads({ id: 'v2-sync-1' })).toBe(1);
	});
});

describe('Get Draft (version 2)', () => {
	test('returns the server defaults plus the mapped values and stores nothing', async () => {
		const before = env.sandbox.countLeads();
		const { items, error } = await run({ operation: 'getDraft', ...mapped({ name: 'Draft', probability: 20 }) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'Draft', probability: 20 });
		expect(env.sandbox.countLeads()).toBe(before);
	});
});

describe('the other operations are version 1’s', () => {
	test('Get with a resource locator works the same in version 2', async () => {
		env.sandbox.insertLeads([{ id: 'v2-get-1', type: 'lead', name: 'Shared' }]);
		const { items } = await run({ operation: 'get', leadId: { __rl: true, mode: 'id', value: 'v2-get-1' } });
		expect(items[0].json).toMatchObject({ id: 'v2-get-1', name: 'Shared' });
	});
});

describe('Simplify on Create and Update (for AI agents)', () => {
	test('off by default: the whole lead; on: the ID and the main fields only', async () => {
		const whole = await run({ operation: 'create', ...mapped({ id: 'v2-simple-1', type: 'lead', name: 'Whole' }) });
		expect(Object.keys(whole.items[0].json).length).toBeGreaterThan(90);
		const simple = await run({ operation: 'create', simplify: true, ...mapped({ id: 'v2-simple-2', type: 'lead', name: 'Simple' }) });
		expect(Object.keys(simple.items[0].json).sort()).toEqual([...SIMPLIFIED_FIELD_NAMES].sort());
		expect(simple.items[0].json).toMatchObject({ id: 'v2-simple-2', name: 'Simple' });
		const updated = await run({ operation: 'update', simplify: true, ...mapped({ id: 'v2-simple-2', name: 'Simpler' }) });
		expect(Object.keys(updated.items[0].json).sort()).toEqual([...SIMPLIFIED_FIELD_NAMES].sort());
		expect(updated.items[0].json).toMatchObject({ id: 'v2-simple-2', name: 'Simpler' });
	});

	test('version 1 Create offers the same switch', async () => {
		const { items } = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'create', type: 'lead', name: 'v1 simple', additionalFields: { id: 'v1-simple-1' }, simplify: true },
		});
		expect(Object.keys(items[0].json).sort()).toEqual([...SIMPLIFIED_FIELD_NAMES].sort());
	});
});
