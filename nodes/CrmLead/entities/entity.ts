/**
 * What is specific to one entity of the server, as data: its path, its field table (checked
 * against its docs page by test/unit/entityTables.test.ts), its lists, its actions and the parent
 * its records can be reached under. The operations, the router, paging, bulk, errors, output
 * schemas, the resource mapper and the sandbox's routes are shared and take an Entity.
 * Adding an entity = its docs page in docs/api/entities/ and a file here (CONTRIBUTING.md).
 */
import type { FieldTable } from '../fields/fieldTable';

/** A list endpoint (a data set, `fetch_<name>`): Get Many reads one of them. */
export interface EntityList {
	/** The path segment: fetch_default, fetch_is_company… */
	dataSet: string;
	/** English name in the List parameter. */
	displayName: string;
	description: string;
	/** The docs page's section heading (without a parent's prefix). */
	docsHeading: string;
}

/** An action endpoint beyond the standard set: `{key}/<segment>` (one record) or `<segment>` (all). */
export interface EntityAction {
	/** The node's operation value: markDone, snooze, pin… */
	operation: string;
	/** The node's operation name: Mark Done. */
	displayName: string;
	description: string;
	/** n8n's action text (node panel, AI tools): "Mark an activity as done". */
	action: string;
	method: 'PUT' | 'POST';
	segment: string;
	scope: 'record' | 'collection';
	docsHeading: string;
}

/** A parent the entity's records are also reachable under: /<path>/{pkey}/<entity path>… */
export interface EntityParent {
	path: string;
	/** What a parent record is, for people: "record (e.g. a lead)". */
	noun: string;
	/** The docs page's heading prefix for the nested endpoints (根据活动Mixin…). */
	docsPrefix: string;
	/** The field of a record that holds its parent's ID (res_id). */
	linkField: string;
}

export interface Entity {
	/** The node's resource value: contact, stage… */
	resource: string;
	/** Resource name in the node: Contact. */
	displayName: string;
	/** Plural for descriptions: contacts. */
	plural: string;
	/** The path segment below the Base URL: res_partners. */
	path: string;
	/** The docs page (docs/api/entities/<page>) and its name for a record (联系人 in 创建联系人). */
	docsPage: string;
	docsName: string;
	table: FieldTable;
	/** The field a person knows a record by (From List shows it). */
	titleField: string;
	/** The filter From List searches with (a `like` filter of the table). */
	searchFilter: string;
	lists: readonly EntityList[];
	actions: readonly EntityAction[];
	parent?: EntityParent;
}

/** The default data set every entity has (the docs page's DEFAULT section). */
export const DEFAULT_LIST: EntityList = {
	dataSet: 'fetch_default',
	displayName: 'All',
	description: 'Every record (the default data set)',
	docsHeading: 'DEFAULT',
};

/** Checks an entity's facts against its own table when it is defined: a typo fails at load time. */
export function defineEntity(entity: Entity): Entity {
	const { table } = entity;
	if (!table.byName.has(entity.titleField)) throw new Error(`${entity.displayName}: no title field "${entity.titleField}"`);
	if (!table.filtersByKey.has(entity.searchFilter)) throw new Error(`${entity.displayName}: no filter "${entity.searchFilter}"`);
	if (!table.byName.has('id')) throw new Error(`${entity.displayName}: the table has no id`);
	if (entity.parent && !table.byName.has(entity.parent.linkField)) throw new Error(`${entity.displayName}: no link field "${entity.parent.linkField}"`);
	return entity;
}
