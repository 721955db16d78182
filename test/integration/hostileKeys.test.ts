/**
 * Issue 32, item 8: a record whose keys are `__proto__`, `constructor` and `prototype` keeps them as
 * its own keys in the item (Convert Values on or off, Simplify on or off, Get, Get Many, Create,
 * bulk Create or Update, the trigger), never as fields inherited from a swapped prototype. Over
 * real HTTP (the sandbox's `hostile-keys` fault adds them to every record), both generations.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const own = (json: IDataObject, key: string) => Object.getOwnPropertyDescriptor(json, key)?.value as IDataObject | undefined;

/** The item's json is a plain object; the hostile keys are its own (unless Simplify left them out), nothing shows through. */
function expectOwnKeys(json: IDataObject, simplified: boolean): void {
	expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
	expect((json as { polluted?: unknown }).polluted).toBeUndefined();
	expect(json.id).not.toBe('not-this-lead');
	if (simplified) {
		for (const key of ['__proto__', 'constructor', 'prototype']) expect(Object.hasOwn(json, key)).toBe(false);
		return;
	}
	expect(own(json, '__proto__')).toEqual({ polluted: 'from __proto__', id: 'not-this-lead' });
	expect(own(json, 'constructor')).toEqual({ prototype: { polluted: 'from constructor.prototype' } });
	expect(own(json, 'prototype')).toEqual({ polluted: 'from prototype' });
	// And they survive as keys when the item is written out as JSON.
	expect(JSON.stringify(json)).toContain('"__proto__":{"polluted":"from __proto__"');
}

function expectAll(items: INodeExecutionData[], simplified: boolean, count = 1): void {
	expect(items).toHaveLength(count);
	for (const item of items) expectOwnKeys(item.json, simplified);
}

describe.each(['cloud', 'classic'] as Flavour[])('%s records with __proto__, constructor and prototype keys', (flavour) => {
	const env = useSandbox({ flavour, faults: true, seed: 6 });
	beforeEach(() => env.sandbox.injectFault({ mode: 'hostile-keys' }));
	afterEach(() => env.sandbox.clearFaults());
	const run = (parameters: Record<string, unknown>, typeVersion = 1, items?: INodeExecutionData[]) =>
		runNode({ credentials: env.credentials, parameters: { resource: 'lead', ...parameters }, typeVersion, items });

	test.each([
		[false, false],
		[false, true],
		[true, false],
		[true, true],
	])('Get, Simplify %s, Convert Values %s', async (simplify, convertValues) => {
		const { items, error } = await run({ operation: 'get', leadId: byId('L000001'), simplify, options: { convertValues } });
		expect(error).toBeUndefined();
		expectAll(items, simplify);
	});

	test.each([false, true])('Get Many, Convert Values %s', async (convertValues) => {
		const { items, error } = await run({ operation: 'getMany', returnAll: false, limit: 3, simplify: false, options: { convertValues } });
		expect(error).toBeUndefined();
		expectAll(items, false, 3);
	});

	test('Get in node version 2', async () => {
		const { items, error } = await run({ operation: 'get', leadId: byId('L000002'), simplify: false, options: { convertValues: true } }, 2);
		expect(error).toBeUndefined();
		expectAll(items, false);
	});

	test('Create answers with the saved record', async () => {
		const { items, error } = await run({ operation: 'create', type: 'lead', name: 'keys', additionalFields: { id: `keys-${flavour}` }, options: { convertValues: true } });
		expect(error).toBeUndefined();
		expectAll(items, false);
	});

	test('Create or Update in bulk (Leads Per Request 2)', async () => {
		env.sandbox.clearFaults();
		env.sandbox.injectFault({ mode: 'hostile-keys', pathIncludes: 'save' });
		const inputs = [1, 2, 3].map((n) => ({ json: { id: `bulk-${flavour}-${n}`, name: `bulk ${n}`, type: 'lead' } }));
		const { items, error } = await run(
			{ operation: 'upsert', dataMode: 'autoMapInputData', options: { leadsPerRequest: 2, convertValues: true } },
			1,
			inputs,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		// Cloud answers the saved records (hostile keys and all). Classic's savebatch answers `true`, so
		// a chunk's items are the leads as sent; a lead saved alone gets the server's record.
		for (const item of items) expectOwnKeys(item.json, flavour === 'classic' && !Object.hasOwn(item.json, '__proto__'));
		if (flavour === 'cloud') expect(items.every((item) => Object.hasOwn(item.json, '__proto__'))).toBe(true);
	});

	test.each([
		[false, false],
		[false, true],
		[true, true],
	])('the trigger, Simplify %s, Convert Values %s', async (simplify, convertValues) => {
		const trigger = triggerHarness(env.credentials, { event: 'created', simplify, options: { convertValues } });
		expectAll(await trigger.poll('manual'), simplify);
	});
});
