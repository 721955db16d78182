/**
 * The standard record operations of every entity (Create, Get, Update, Delete, Create or Update,
 * Check Key, Get Draft) for one item: each reads the item's parameters and returns the call, the
 * entity given as data. The same shared calls as the lead's (common/recordCall.ts, checkKey.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { Entity } from '../../entities';
import { FieldValueError } from '../../fields/convert';
import { MATCH_FIELD } from '../../fields/mapperFields';
import { prepareCheckKeyCall } from '../common/checkKey';
import { leadKey } from '../common/leadKey';
import { readMappedLeadBody } from '../common/leadBody';
import { prepareDeleteCall, prepareRecordCall, prepareSaveCall } from '../common/recordCall';
import { draftRequest } from '../lead/requests';
import type { PreparedCall } from '../types';
import { KEY_TO_CHECK, nounOf, readCollection, readRecordId } from './collection';

export async function create(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const body = await readMappedLeadBody(ctx, itemIndex, entity.table);
	for (const field of entity.table.fields) {
		if (field.requiredOnCreate && (body[field.name] === undefined || body[field.name] === null)) {
			throw new FieldValueError(field.name, `is required to create a ${nounOf(entity)}: map ${field.displayName}`);
		}
	}
	const request = { method: 'POST' as const, path: readCollection(ctx, itemIndex, entity), body, operation: `Create ${nounOf(entity)}`, recordKey: leadKey(body), subject: entity.displayName };
	return await prepareRecordCall(ctx, itemIndex, request, true, entity.table);
}

export async function get(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const id = readRecordId(ctx, itemIndex, entity);
	const request = { method: 'GET' as const, path: [...readCollection(ctx, itemIndex, entity), id], operation: `Get ${nounOf(entity)}`, recordKey: id, subject: entity.displayName };
	return await prepareRecordCall(ctx, itemIndex, request, true, entity.table);
}

export async function update(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const body = await readMappedLeadBody(ctx, itemIndex, entity.table);
	const id = leadKey(body);
	if (id === undefined) throw new FieldValueError(MATCH_FIELD, `is needed to find the ${nounOf(entity)} to update: map ID to its key`);
	// The record key decides which record changes; an id in the body must not point elsewhere.
	const fields = { ...body };
	delete fields.id;
	const request = { method: 'PUT' as const, path: [...readCollection(ctx, itemIndex, entity), id], body: fields, operation: `Update ${nounOf(entity)}`, recordKey: id, subject: entity.displayName };
	return await prepareRecordCall(ctx, itemIndex, request, true, entity.table);
}

export async function upsert(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const body = await readMappedLeadBody(ctx, itemIndex, entity.table);
	const collection = readCollection(ctx, itemIndex, entity);
	const recordKey = leadKey(body);
	// Save with an ID updates or creates that one record: sending it again gives the same result.
	const request = { method: 'POST' as const, path: [...collection, 'save'], body, operation: `Save ${nounOf(entity)}`, recordKey, subject: entity.displayName, idempotent: recordKey !== undefined };
	return await prepareSaveCall(ctx, itemIndex, request, { table: entity.table, collection, plural: entity.plural });
}

export async function remove(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const id = readRecordId(ctx, itemIndex, entity);
	return prepareDeleteCall(ctx, itemIndex, { path: [...readCollection(ctx, itemIndex, entity), id], operation: `Delete ${nounOf(entity)}`, recordKey: id, subject: entity.displayName });
}

export async function checkKey(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const id = readRecordId(ctx, itemIndex, entity, KEY_TO_CHECK);
	return prepareCheckKeyCall(ctx, itemIndex, { collection: readCollection(ctx, itemIndex, entity), noun: nounOf(entity), id });
}

export async function getDraft(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<PreparedCall> {
	const wire = await readMappedLeadBody(ctx, itemIndex, entity.table);
	return await prepareRecordCall(ctx, itemIndex, draftRequest(readCollection(ctx, itemIndex, entity), wire, nounOf(entity)), false, entity.table);
}
