/** Texts of the node panel that must match the version they appear in and what a server offers. */
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CrmLead } from '../../nodes/CrmLead/CrmLead.node';

const node = new CrmLead();
const description = (version: number) => (node.nodeVersions[version] as INodeType).description;
const text = (version: number) => JSON.stringify(description(version).properties);

/** Every "Unknown Input Fields" option of a version, with the operation it belongs to. */
function unknownFieldsOptions(version: number): Array<{ operation: string; description: string }> {
	return description(version)
		.properties.filter((p) => p.name === 'options')
		.flatMap((p) =>
			((p.options ?? []) as INodeProperties[])
				.filter((o) => o.name === 'unknownFields')
				.map((o) => ({ operation: String(p.displayOptions?.show?.operation), description: o.description ?? '' })),
		);
}

test('version 2 names the mapper’s mode "Map Automatically" and never version 1’s "Auto-Map Input Data"', () => {
	const options = unknownFieldsOptions(2);
	expect(options.map((o) => o.operation).sort()).toEqual(['create', 'getDraft', 'update', 'upsert']);
	for (const option of options) expect(option.description).toMatch(/\(Map Automatically only\)$/);
	expect(text(2)).not.toMatch(/Auto-Map/);
});

test('version 1 keeps its own name, the one its Fields Source offers', () => {
	const options = unknownFieldsOptions(1);
	expect(options.length).toBe(3);
	for (const option of options) expect(option.description).toMatch(/\(Auto-Map Input Data only\)$/);
	expect(text(1)).toContain('"name":"Auto-Map Input Data","value":"autoMapInputData"');
});

describe.each([1, 2])('version %i: the async import status call is marked as needing a server that has it', (version) => {
	const { properties } = description(version);
	const shownFor = (values: Record<string, unknown>) =>
		properties.filter((p) => NodeHelpers.displayParameter({ resource: 'importExport', ...values } as never, p, null, null)).map((p) => p.name);

	test('Get Import Status shows a notice naming the call and the error a server without it gives', () => {
		const notice = properties.find((p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes('getImportStatus'));
		expect(notice?.displayName).toMatch(/GET crm_leads\/asyncimportdata2\/\{jobid\}.*answers 404.*This server has no import status endpoint/);
		expect(shownFor({ operation: 'getImportStatus' })).toContain(notice?.name);
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('importExport'));
		expect(JSON.stringify(operation?.options)).toMatch(/Get the status of an async import job \(needs a server with the job status call\)/);
	});

	test('Wait for Completion says it needs the call (no notice keyed to a collection option: n8n 1.x cannot resolve that display dependency)', () => {
		expect(properties.some((p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes('startAsyncImport'))).toBe(false);
		const options = properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('startAsyncImport'));
		const wait = ((options?.options ?? []) as INodeProperties[]).find((o) => o.name === 'waitForCompletion');
		expect(wait?.description).toMatch(/Needs a server that reports import jobs \(GET crm_leads\/asyncimportdata2\/\{jobid\}\)/);
	});
});

test.each([1, 2])('version %i: display options name only top-level parameters (n8n 1.x fails every run otherwise: "Could not resolve parameter dependencies")', (version) => {
	const { properties } = description(version);
	const names = new Set(properties.map((p) => p.name));
	const unresolvable = properties.flatMap((p) =>
		[...Object.keys(p.displayOptions?.show ?? {}), ...Object.keys(p.displayOptions?.hide ?? {})]
			.filter((key) => !key.startsWith('@') && !names.has(key.replace(/^\//, '')))
			.map((key) => `${p.name}: ${key}`),
	);
	expect(unresolvable).toEqual([]);
});
