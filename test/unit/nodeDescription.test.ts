/** The node description as n8n (and an AI agent using the node as a tool) sees it. */
import type { INodeProperties } from 'n8n-workflow';

import { CrmLeadApi } from '../../credentials/CrmLeadApi.credentials';
import { CrmLead } from '../../nodes/CrmLead/CrmLead.node';
import { LEAD_FILTERS, WRITABLE_FIELDS } from '../../nodes/CrmLead/fields/leadFields';

const { description } = new CrmLead();
const byName = (name: string) => description.properties.filter((p) => p.name === name);

function walk(properties: INodeProperties[], visit: (p: INodeProperties, path: string) => void, path = '') {
	for (const property of properties) {
		visit(property, `${path}${property.name}`);
		for (const option of (property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>) {
			if ('type' in option && 'displayName' in option) walk([option], visit, `${path}${property.name}.`);
			if ('values' in option && option.values) walk(option.values, visit, `${path}${property.name}.`);
		}
	}
}

test('the node is usable as an AI tool and every operation has a description and an action', () => {
	expect(description.usableAsTool).toBe(true);
	const operations = byName('operation').flatMap((p) => p.options as Array<{ value: string; description?: string; action?: string }>);
	expect(operations.map((o) => o.value).sort()).toEqual(
		['checkKey', 'create', 'delete', 'get', 'getDraft', 'getMany', 'postMessage', 'update', 'upsert', 'downloadTemplate', 'export', 'getImportStatus', 'import', 'importWithErrorFile', 'startAsyncImport', 'uploadFile', 'print', 'report'].sort(),
	);
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
	expect(locators.length).toBeGreaterThanOrEqual(5);
	for (const locator of locators) {
		expect(locator.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe('searchLeads');
	}
	expect(new CrmLead().methods.listSearch.searchLeads).toBeInstanceOf(Function);
});

test('the field collections and filters come from the field table', () => {
	const additional = byName('additionalFields').find((p) => p.displayOptions?.show?.operation?.includes('create'))!;
	const offered = (additional.options as INodeProperties[]).map((o) => o.name).sort();
	expect(offered).toEqual(WRITABLE_FIELDS.map((f) => f.name).filter((n) => n !== 'type' && n !== 'name').sort());
	const filters = byName('filters').find((p) => p.displayOptions?.show?.operation?.includes('getMany'))!;
	expect((filters.options as INodeProperties[]).map((o) => o.name).sort()).toEqual(LEAD_FILTERS.map((f) => f.key).sort());
	// Field kinds map to n8n types.
	const types = Object.fromEntries((additional.options as INodeProperties[]).map((o) => [o.name, o.type]));
	expect(types).toMatchObject({ active: 'boolean', date_deadline: 'dateTime', activities: 'json', priority: 'options', color: 'number', city: 'string' });
});

test('Get Many, Export and Report share one Filters definition', () => {
	const filters = byName('filters');
	expect(filters).toHaveLength(3);
	expect(new Set(filters.map((f) => JSON.stringify(f.options))).size).toBe(1);
});

test('the credential sends a bearer token and has a connection test', async () => {
	const credential = new CrmLeadApi();
	const options = await credential.authenticate({ accessToken: ' abc ' }, { url: 'x', headers: { Accept: 'application/json' } });
	expect(options.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer abc' });
	expect(credential.test.request).toMatchObject({ url: '/crm_leads/fetch_default', method: 'POST' });
	expect(credential.properties.find((p) => p.name === 'accessToken')?.typeOptions?.password).toBe(true);
});
