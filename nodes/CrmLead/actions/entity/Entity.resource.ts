/**
 * The entity resources (Contact, Stage, Activity, Message, and whatever entity is added next):
 * each entity's operations are the shared ones with the entity as data.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Entity } from '../../entities';
import type { Operation, ResourceOperations } from '../types';
import { runAction } from './action.operations';
import { entityProperties } from './entity.description';
import { getMany } from './list.operations';
import * as files from './file.operations';
import * as records from './record.operations';

type Prepare = (ctx: Parameters<Operation['prepare']>[0], itemIndex: number, entity: Entity) => ReturnType<Operation['prepare']>;

const STANDARD: Record<string, Prepare> = {
	create: records.create,
	get: records.get,
	update: records.update,
	upsert: records.upsert,
	delete: records.remove,
	checkKey: records.checkKey,
	getDraft: records.getDraft,
	getMany,
	downloadTemplate: files.downloadTemplate,
	export: files.exportRecords,
	import: files.importRecords,
	importWithErrorFile: files.importWithErrorFile,
	startAsyncImport: files.startAsyncImport,
	print: files.print,
	report: files.report,
};

/** The entity's operations for the router: the standard set and its actions (descriptions live in entity.description.ts). */
export function entityOperations(entity: Entity): ResourceOperations {
	const operations: ResourceOperations = {};
	for (const [name, prepare] of Object.entries(STANDARD)) {
		operations[name] = { description: [], prepare: async (ctx, itemIndex) => await prepare(ctx, itemIndex, entity) };
	}
	for (const action of entity.actions) {
		operations[action.operation] = { description: [], prepare: async (ctx, itemIndex) => await runAction(ctx, itemIndex, entity, action) };
	}
	return operations;
}

/** The Resource choices of the entities. */
export function entityResources(entities: readonly Entity[]): INodePropertyOptions[] {
	return entities.map((e) => ({ name: e.displayName, value: e.resource, description: `${e.displayName} records (/${e.path})` }));
}

export function entityDescription(entities: readonly Entity[]): INodeProperties[] {
	return entityProperties(entities);
}
