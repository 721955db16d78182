/** The node description as n8n (and an AI agent using the node as a tool) sees it, in both versions. */
import type { ILoadOptionsFunctions, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { CrmLeadApi } from '../../credentials/CrmLeadApi.credentials';
import { CrmLead } from '../../nodes/CrmLead/CrmLead.node';
import { compactProperties } from '../../nodes/CrmLead/actions/compactProperties';
import { entityDescription, entityResources } from '../../nodes/CrmLead/actions/entity/Entity.resource';
import { leadDescriptionV2 } from '../../nodes/CrmLead/actions/lead/v2/Lead.resource';
import { versionDescription } from '../../nodes/CrmLead/actions/nodeDescription';
import { OTHER_ENTITY, otherEntityProperties, otherEntityResource } from '../../nodes/CrmLead/actions/otherEntity/OtherEntity.resource';
import { ENTITIES } from '../../nodes/CrmLead/entities';
import { entityEndpoints } from '../../nodes/CrmLead/entities/endpoints';
import { LEAD_FILTERS, WRITABLE_FIELDS } from '../../nodes/CrmLead/fields/leadFields';

const node = new CrmLead();
const v1 = node.nodeVersions[1] as INodeType;
const v2 = node.nodeVersions[2] as INodeType;
const v3 = node.nodeVersions[3] as INodeType;
const byName = (description: INodeTypeDescription, name: string) => description.properties.filter((p) => p.name === name);
const showsFor = (property: INodeProperties, operation: string) => property.displayOptions?.show?.operation?.includes(operation);

function walk(properties: INodeProperties[], visit: (p: INodeProperties, path: string) => void, path = '') {
	for (const property of properties) {
		visit(property, `${path}${property.name}`);
		for (const option of (property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>) {
			if ('type' in option && 'displayName' in option) walk([option], visit, `${path}${property.name}.`);
			if ('values' in option && option.values) walk(option.values, visit, `${path}${property.name}.`);
		}
	}
}

const OPERATIONS = ['checkKey', 'create', 'delete', 'get', 'getDraft', 'getMany', 'postMessage', 'update', 'upsert', 'downloadTemplate', 'export', 'getImportStatus', 'import', 'importWithErrorFile', 'startAsyncImport', 'uploadFile', 'print', 'report'];

describe.each([
	['version 1', v1],
	['version 2', v2],
])('%s', (_, version) => {
	const { description } = version;

	test('is usable as an AI tool and every operation has a description and an action', () => {
		expect(description.usableAsTool).toBe(true);
		const operations = byName(description, 'operation').flatMap((p) => p.options as Array<{ value: string; description?: string; action?: string }>);
		expect(operations.map((o) => o.value).sort()).toEqual([...OPERATIONS].sort());
		for (const operation of operations) {
			expect(operation.description?.length).toBeGreaterThan(8);
			expect(operation.action?.length).toBeGreaterThan(5);
		}
	});

	test('every parameter a model can fill has a description', () => {
		const missing: string[] = [];
		walk(description.properties, (property, path) => {
			const structural = ['resource', 'operation', 'notice'].includes(property.name) || property.type === 'notice';
			if (!structural && !(property.description && property.description.length > 5)) missing.push(path);
		});
		expect(missing).toEqual([]);
	});

	test('record IDs are resource locators with a By ID mode, so $fromAI can set them', () => {
		const locators = description.properties.filter((p) => p.type === 'resourceLocator');
		expect(locators.length).toBeGreaterThanOrEqual(4);
		for (const locator of locators) {
			expect(locator.modes?.map((m) => m.name)).toEqual(['list', 'id']);
			expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe('searchLeads');
		}
		expect(version.methods?.listSearch?.searchLeads).toBeInstanceOf(Function);
	});

	test('Get Many, Export and Report share one Filters definition, derived from the field table', () => {
		const filters = byName(description, 'filters');
		expect(filters).toHaveLength(3);
		expect(new Set(filters.map((f) => JSON.stringify(f.options))).size).toBe(1);
		expect((filters[0].options as INodeProperties[]).map((o) => o.name).sort()).toEqual(LEAD_FILTERS.map((f) => f.key).sort());
	});

	test('the canvas subtitle names the operation and the resource, not their values', () => {
		const [, json] = /^=\{\{ (\{.*\})\[\$parameter\["resource"\] \+ ":" \+ \$parameter\["operation"\]\] \}\}$/.exec(String(description.subtitle)) ?? [];
		const names = JSON.parse(json) as Record<string, string>;
		expect(names['lead:upsert']).toBe('Create or Update: Lead');
		expect(names['importExport:import']).toBe('Import: Import / Export');
		expect(Object.keys(names)).toHaveLength(OPERATIONS.length);
	});
});

describe('version 1 (kept for saved workflows)', () => {
	test('its field collections come from the field table, typed', () => {
		const additional = byName(v1.description, 'additionalFields').find((p) => showsFor(p, 'create'))!;
		const offered = (additional.options as INodeProperties[]).map((o) => o.name).sort();
		expect(offered).toEqual(WRITABLE_FIELDS.map((f) => f.name).filter((n) => n !== 'type' && n !== 'name').sort());
		const types = Object.fromEntries((additional.options as INodeProperties[]).map((o) => [o.name, o.type]));
		expect(types).toMatchObject({ active: 'boolean', date_deadline: 'dateTime', activities: 'json', priority: 'options', color: 'number', city: 'string' });
	});
});

describe('version 2', () => {
	const loadOptions = (operation: string) =>
		({ getNodeParameter: (name: string) => (name === 'operation' ? operation : undefined) }) as unknown as ILoadOptionsFunctions;
	const columns = async (operation: string) => (await v2.methods!.resourceMapping!.getLeadColumns.call(loadOptions(operation))).fields;

	test('new workflows get version 3; the panel describes what the node does', () => {
		expect(node.description.defaultVersion).toBe(3);
		expect(node.description.description).toBe('Create, update, find, import, export and print CRM leads');
	});

	test('Create, Update, Create or Update and Get Draft take fields through one resource mapper; no field collection is repeated', () => {
		const mappers = byName(v2.description, 'columns');
		expect(mappers.map((p) => p.type)).toEqual(['resourceMapper', 'resourceMapper', 'resourceMapper', 'resourceMapper']);
		expect(mappers.map((p) => p.displayOptions?.show?.operation?.[0]).sort()).toEqual(['create', 'getDraft', 'update', 'upsert']);
		expect(mappers.map((p) => p.typeOptions?.resourceMapper?.mode)).toEqual(expect.arrayContaining(['add', 'update', 'upsert']));
		for (const name of ['additionalFields', 'updateFields', 'draftFields', 'dataMode']) expect(byName(v2.description, name)).toEqual([]);
	});

	test('its columns are the field table, every field typed; Type is required only on Create', async () => {
		const create = await columns('create');
		expect(create.map((f) => f.id).sort()).toEqual(WRITABLE_FIELDS.map((f) => f.name).sort());
		expect(create).toHaveLength(91);
		// listed as people fill them in: Type first, then the fields a lead is known by, JSON fields last
		expect(create.slice(0, 4).map((f) => f.id)).toEqual(['type', 'id', 'name', 'stage_id']);
		expect(create.slice(-4).every((f) => f.type === 'object')).toBe(true);
		const typeOf = Object.fromEntries(create.map((f) => [f.id, f.type]));
		expect(typeOf).toMatchObject({ active: 'boolean', date_deadline: 'dateTime', activities: 'object', priority: 'options', probability: 'number', city: 'string', type: 'options' });
		expect(create.find((f) => f.id === 'priority')?.options).toEqual([
			{ name: 'Low', value: '0' },
			{ name: 'Medium', value: '1' },
			{ name: 'High', value: '2' },
			{ name: 'Very High', value: '3' },
		]);
		expect(create.filter((f) => f.required).map((f) => f.id)).toEqual(['type']);
		for (const operation of ['update', 'upsert', 'getDraft']) expect((await columns(operation)).filter((f) => f.required)).toEqual([]);
	});

	test('Update and Create or Update match on the lead ID, and only on it', async () => {
		for (const operation of ['update', 'upsert']) {
			const matchable = (await columns(operation)).filter((f) => f.canBeUsedToMatch);
			expect(matchable.map((f) => [f.id, f.defaultMatch])).toEqual([['id', true]]);
		}
		expect((await columns('create')).filter((f) => f.canBeUsedToMatch)).toEqual([]);
	});

	test('its description is a fraction of version 1’s (the 91-field collections are gone)', () => {
		const size = (type: INodeType) => JSON.stringify(type.description).length;
		expect(size(v2)).toBeLessThan(size(v1) * 0.6);
	});
});

test('the credential sends a bearer token and has a connection test', async () => {
	const credential = new CrmLeadApi();
	const options = await credential.authenticate({ accessToken: ' abc ' }, { url: 'x', headers: { Accept: 'application/json' } });
	expect(options.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer abc' });
	expect(credential.test.request).toMatchObject({ url: '/crm_leads/fetch_default', method: 'POST' });
	expect(credential.properties.find((p) => p.name === 'accessToken')?.typeOptions?.password).toBe(true);
	expect(credential.properties.find((p) => p.name === 'password')?.typeOptions?.password).toBe(true);
	expect(credential.properties.find((p) => p.name === 'sessionToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
});

describe('version 3 (the default): the entities around a lead', () => {
	const { description } = v3;
	const entityResources = ENTITIES.map((e) => e.resource);

	test('offers the lead’s resources and one resource per entity, each with the operations its page documents', () => {
		const resources = (byName(description, 'resource')[0].options as Array<{ value: string }>).map((o) => o.value);
		expect(resources.sort()).toEqual(['document', 'importExport', 'lead', 'otherEntity', ...entityResources].sort());
		for (const entity of ENTITIES) {
			const operations = byName(description, 'operation').find((p) => p.displayOptions?.show?.resource?.includes(entity.resource));
			const offered = (operations?.options as Array<{ value: string; description?: string; action?: string }>).map((o) => o.value);
			// every endpoint of the page is an operation, and every operation calls an endpoint of the page
			expect(offered.sort()).toEqual([...new Set(entityEndpoints(entity).map((e) => e.operation))].sort());
		}
	});

	test('is usable as an AI tool: every operation has a description and an action, every parameter a description', () => {
		expect(description.usableAsTool).toBe(true);
		for (const option of byName(description, 'operation').flatMap((p) => p.options as Array<{ description?: string; action?: string }>)) {
			expect(option.description?.length).toBeGreaterThan(8);
			expect(option.action?.length).toBeGreaterThan(5);
		}
		const missing: string[] = [];
		walk(description.properties, (property, path) => {
			const structural = ['resource', 'operation', 'notice'].includes(property.name) || property.type === 'notice';
			if (!structural && !(property.description && property.description.length > 5)) missing.push(path);
		});
		expect(missing).toEqual([]);
	});

	test('the entity parameters are shared: one record picker, one resource mapper per mode, one Filters, Sort and Options for all entities', () => {
		const shared = (name: string) => byName(description, name).filter((p) => p.displayOptions?.show?.resource?.includes('contact'));
		expect(shared('recordId')).toHaveLength(1);
		expect(shared('recordId')[0].displayOptions?.show?.resource).toEqual([...entityResources, 'otherEntity']);
		expect(shared('columns').map((p) => p.typeOptions?.resourceMapper?.resourceMapperMethod)).toEqual(['getEntityColumns', 'getEntityColumns', 'getEntityColumns', 'getEntityColumns']);
		for (const name of ['recordFilters', 'recordSort', 'options', 'extraParameters']) expect(shared(name)).toHaveLength(1);
		expect(v3.methods?.listSearch?.searchRecords).toBeInstanceOf(Function);
	});

	test('the Parent Record ID is offered for the entities with a parent, and for Other Entity, on every operation', () => {
		expect(byName(description, 'parentId').map((p) => p.displayOptions?.show)).toEqual([{ resource: ['otherEntity'] }, { resource: ['activity'] }, { resource: ['message'] }]);
	});

	test('Other Entity offers the record operations of the standard set, and its entity is picked from the server’s list or by path', () => {
		const operations = byName(description, 'operation').find((p) => p.displayOptions?.show?.resource?.includes('otherEntity'));
		expect((operations?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['checkKey', 'create', 'delete', 'get', 'getDraft', 'getMany', 'update', 'upsert']);
		const entity = byName(description, 'entityPath')[0];
		expect(entity.modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([['list', 'searchServerEntities'], ['path', undefined]]);
	});

	test('the mapper’s columns, Filters and Sort choices come from the entity’s own table', async () => {
		const context = (resource: string, operation = 'create') =>
			({ getNodeParameter: (name: string) => (name === 'operation' ? operation : resource), getCurrentNodeParameter: () => resource }) as unknown as ILoadOptionsFunctions;
		for (const entity of ENTITIES) {
			const columns = (await v3.methods!.resourceMapping!.getEntityColumns.call(context(entity.resource))).fields;
			expect(columns.map((c) => c.id).sort()).toEqual(entity.table.writable.map((f) => f.name).sort());
			expect(columns.filter((c) => c.required).map((c) => c.id).sort()).toEqual(entity.table.fields.filter((f) => f.requiredOnCreate).map((f) => f.name).sort());
			const filters = await v3.methods!.loadOptions!.getEntityFilters.call(context(entity.resource));
			expect(filters.map((f) => f.value).sort()).toEqual(entity.table.filters.map((f) => f.key).sort());
			const sortable = await v3.methods!.loadOptions!.getEntitySortFields.call(context(entity.resource));
			expect(sortable).toHaveLength(entity.table.sortable.length);
		}
		const upsert = (await v3.methods!.resourceMapping!.getEntityColumns.call(context('stage', 'upsert'))).fields;
		expect(upsert.filter((c) => c.canBeUsedToMatch).map((c) => c.id)).toEqual(['id']);
	});
});

describe('the size of the newest description (the editor loads it whole)', () => {
	const sizeOf = (entities: typeof ENTITIES) =>
		JSON.stringify(
			compactProperties(
				versionDescription(3, leadDescriptionV2, {
					resources: [...entityResources(entities), otherEntityResource],
					properties: [...otherEntityProperties, ...entityDescription(entities, [OTHER_ENTITY])],
				}).properties,
			),
		).length;

	test('version 3 stays within 100 KB (version 2: 77 KB)', () => {
		expect(JSON.stringify(v3.description).length).toBeLessThan(100 * 1024);
	});

	test('an entity costs its Operation and List options, nothing per field: the heaviest page (messages: 21 operations, 5 lists) under 6 KB', () => {
		for (let i = 0; i < ENTITIES.length; i++) {
			const without = ENTITIES.filter((_, j) => j !== i);
			expect(sizeOf(ENTITIES) - sizeOf(without)).toBeLessThan(6 * 1024);
		}
	});
});
