/**
 * The standard record operations of every entity (Create, Get, Update, Delete, Create or Update,
 * Check Key, Get Draft) for one item: each reads the item's parameters and returns the call, the
 * entity given as data. The same shared calls as the lead's (common/recordCall.ts, checkKey.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { FieldValueError } from '../../fields/convert';
import { MATCH_FIELD } from '../../fields/mapperFields';
import { prepareCheckKeyCall } from '../common/checkKey';
import { leadKey } from '../common/leadKey';
import { prepareDeleteCall, prepareRecordCall, prepareSaveCall } from '../common/recordCall';
import { draftRequest } from '../lead/requests';
import type { PreparedCall } from '../types';
import { KEY_TO_CHECK, nounOf, readRecordId, withArticle, type Target } from './collection';

export async function create(ctx: IExecuteFunctions, itemIndex: number, { entity, collection, readBody }: Target): Promise<PreparedCall> {
	const body = await readBody();
	for (const field of entity.table.fields) {
		if (field.requiredOnCreate && (body[field.name] === undefined || body[field.name] === null)) {
			throw new FieldValueError(field.name, `is required to create ${withArticle(nounOf(entity))}: map ${field.displayName}`);
		}
	}
	const request = { method: 'POST' as const, path: collection, body, operation: `Create ${nounOf(entity)}`, recordKey: leadKey(body), subject: entity.displayName };
	return await prepareRecordCall(ctx, itemIndex, request, true, entity.table);
}

export async function get(ctx: IExecuteFunctions, itemIndex: number, { entity, collection }: Target): Promise<PreparedCall> {
	const id = readRecordId(ctx, itemIndex, entity);
	const request = { method: 'GET' as const, path: [...collection, id], operation: `Get ${nounOf(entity)}`, recordKey: id, subject: entity.displayName };
	return await prepareRecordCall(ctx, itemIndex, request, true, entity.table);
}

export async function update(ctx: IExecuteFunctions, itemIndex: number, { entity, collection, readBody }: Target): Promise<PreparedCall> {
	const body = await readBody();
	const id = leadKey(body);
	if (id === undefined) throw new FieldValueError(MATCH_FIELD, `is needed to find the ${nounOf(entity)} to update: map ID to its key`);
	// The record key decides which record changes; an id in the body must not point elsewhere.
	const fields = { ...body };
	delete fields.id;
	const request = { method: 'PUT' as const, path: [...collection, id], body: fields, operation: `Update ${nounOf(entity)}`, recordKey: id, subject: entity.displayName };
	return await prepareRecordCall(ctx, itemIndex, request, true, entity.table);
}

export async function upsert(ctx: IExecuteFunctions, itemIndex: number, { entity, collection, readBody }: Target): Promise<PreparedCall> {
	const body = await readBody();
	const recordKey = leadKey(body);
	// Save with an ID updates or creates that one record: sending it again gives the same result.
	const request = { method: 'POST' as const, path: [...collection, 'save'], body, operation: `Save ${nounOf(entity)}`, recordKey, subject: entity.displayName, idempotent: recordKey !== undefined };
	return await prepareSaveCall(ctx, itemIndex, request, { table: entity.table, collection, plural: entity.plural });
}

export async function remove(ctx: IExecuteFunctions, itemIndex: number, { entity, collection }: Target): Promise<PreparedCall> {
	const id = readRecordId(ctx, itemIndex, entity);
	return prepareDeleteCall(ctx, itemIndex, { path: [...collection, id], operation: `Delete ${nounOf(entity)}`, recordKey: id, subject: entity.displayName });
}

export async function checkKey(ctx: IExecuteFunctions, itemIndex: number, { entity, collection }: Target): Promise<PreparedCall> {
	const id = readRecordId(ctx, itemIndex, entity, KEY_TO_CHECK);
	return prepareCheckKeyCall(ctx, itemIndex, { collection, noun: nounOf(entity), id });
}

export async function getDraft(ctx: IExecuteFunctions, itemIndex: number, { entity, collection, readBody }: Target): Promise<PreparedCall> {
	const wire = await readBody();
	return await prepareRecordCall(ctx, itemIndex, draftRequest(collection, wire, nounOf(entity)), false, entity.table);
}
