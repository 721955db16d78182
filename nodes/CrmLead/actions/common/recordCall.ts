import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldTable } from '../../fields/fieldTable';
import { crmRequest, type CrmRequest } from '../../transport/request';
import type { BulkLead, ItemCall, PreparedCall } from '../types';
import { leadKey } from './leadKey';
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
	request: Omit<CrmRequest, 'itemIndex' | 'policy' | 'answer'>,
	simplifiable = false,
	table?: FieldTable,
): Promise<PreparedCall> {
	const { call } = await prepareBulkableCall(ctx, itemIndex, request, simplifiable, table);
	return request.method === 'GET' || request.recordKey === undefined ? call : { call, writes: request.recordKey };
}

/**
 * Create or Update: the one-lead Save call, plus the lead itself when it carries an ID, so the
 * router may send it in a bulk request with others (Options → Leads Per Request). Without an ID
 * the lead is never bulked: re-sending it to find a failing lead could create it twice.
 */
export async function prepareSaveCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<CrmRequest, 'itemIndex' | 'policy' | 'answer'> & { body: IDataObject },
	entity?: { table: FieldTable; collection: readonly string[]; plural: string },
): Promise<PreparedCall> {
	const prepared = await prepareBulkableCall(ctx, itemIndex, request, false, entity?.table);
	if (entity) Object.assign(prepared.bulk, { collection: entity.collection, plural: entity.plural });
	// A lead without an ID is never bulked: Save without one creates a new lead, so a re-send could double it.
	return leadKey(request.body) !== undefined ? prepared : prepared.call;
}

async function prepareBulkableCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<CrmRequest, 'itemIndex' | 'policy' | 'answer'>,
	simplifiable: boolean,
	table?: FieldTable,
) {
	const policy = readPolicy(ctx, itemIndex);
	const shape = await readOutputShape(ctx, itemIndex, simplifiable, table);
	const call: ItemCall = async () => {
		const { body } = await crmRequest<IDataObject>(ctx, { ...request, answer: 'lead', itemIndex, policy });
		return recordItems([body], shape);
	};
	const bulk: BulkLead = { body: request.body as IDataObject, shape, policy };
	return { call, writes: request.recordKey, bulk };
}

/** Delete by key (every entity): `{ id, deleted }`; the server answers true (or nothing) when it deleted. */
export function prepareDeleteCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<CrmRequest, 'itemIndex' | 'policy' | 'method' | 'answer'> & { recordKey: string },
): PreparedCall {
	const policy = readPolicy(ctx, itemIndex);
	const call = async () => {
		const { body } = await crmRequest<unknown>(ctx, { ...request, method: 'DELETE', answer: 'any', itemIndex, policy });
		return [{ json: { id: request.recordKey, deleted: body === true || body === 'true' || body === null } }];
	};
	return { call, writes: request.recordKey };
}
