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
import { NodeOperationError } from 'n8n-workflow';

import { CONTACT, ENTITIES_BY_RESOURCE, STAGE, type Entity } from '../entities';
import type { FilterSpec } from '../fields/fieldTable';
import { mapperFields } from '../fields/mapperFields';
import { crmRequest } from '../transport/request';
import { PURPOSE_OF_OPERATION } from './resourceMapping';

const SEARCH_PAGE_SIZE = 50;

function entityOf(ctx: ILoadOptionsFunctions): Entity {
	const resource = String(ctx.getCurrentNodeParameter('resource') ?? ctx.getNodeParameter('resource', ''));
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
		body: { page, size: SEARCH_PAGE_SIZE, ...(filter ? { [entity.searchFilter]: filter } : {}) },
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
	return await searchEntity(this, entityOf(this), filter, paginationToken);
}

export async function getEntityColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	return { fields: mapperFields(PURPOSE_OF_OPERATION[operation] ?? 'create', entityOf(this).table) };
}

const OPERATOR_WORDS: Record<FilterSpec['op'], string> = { eq: '', like: ' Contains', in: ' Is One Of' };

export async function getEntityFilters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return entityOf(this)
		.table.filters.map((f) => ({ name: `${f.field.displayName}${OPERATOR_WORDS[f.op]}`, value: f.key, description: `${f.field.label} (${f.key})` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getEntitySortFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return entityOf(this)
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
