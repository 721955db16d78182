import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldsToWire, type UnknownFieldPolicy } from '../../fields/convert';
import { readExtraParameters, readOptions, readRememberedParameter, readZones } from './parameters';

/**
 * The request body for Create / Update / Save: the fields defined in the node (main parameters
 * plus a field collection) or the input item itself, converted to wire values, plus Extra Parameters.
 */
export async function readLeadBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: { collection: string; mainParameters: readonly string[] },
): Promise<IDataObject> {
	const zones = await readZones(ctx, itemIndex);
	const dataMode = readRememberedParameter<string>(ctx, 'dataMode', itemIndex, 'defineBelow');
	let body: IDataObject;
	if (dataMode === 'autoMapInputData') {
		const policy = (readOptions(ctx, itemIndex).unknownFields ?? 'ignore') as UnknownFieldPolicy;
		body = fieldsToWire(ctx.getInputData()[itemIndex].json, zones, policy);
	} else {
		const values: IDataObject = {};
		for (const name of spec.mainParameters) {
			const value = ctx.getNodeParameter(name, itemIndex, '') as IDataObject[string];
			if (value !== '' && value !== undefined) values[name] = value;
		}
		Object.assign(values, readRememberedParameter<IDataObject>(ctx, spec.collection, itemIndex, {}));
		body = fieldsToWire(values, zones, 'error');
	}
	return { ...body, ...readExtraParameters(ctx, itemIndex) };
}
