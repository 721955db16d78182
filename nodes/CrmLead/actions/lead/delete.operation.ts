import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { leadLocator } from '../common/leadLocator.description';
import { batchingOption, optionsCollection, requestOptions } from '../common/options.description';
import { readLeadId, readPolicy } from '../common/parameters';
import type { PreparedCall } from '../types';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to delete' }),
	optionsCollection([...requestOptions, batchingOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['delete'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const id = readLeadId(ctx, itemIndex);
	const policy = readPolicy(ctx, itemIndex);
	const call = async () => {
		const { body } = await crmRequest<unknown>(ctx, {
			method: 'DELETE',
			path: ['crm_leads', id],
			// `true` (an empty body counts too); anything else reads as not deleted.
			answer: 'any',
			operation: 'Delete lead',
			recordKey: id,
			itemIndex,
			policy,
		});
		return [{ json: { id, deleted: body === true || body === 'true' || body === null } }];
	};
	return { call, writes: id };
}
