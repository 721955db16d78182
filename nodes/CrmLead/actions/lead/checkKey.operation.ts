import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { prepareCheckKeyCall } from '../common/checkKey';
import { extraParametersCollection } from '../common/fields.description';
import { batchingOption, optionsCollection, requestOptions } from '../common/options.description';
import { readLeadId } from '../common/parameters';
import type { ItemCall } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Lead ID',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		description:
			'The key to look up. Returns exists (true/false), state (notFound, exists or deleted) and the raw result (0, 1 or 2).',
	},
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['checkKey'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const id = readLeadId(ctx, itemIndex);
	return prepareCheckKeyCall(ctx, itemIndex, { collection: ['crm_leads'], noun: 'lead', id });
}
