import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { extraParametersCollection } from '../common/fields.description';
import { batchingOption, optionsCollection, requestOptions } from '../common/options.description';
import { readExtraParameters, readLeadId, readPolicy } from '../common/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Lead ID',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		description: 'The key to look up: the output says whether a lead with this ID exists',
	},
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['checkKey'] } }, properties);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = readLeadId(ctx, itemIndex);
	const { body } = await crmRequest<unknown>(ctx, {
		method: 'POST',
		path: ['crm_leads', 'check_key'],
		body: { ...readExtraParameters(ctx, itemIndex), id },
		operation: 'Check lead key',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	const result = Number(body);
	if (!Number.isInteger(result)) {
		throw new NodeApiError(ctx.getNode(), { message: 'Unexpected check_key answer' }, {
			message: `The server answered check_key with ${JSON.stringify(body)}, not an integer`,
			itemIndex,
		});
	}
	const exists = result > 0;
	return [
		{
			json: {
				id,
				exists,
				result,
				message: exists ? `A lead with ID "${id}" exists` : `No lead has ID "${id}"`,
			},
		},
	];
}
