import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyParameter } from '../common/list.description';
import { leadLocator } from '../common/leadLocator.description';
import { batchingOption, convertValuesOption, optionsCollection, requestOptions } from '../common/options.description';
import { readLeadId } from '../common/parameters';
import { prepareRecordCall } from '../common/recordCall';
import type { PreparedCall } from '../types';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to retrieve' }),
	simplifyParameter,
	optionsCollection([...requestOptions, batchingOption, convertValuesOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['get'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const id = readLeadId(ctx, itemIndex);
	return await prepareRecordCall(ctx, itemIndex, { method: 'GET', path: ['crm_leads', id], operation: 'Get lead', recordKey: id }, true);
}
