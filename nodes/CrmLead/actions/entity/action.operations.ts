/**
 * An entity's actions (Mark Done, Snooze, Pin…): `{key}/<segment>` on one record, or `<segment>`
 * on all of them, with the record's key in the body (the pages' action tables take the record's
 * fields) and Extra Parameters; the answer is the record as the action left it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Entity, EntityAction } from '../../entities';
import { crmRequest } from '../../transport/request';
import { recordItems } from '../common/output';
import { readExtraParameters, readOutputShape, readPolicy } from '../common/parameters';
import type { PreparedCall } from '../types';
import { nounOf, readCollection, readRecordId } from './collection';

export async function runAction(ctx: IExecuteFunctions, itemIndex: number, entity: Entity, action: EntityAction): Promise<PreparedCall> {
	const collection = readCollection(ctx, itemIndex, entity);
	const id = action.scope === 'record' ? readRecordId(ctx, itemIndex, entity) : undefined;
	const body: IDataObject = { ...readExtraParameters(ctx, itemIndex), ...(id === undefined ? {} : { id }) };
	const policy = readPolicy(ctx, itemIndex);
	const shape = await readOutputShape(ctx, itemIndex, true, entity.table);
	const call = async (): Promise<INodeExecutionData[]> => {
		const { body: answer } = await crmRequest<unknown>(ctx, {
			method: action.method,
			path: id === undefined ? [...collection, action.segment] : [...collection, id, action.segment],
			body,
			// A record (record actions) or `true`/nothing (collection actions): read below.
			answer: 'any',
			operation: `${action.displayName} (${nounOf(entity)})`,
			recordKey: id,
			subject: entity.displayName,
			itemIndex,
			policy,
		});
		// A record comes back from record actions; a collection action answers true (or nothing).
		if (answer && typeof answer === 'object' && !Array.isArray(answer)) return recordItems([answer as IDataObject], shape);
		return [{ json: { ...(id === undefined ? {} : { id }), action: action.operation, done: answer === true || answer === null || answer === 'true' } }];
	};
	return id === undefined ? call : { call, writes: id };
}
