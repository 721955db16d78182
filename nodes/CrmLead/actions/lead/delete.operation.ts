import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { leadLocator } from '../common/leadLocator.description';
import { batchingOption, optionsCollection, requestOptions } from '../common/options.description';
import { readLeadId } from '../common/parameters';
import { prepareDeleteCall } from '../common/recordCall';
import type { PreparedCall } from '../types';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to delete' }),
	optionsCollection([...requestOptions, batchingOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['delete'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const id = readLeadId(ctx, itemIndex);
	return prepareDeleteCall(ctx, itemIndex, { path: ['crm_leads', id], operation: 'Delete lead', recordKey: id });
}
