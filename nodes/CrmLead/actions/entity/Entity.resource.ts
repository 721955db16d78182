/**
 * The entity resources (Contact, Stage, Activity, Message, and whatever entity is added next):
 * each entity's operations are the shared ones with the entity as data.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Entity } from '../../entities';
import type { Operation, ResourceOperations } from '../types';
import { runAction } from './action.operations';
import { entityProperties } from './entity.description';
import { entityTarget, type Target } from './collection';
import { getMany } from './list.operations';
import * as files from './file.operations';
import * as records from './record.operations';

type Context = Parameters<Operation['prepare']>[0];
type Prepare = (ctx: Context, itemIndex: number, entity: Entity) => ReturnType<Operation['prepare']>;
type PrepareTarget = (ctx: Context, itemIndex: number, target: Target) => ReturnType<Operation['prepare']>;

/** The record operations and Get Many: the ones the generic resource (Other Entity) offers too. */
export const RECORD_OPERATIONS: Record<string, PrepareTarget> = {
	create: records.create,
	get: records.get,
	update: records.update,
	upsert: records.upsert,
	delete: records.remove,
	checkKey: records.checkKey,
	getDraft: records.getDraft,
	getMany,
};

const onTarget =
	(prepare: PrepareTarget): Prepare =>
	async (ctx, itemIndex, entity) =>
		await prepare(ctx, itemIndex, entityTarget(ctx, itemIndex, entity));

const STANDARD: Record<string, Prepare> = {
	...Object.fromEntries(Object.entries(RECORD_OPERATIONS).map(([name, prepare]) => [name, onTarget(prepare)])),
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

export function entityDescription(entities: readonly Entity[], sharedWith: string[] = []): INodeProperties[] {
	return entityProperties(entities, sharedWith);
}
