/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * readNodeParameter gives exactly what n8n's getNodeParameter gives — for parameters without
 * expressions, with `{{ $json.field }}` expressions (read from the item without n8n's expression
 * engine) and with any other expression — checked side by side inside n8n-core's own execution.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readNodeParameter } from '../../nodes/CrmLead/actions/common/nodeParameter';
import { registerNodeType, runNode } from '../../scripts/runNode';

const PROBE = 'test.parameterProbe';

/** Reads `value` (or the resource locator `lead`) for every item both ways and reports both, with their types. */
class ParameterProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Parameter Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Value', name: 'value', type: 'json', default: '' },
			{
				displayName: 'Lead',
				name: 'lead',
				type: 'resourceLocator',
				default: { mode: 'id', value: '' },
				modes: [{ displayName: 'By ID', name: 'id', type: 'string' }],
			},
			{ displayName: 'Read', name: 'read', type: 'string', default: 'value' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const name = this.getNodeParameter('read', 0) as string;
		const extractValue = name === 'lead';
		return [
			this.getInputData().map((_, itemIndex) => {
				const viaN8n = this.getNodeParameter(name, itemIndex, '', { extractValue }) as unknown;
				const viaReader = readNodeParameter<unknown>(this, name, itemIndex, '', { extractValue });
				return { json: { viaN8n, viaReader, types: [typeof viaN8n, typeof viaReader] } as IDataObject };
			}),
		];
	}
}
registerNodeType(PROBE, new ParameterProbe());

const ITEMS = [
	{ id: 'L000001', n: 7, a: { b: 'deep' }, list: [1, 2], flag: true },
	{ id: 42, n: 0, a: { b: null }, list: [], flag: false },
	{ id: null, a: 'not an object' },
	{},
	{ id: '  padded  ', a: { b: { c: 1 } } },
].map((json) => ({ json }));

const probe = async (value: unknown, read = 'value') => {
	const { items, error } = await runNode({
		credentials: { baseUrl: 'http://127.0.0.1:1' },
		nodeType: PROBE,
		parameters: { [read]: value, read } as never,
		items: ITEMS as never,
	});
	expect(error).toBeUndefined();
	return items.map((item) => item.json);
};

test.each([
	['={{ $json.id }}'],
	['={{$json.id}}'],
	['={{ $json.a.b }}'],
	['={{ $json.a.b.c }}'],
	['={{ $json.list }}'],
	['={{ $json.flag }}'],
	['={{ $json.n }}'],
	['={{ $json.missing }}'],
	['static text'],
	['={{ $json.id + "-x" }}'],
	['={{ $json["id"] }}'],
	['=L-{{ $json.id }}'],
])('%s: the same value as n8n for every item', async (value) => {
	for (const { viaN8n, viaReader, types } of await probe(value)) {
		expect(viaReader).toEqual(viaN8n);
		expect((types as string[])[1]).toBe((types as string[])[0]);
	}
});

test('inside objects and resource locators (extractValue), the same as n8n', async () => {
	for (const { viaN8n, viaReader } of await probe({ id: '={{ $json.id }}', fixed: 'x', count: 3, nested: { b: '={{ $json.a.b }}' } })) {
		expect(viaReader).toEqual(viaN8n);
	}
	const locators = await probe({ __rl: true, mode: 'id', value: '={{ $json.id }}' }, 'lead');
	expect(locators[0].viaN8n).toBe('L000001');
	for (const { viaN8n, viaReader } of locators) expect(viaReader).toEqual(viaN8n);
});
