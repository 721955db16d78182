import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { simplifyParameter } from '../common/list.description';
import { leadLocator } from '../common/leadLocator.description';
import { batchingOption, convertValuesOption, optionsCollection, requestOptions } from '../common/options.description';
import { recordItems } from '../common/output';
import { readLeadId, readPolicy } from '../common/parameters';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to retrieve' }),
	simplifyParameter,
	optionsCollection([...requestOptions, batchingOption, convertValuesOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['get'] } }, properties);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { body } = await crmRequest<IDataObject>(ctx, {
		method: 'GET',
		path: ['crm_leads', readLeadId(ctx, itemIndex)],
		operation: 'Get lead',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	return await recordItems(ctx, itemIndex, [body], true);
}
