/**
 * GET /v3/api-docs?group=auto: an OpenAPI 3.0.3 description of every entity the sandbox serves,
 * as the cloud generation's service hub offers one (spring/swagger/DocumentationCache.java answers
 * only for group=auto; ServiceHubBase registers /v3/** without login): paths built from each
 * entity's endpoints, one tag per entity, and a schema per entity (its fields, typed) and per list
 * body (page, size, sort and its n_… filters). Turned off with SandboxOptions.openApi = false.
 */
import type { Entity } from '../../nodes/CrmLead/entities';
import { entityEndpoints } from '../../nodes/CrmLead/entities/endpoints';
import type { EntityField, WireType } from '../../nodes/CrmLead/fields/fieldTable';

type Schema = Record<string, unknown>;

const TYPES: Record<WireType, Schema> = {
	String: { type: 'string' },
	Integer: { type: 'integer', format: 'int32' },
	Double: { type: 'number', format: 'double' },
	BigDecimal: { type: 'number' },
	Timestamp: { type: 'string', format: 'date-time' },
	Object: { type: 'object' },
};

function propertyOf(field: EntityField): Schema {
	return { ...TYPES[field.wireType], description: field.label, ...(field.readOnly ? { readOnly: true } : {}) };
}

const dtoName = (entity: Entity) => `${entity.path}_dto`;
const searchName = (entity: Entity) => `${entity.path}_search`;

function schemasOf(entity: Entity): Record<string, Schema> {
	const required = entity.table.fields.filter((f) => f.requiredOnCreate).map((f) => f.name);
	return {
		[dtoName(entity)]: {
			type: 'object',
			properties: Object.fromEntries(entity.table.fields.map((f) => [f.name, propertyOf(f)])),
			...(required.length ? { required } : {}),
		},
		[searchName(entity)]: {
			type: 'object',
			properties: {
				page: { type: 'integer', format: 'int32' },
				size: { type: 'integer', format: 'int32' },
				sort: { type: 'string' },
				...Object.fromEntries(entity.table.filters.map((f) => [f.key, { type: 'string', description: f.field.label }])),
			},
		},
	};
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function operationOf(entity: Entity, method: string, path: string, operation: string, summary: string): Schema {
	const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	const isList = operation === 'getMany' || operation === 'export' || operation === 'report';
	const takesRecord = method === 'POST' || method === 'PUT';
	const file = ['downloadTemplate', 'export', 'print', 'report', 'importWithErrorFile'].includes(operation);
	return {
		tags: [entity.path],
		summary,
		operationId: `${entity.path}_${operation}_${method.toLowerCase()}_${names.join('_') || 'root'}`,
		...(names.length ? { parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) } : {}),
		...(takesRecord && !operation.startsWith('import')
			? { requestBody: { content: { 'application/json': { schema: ref(isList ? searchName(entity) : dtoName(entity)) } } } }
			: {}),
		responses: {
			'200': {
				description: 'OK',
				content: file
					? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
					: { 'application/json': { schema: operation === 'getMany' ? { type: 'array', items: ref(dtoName(entity)) } : ref(dtoName(entity)) } },
			},
		},
	};
}

export function openApiDocument(entities: readonly Entity[], serverUrl: string): Schema {
	const paths: Record<string, Record<string, Schema>> = {};
	for (const entity of entities) {
		for (const endpoint of entityEndpoints(entity)) {
			(paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operationOf(entity, endpoint.method, endpoint.path, endpoint.operation, endpoint.docsHeading);
		}
	}
	return {
		openapi: '3.0.3',
		info: { title: 'iBiz service hub (CRM sandbox)', version: '1.0' },
		servers: [{ url: serverUrl }],
		tags: entities.map((e) => ({ name: e.path, description: e.docsName })),
		paths,
		components: { schemas: Object.assign({}, ...entities.map(schemasOf)) },
	};
}
