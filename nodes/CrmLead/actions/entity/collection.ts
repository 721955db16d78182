import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Entity } from '../../entities';
import { markErrorKind } from '../../transport/errorKinds';
import { trimmedKey } from '../common/leadKey';
import { readMappedLeadBody } from '../common/leadBody';
import { readNodeParameter } from '../common/nodeParameter';

/** The parameter that names the parent record of an entity reachable under one (Parent Record ID). */
export const PARENT_ID = 'parentId';

/**
 * Where the entity's records are for this item: /<entity path>, or, with a Parent Record ID,
 * /<parent path>/<ID>/<entity path> (the records of that parent only, e.g. a lead's activities).
 */
export function readCollection(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): string[] {
	if (!entity.parent) return [entity.path];
	const parentId = trimmedKey(readNodeParameter<unknown>(ctx, PARENT_ID, itemIndex, ''));
	return parentId === undefined ? [entity.path] : [entity.parent.path, parentId, entity.path];
}

/** The record picker of record operations; Check Key's plain key. */
export const RECORD_ID = 'recordId';
export const KEY_TO_CHECK = 'keyToCheck';

/** The record key of a record operation (the Record picker), named for the entity when empty. */
export function readRecordId(ctx: IExecuteFunctions, itemIndex: number, entity: Entity, name = RECORD_ID): string {
	const id = trimmedKey(readNodeParameter<unknown>(ctx, name, itemIndex, '', { extractValue: true }));
	if (id === undefined) {
		const error = new NodeOperationError(ctx.getNode(), `The ${entity.table.noun} ID is empty`, {
			itemIndex,
			description: `Pick ${withArticle(entity.table.noun)} from the list or give its ID`,
		});
		throw markErrorKind(error, 'invalidRequest');
	}
	return id;
}

/** "a contact", "an activity". */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "contact", "sales team": what one record is called in operation names and messages. */
export function nounOf(entity: Entity): string {
	return entity.table.noun;
}

/**
 * What one item's operation works on: the entity, where its records are (collection), whether
 * its field table is known (a page, or the server's description) — else fields go as given — and
 * how the item's fields are read.
 */
export interface Target {
	entity: Entity;
	collection: string[];
	known: boolean;
	readBody(): Promise<IDataObject>;
}

/** The target of an entity resource with a page (Contact, Stage…): fields through the resource mapper. */
export function entityTarget(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Target {
	return {
		entity,
		collection: readCollection(ctx, itemIndex, entity),
		known: true,
		readBody: async () => await readMappedLeadBody(ctx, itemIndex, entity.table),
	};
}
