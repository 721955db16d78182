import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldsToWire } from '../../fields/convert';
import { leadFieldsCollection } from '../common/fields.description';
import { convertValuesOption, optionsCollection, requestOptions } from '../common/options.description';
import { prepareRecordCall } from '../common/recordCall';
import type { PreparedCall } from '../types';
import { draftLeadRequest } from './requests';
import { readNodeParameter } from '../common/nodeParameter';
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

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const values = readNodeParameter<IDataObject>(ctx, 'draftFields', itemIndex, {});
	const wire = fieldsToWire(values, await readZones(ctx, itemIndex), 'error');
	return await prepareRecordCall(ctx, itemIndex, draftLeadRequest(wire));
}
