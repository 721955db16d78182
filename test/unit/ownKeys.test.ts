/**
 * Records keep their own keys (issue 32, item 8): `__proto__`, `constructor` and `prototype` from a
 * server's record or a user's parameter list stay own properties wherever the node copies keys it
 * did not choose, and a `{{ $json.path }}` read never returns what an object merely inherits.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readNodeParameter, resolveInputFields } from '../../nodes/CrmLead/actions/common/nodeParameter';
import { readExtraParameters } from '../../nodes/CrmLead/actions/common/parameters';
import { recordFromWire } from '../../nodes/CrmLead/fields/convert';
import { setOwn } from '../../nodes/CrmLead/fields/ownKeys';

const HOSTILE = '{"id":"L1","name":"n","active":1,"create_date":"2026-03-01 10:00:00","__proto__":{"polluted":"yes","id":"other"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';

function expectOwn(json: IDataObject, keys: readonly string[]): void {
	expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
	expect((json as { polluted?: unknown }).polluted).toBeUndefined();
	for (const key of keys) expect(Object.hasOwn(json, key)).toBe(true);
	expect(json.id).toBe('L1');
}

describe('recordFromWire keeps a record’s own keys', () => {
	test.each([
		[false, false],
		[false, true],
		[true, false],
		[true, true],
	])('Simplify %s, Convert Values %s', (simplify, convertValues) => {
		const record = JSON.parse(HOSTILE) as IDataObject;
		const json = recordFromWire(record, { simplify, convertValues, serverTimeZone: 'UTC' });
		expectOwn(json, simplify ? [] : ['__proto__', 'constructor', 'prototype']);
		if (!simplify) expect(Object.getOwnPropertyDescriptor(json, '__proto__')?.value).toEqual({ polluted: 'yes', id: 'other' });
		if (convertValues && !simplify) expect(json.active).toBe(true);
		if (simplify) expect(Object.keys(json)).not.toContain('constructor');
	});
});

test('setOwn defines __proto__ as a key and assigns every other key', () => {
	const target: IDataObject = {};
	setOwn(target, '__proto__', { polluted: 'yes' });
	setOwn(target, 'constructor', 'c');
	setOwn(target, 'name', 'n');
	expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
	expect(JSON.stringify(target)).toBe('{"__proto__":{"polluted":"yes"},"constructor":"c","name":"n"}');
});

/** Just what readNodeParameter and readExtraParameters ask of an execution context. */
function fakeContext(parameters: Record<string, unknown>, json: IDataObject = {}, resolved?: (name: string) => unknown): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, _item: number, fallback: unknown, options?: { rawExpressions?: boolean }) =>
			options?.rawExpressions || !resolved ? (parameters[name] ?? fallback) : resolved(name),
		getInputData: () => [{ json }],
	} as unknown as IExecuteFunctions;
}

test('Extra Parameters named __proto__, constructor, prototype are sent as named, not dropped or turned into a prototype', () => {
	const ctx = fakeContext({
		extraParameters: {
			parameter: [
				{ name: '__proto__', value: { polluted: 'yes' } },
				{ name: 'constructor', value: 'c' },
				{ name: ' prototype ', value: 'p' },
			],
		},
	});
	const extra = readExtraParameters(ctx, 0);
	expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
	expect(JSON.stringify(extra)).toBe('{"__proto__":{"polluted":"yes"},"constructor":"c","prototype":"p"}');
	// A spread into a request body keeps it (what leadBody.ts and listQuery.ts do).
	expect(JSON.stringify({ id: 'L1', ...extra })).toBe('{"id":"L1","__proto__":{"polluted":"yes"},"constructor":"c","prototype":"p"}');
});

describe('{{ $json.path }} read directly: own properties only', () => {
	const json = JSON.parse('{"name":"n","nested":{"__proto__":{"x":1}},"list":[1,2]}') as IDataObject;

	test.each([
		['={{ $json.name }}', 'n'],
		['={{ $json.nested.__proto__ }}', { x: 1 }],
		['={{ $json.list.length }}', 2],
		['={{ $json.missing.deeper }}', undefined],
	])('%s → %j', (raw, expected) => {
		expect(resolveInputFields(raw, json)).toEqual(expected);
	});

	test.each(['={{ $json.__proto__ }}', '={{ $json.constructor }}', '={{ $json.nested.toString }}'])('%s reaches an inherited property: n8n resolves it instead', (raw) => {
		const ctx = fakeContext({ value: raw }, { name: 'n', nested: {} }, () => 'resolved by n8n');
		expect(readNodeParameter(ctx, 'value', 0, '')).toBe('resolved by n8n');
	});
});
