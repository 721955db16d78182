/**
 * An entity the node has no page for, read from the server's OpenAPI 3 description (the cloud
 * generation's /v3/api-docs?group=auto, docs/api/IBIZ-FACTS.md): every collection path with a
 * create (POST /<path>) is an entity; its fields come from the create body's schema (typed from
 * the schema's types), its filters from its list body's n_<field>_<op> properties, its lists from
 * its fetch_… paths. Pure and bounded: anything that is not such a description, or too large to
 * be one, is a DescriptionProblem that says what is wrong — the caller then works by name.
 */
import { field, fieldTable, type EntityField, type FilterOp, type WireType } from '../fields/fieldTable';
import { DEFAULT_LIST, type Entity, type EntityList } from './entity';

export class DescriptionProblem extends Error {}

/** Bounds on what one description may hold: a bigger one is not read (it would only cost memory). */
export const DESCRIPTION_LIMITS = { paths: 20_000, entities: 2_000, fieldsPerEntity: 2_000 } as const;

export interface DescribedEntity {
	entity: Entity;
	/** "GET /crm_teams/{}": the endpoints of the description, path parameters written {}. */
	endpoints: ReadonlySet<string>;
}

export type ServerDescription = ReadonlyMap<string, DescribedEntity>;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "GET", "/crm_teams/{id}" → "GET /crm_teams/{}": servers name path parameters differently. */
export function endpointKey(method: string, path: string): string {
	return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

function wireTypeOf(schema: Json): WireType {
	if (schema.type === 'integer') return 'Integer';
	if (schema.type === 'number') return schema.format === 'double' || schema.format === 'float' ? 'Double' : 'BigDecimal';
	if (schema.type === 'string') return schema.format === 'date-time' ? 'Timestamp' : 'String';
	return 'Object';
}

/** crm_team_id → "Crm Team ID": the server's names, readable (no hand-checked English for these). */
function displayNameOf(name: string): string {
	return name
		.split('_')
		.filter((w) => w !== '')
		.map((w) => (w === 'id' ? 'ID' : w.charAt(0).toUpperCase() + w.slice(1)))
		.join(' ');
}

function resolve(schema: unknown, schemas: Json): Json | undefined {
	if (!isObject(schema)) return undefined;
	const ref = schema.$ref;
	if (typeof ref !== 'string') return schema;
	const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
	const target = name === undefined ? undefined : schemas[name];
	return isObject(target) ? target : undefined;
}

function bodySchema(operation: unknown, schemas: Json): Json | undefined {
	if (!isObject(operation)) return undefined;
	const content = isObject(operation.requestBody) ? operation.requestBody.content : undefined;
	const json = isObject(content) ? content['application/json'] : undefined;
	return resolve(isObject(json) ? json.schema : undefined, schemas);
}

function filtersOf(search: Json | undefined): Map<string, FilterOp[]> {
	const filters = new Map<string, FilterOp[]>();
	const properties = search && isObject(search.properties) ? search.properties : {};
	for (const key of Object.keys(properties)) {
		const match = /^n_(.+)_(eq|like|in)$/.exec(key);
		if (match) filters.set(match[1], [...(filters.get(match[1]) ?? []), match[2] as FilterOp]);
	}
	return filters;
}

function entityOf(path: string, paths: Json, schemas: Json, endpoints: ReadonlySet<string>, tag?: string): Entity {
	const create = bodySchema((paths[`/${path}`] as Json).post, schemas);
	const properties = create && isObject(create.properties) ? create.properties : {};
	const names = Object.keys(properties);
	if (names.length > DESCRIPTION_LIMITS.fieldsPerEntity) throw new DescriptionProblem(`/${path} has ${names.length} fields, more than ${DESCRIPTION_LIMITS.fieldsPerEntity}`);
	const required = new Set(Array.isArray(create?.required) ? create.required.map(String) : []);
	const filters = filtersOf(bodySchema((paths[`/${path}/fetch_default`] as Json | undefined)?.post, schemas));
	const fields: EntityField[] = names.map((name) => {
		const schema = resolve(properties[name], schemas) ?? {};
		const label = typeof schema.description === 'string' ? schema.description : name;
		return field(name, wireTypeOf(schema), displayNameOf(name), label, undefined, {
			...(schema.readOnly === true ? { readOnly: true } : {}),
			...(required.has(name) && name !== 'id' ? { requiredOnCreate: true } : {}),
			...(filters.has(name) ? { filters: filters.get(name) } : {}),
		});
	});
	if (!fields.some((f) => f.name === 'id')) fields.unshift(field('id', 'String', 'ID', 'id'));
	const noun = path.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, ' ');
	const titleField = ['name', 'display_name', 'subject', 'summary'].find((n) => fields.some((f) => f.name === n)) ?? 'id';
	const lists: EntityList[] = [...endpoints]
		.map((key) => new RegExp(`^POST /${path}/(fetch_[A-Za-z0-9_]+)$`).exec(key)?.[1])
		.filter((dataSet): dataSet is string => dataSet !== undefined)
		.map((dataSet) => (dataSet === DEFAULT_LIST.dataSet ? DEFAULT_LIST : { dataSet, displayName: dataSet, description: dataSet, docsHeading: dataSet }));
	const table = fieldTable(noun, fields, fields.filter((f) => f.name === 'id' || f.name === titleField).map((f) => f.name));
	const searchFilter = table.filtersByKey.has(`n_${titleField}_like`) ? `n_${titleField}_like` : '';
	return { resource: 'otherEntity', displayName: tag ?? path, plural: `${noun} records`, path, docsPage: '', docsName: tag ?? path, table, titleField, searchFilter, lists, actions: [] };
}

/** The entities an OpenAPI 3 description offers, by path; a DescriptionProblem when it is not one. */
export function readServerDescription(doc: unknown): ServerDescription {
	if (!isObject(doc)) throw new DescriptionProblem('it is not a JSON object');
	if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) throw new DescriptionProblem('it is not an OpenAPI 3 description (no "openapi": "3.…")');
	if (!isObject(doc.paths)) throw new DescriptionProblem('it has no "paths" object');
	const paths = doc.paths;
	const pathNames = Object.keys(paths);
	if (pathNames.length > DESCRIPTION_LIMITS.paths) throw new DescriptionProblem(`it lists ${pathNames.length} paths, more than ${DESCRIPTION_LIMITS.paths}`);
	const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
	const tags = new Map((Array.isArray(doc.tags) ? doc.tags : []).filter(isObject).map((t) => [String(t.name), typeof t.description === 'string' ? t.description : undefined]));
	const endpoints = new Set<string>();
	for (const path of pathNames) {
		const item = paths[path];
		if (!isObject(item)) continue;
		for (const method of ['get', 'post', 'put', 'delete']) if (isObject(item[method])) endpoints.add(endpointKey(method, path));
	}
	const collections = pathNames.filter((p) => /^\/[A-Za-z0-9_]+$/.test(p) && isObject(paths[p]) && isObject((paths[p] as Json).post));
	if (collections.length > DESCRIPTION_LIMITS.entities) throw new DescriptionProblem(`it lists ${collections.length} entities, more than ${DESCRIPTION_LIMITS.entities}`);
	const described = new Map<string, DescribedEntity>();
	for (const collection of collections) {
		const path = collection.slice(1);
		described.set(path, { entity: entityOf(path, paths, schemas, endpoints, tags.get(path)), endpoints });
	}
	return described;
}

/** An entity known only by its path (no description): sent by name, fields as given. */
export function entityByName(path: string): Entity {
	const noun = path.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, ' ');
	return {
		resource: 'otherEntity',
		displayName: path,
		plural: `${noun} records`,
		path,
		docsPage: '',
		docsName: path,
		table: fieldTable(noun, [field('id', 'String', 'ID', 'id')], ['id']),
		titleField: 'id',
		searchFilter: '',
		lists: [DEFAULT_LIST],
		actions: [],
	};
}
