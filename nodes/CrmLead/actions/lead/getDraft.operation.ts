import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldsToWire } from '../../fields/convert';
import { leadFieldsCollection } from '../common/fields.description';
import { convertValuesOption, optionsCollection, requestOptions } from '../common/options.description';
import { prepareRecordCall } from '../common/recordCall';
import type { ItemCall } from '../types';
import { readZones } from '../common/parameters';

const properties: INodeProperties[] = [
	{
		...leadFieldsCollection('draftFields', 'Draft Values', new Set()),
		displayOptions: undefined,
		description: 'Values to pre-fill; the server adds its defaults for everything else and stores nothing',
	},
	optionsCollection([...requestOptions, convertValuesOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['getDraft'] } }, properties);

/** Query strings carry text: objects go as JSON, everything else as its string form. */
function toQueryValue(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const values = ctx.getNodeParameter('draftFields', itemIndex, {}) as IDataObject;
	const wire = fieldsToWire(values, await readZones(ctx, itemIndex), 'error');
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(wire)) if (value !== null) qs[name] = toQueryValue(value);
	return await prepareRecordCall(ctx, itemIndex, { method: 'GET', path: ['crm_leads', 'get_draft'], qs, operation: 'Get lead draft' });
}
