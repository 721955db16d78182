import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { crmRequest, type CrmRequest } from '../../transport/request';
import type { ItemCall } from '../types';
import { recordItems } from './output';
import { readOutputShape, readPolicy } from './parameters';

/**
 * The call of an operation that sends one request and answers with a lead record (Get, Create,
 * Update, Save, Post Message, Get Draft): the item's policy and output shape are read now, in
 * the router's first phase.
 */
export async function prepareRecordCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<CrmRequest, 'itemIndex' | 'policy'>,
	simplifiable = false,
): Promise<ItemCall> {
	const policy = readPolicy(ctx, itemIndex);
	const shape = await readOutputShape(ctx, itemIndex, simplifiable);
	return async () => {
		const { body } = await crmRequest<IDataObject>(ctx, { ...request, itemIndex, policy });
		return recordItems([body], shape);
	};
}
