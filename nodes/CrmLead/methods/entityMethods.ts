/**
 * The editor's methods for the entity resources: the record picker's search, the resource
 * mapper's columns and the Filters / Sort choices, all read from the entity the node's Resource
 * names (its definition in entities/).
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';
import { isResourceLocatorValue, NodeOperationError } from 'n8n-workflow';

import { CONTACT, ENTITIES_BY_RESOURCE, STAGE, type Entity } from '../entities';
import type { FilterSpec } from '../fields/fieldTable';
import { mapperFields } from '../fields/mapperFields';
import { entityByName } from '../entities/openApi';
import { crmRequest } from '../transport/request';
import { serverDescription } from '../transport/serverDescription';
import { PURPOSE_OF_OPERATION } from './resourceMapping';

const SEARCH_PAGE_SIZE = 50;

/** Other Entity's path as the editor holds it now (a resource locator, or text). */
function entityPathOf(ctx: ILoadOptionsFunctions): string {
	const raw = ctx.getCurrentNodeParameter('entityPath');
	const value = isResourceLocatorValue(raw) ? raw.value : raw;
	return typeof value === 'string' ? value.trim() : '';
}

/** The entity the node's Resource names; for Other Entity, the one its path names (from the server's description, or by name). */
async function entityOf(ctx: ILoadOptionsFunctions): Promise<Entity> {
	const resource = String(ctx.getCurrentNodeParameter('resource') ?? ctx.getNodeParameter('resource', ''));
	if (resource === 'otherEntity') {
		const path = entityPathOf(ctx);
		if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(path)) throw new NodeOperationError(ctx.getNode(), 'Choose the entity first (its path, e.g. crm_teams)');
		const description = await serverDescription(ctx);
		return ('described' in description ? description.described.get(path)?.entity : undefined) ?? entityByName(path);
	}
	const entity = ENTITIES_BY_RESOURCE.get(resource);
	if (!entity) throw new NodeOperationError(ctx.getNode(), `The resource "${resource}" is not an entity this node knows`);
	return entity;
}

/** "From List" for any entity: search by its title over its default list, paged by the server's page number. */
export async function searchEntity(ctx: ILoadOptionsFunctions, entity: Entity, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 0;
	const { body, headers } = await crmRequest<unknown>(ctx, {
		method: 'POST',
		path: [entity.path, 'fetch_default'],
		body: { page, size: SEARCH_PAGE_SIZE, ...(filter && entity.searchFilter ? { [entity.searchFilter]: filter } : {}) },
		answer: 'leads',
		operation: `Search ${entity.plural}`,
	});
	const records = Array.isArray(body) ? (body as IDataObject[]) : [];
	const total = Number(headers['x-total']);
	const more = Number.isFinite(total) ? (page + 1) * SEARCH_PAGE_SIZE < total : records.length === SEARCH_PAGE_SIZE;
	return {
		results: records
			.filter((record) => record.id !== undefined && record.id !== null)
			.map((record) => {
				const title = record[entity.titleField] ?? record.display_name ?? record.name;
				return { name: `${String(title ?? '(no name)')} (${String(record.id)})`, value: String(record.id) };
			}),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchEntity(this, await entityOf(this), filter, paginationToken);
}

export async function getEntityColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	return { fields: mapperFields(PURPOSE_OF_OPERATION[operation] ?? 'create', (await entityOf(this)).table) };
}

const OPERATOR_WORDS: Record<FilterSpec['op'], string> = { eq: '', like: ' Contains', in: ' Is One Of' };

export async function getEntityFilters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await entityOf(this))
		.table.filters.map((f) => ({ name: `${f.field.displayName}${OPERATOR_WORDS[f.op]}`, value: f.key, description: `${f.field.label} (${f.key})` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getEntitySortFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await entityOf(this))
		.table.sortable.map((f) => ({ name: f.displayName, value: f.name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The lead's Stage and Customer pickers (version 3): stages and contacts by name. */
export async function searchStages(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchEntity(this, STAGE, filter, paginationToken);
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchEntity(this, CONTACT, filter, paginationToken);
}

/** Other Entity's "From List": the entities of the server's OpenAPI description, by path. */
export async function searchServerEntities(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const description = await serverDescription(this);
	if ('missing' in description) {
		throw new NodeOperationError(this.getNode(), 'This server does not describe its entities: choose "By Path" and type the entity’s path, e.g. crm_teams', {
			description: `The list comes from the server’s OpenAPI description, and ${description.missing}`,
		});
	}
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = [...description.described.values()]
		.map(({ entity }) => ({ name: entity.displayName === entity.path ? entity.path : `${entity.displayName} (${entity.path})`, value: entity.path }))
		.filter((r) => r.name.toLowerCase().includes(wanted))
		.sort((a, b) => a.value.localeCompare(b.value));
	return { results };
}

/** Other Entity's resource mapper: the fields the server's description gives the entity, typed; none without one. */
export async function getOtherEntityColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	const entity = await entityOf(this);
	const described = entity.table.fields.length > 1;
	return { fields: described ? mapperFields(PURPOSE_OF_OPERATION[operation] ?? 'create', entity.table) : [] };
}
