/**
 * The output schemas inside the real n8n: every file the build wrote is served at
 * `GET /schemas/<node type>/<version>/<resource>/<operation>.json` (what the editor's schema
 * preview asks for), and each agrees with what the operation really outputs from the sandbox:
 * every key of a real item is in the schema with a matching type, and every field the schema
 * documents turns up in the real output. One workflow per node version runs every operation.
 */
import { NODE_TYPE } from '../../scripts/e2e/paths';
import type { OutputItem } from '../../scripts/e2e/runData';
import { outputSchemaFiles, versionFolder } from '../../scripts/schemas/catalogue';
import { outputMismatches, type SchemaNode } from '../helpers/outputSchema';
import { e2eState, n8nClient } from './helpers';

type Json = Parameters<typeof outputMismatches>[1];

/** Keys a schema documents that only some answers carry (a failed import job's reason). */
const SOMETIMES_PRESENT: Record<string, string[]> = { 'importExport/startAsyncImport': ['error'], 'importExport/getImportStatus': ['error'] };
/** Keys of every file output that only a server sending an unsafe file name produces (README, Security). */
const ONLY_FOR_UNSAFE_NAMES = ['originalFileName'];

interface WorkflowNode {
	name: string;
	/** resource/operation[.variant], the schema file the node's output is compared with */
	schema: string;
	parameters: Record<string, unknown>;
	after?: string;
}

const byId = (expression: string) => ({ __rl: true, mode: 'id', value: expression });
const CREATED_ID = "={{ $('Create').item.json.id }}";

/** Every operation once, fed by a lead it created itself and a spreadsheet template it downloaded. */
function nodesFor(version: 1 | 2): WorkflowNode[] {
	const fields = { contact_name: 'Schema Check', email_from: 'schema.check@example.com', expected_revenue: 1234.5, probability: 30, color: 3, date_deadline: '2027-01-01T10:00:00Z' };
	const mapped = (value: Record<string, unknown>, matchOnId = false) => ({
		columns: { mappingMode: 'defineBelow', value, matchingColumns: matchOnId ? ['id'] : [], schema: [] },
	});
	const write = {
		create: version === 1 ? { type: 'opportunity', name: 'Output schema e2e', additionalFields: fields } : mapped({ type: 'opportunity', name: 'Output schema e2e', ...fields }),
		update: version === 1 ? { leadId: byId(CREATED_ID), updateFields: { probability: 45 } } : mapped({ id: CREATED_ID, probability: 45 }, true),
		upsert: version === 1 ? { id: CREATED_ID, name: 'Output schema e2e (saved)' } : mapped({ id: CREATED_ID, name: 'Output schema e2e (saved)' }, true),
		getDraft: version === 1 ? { draftFields: { name: 'draft' } } : mapped({ name: 'draft' }),
		createForDelete: version === 1 ? { type: 'lead', name: 'Output schema e2e (to delete)' } : mapped({ type: 'lead', name: 'Output schema e2e (to delete)' }),
	};
	const lead = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'lead', operation, ...parameters });
	const files = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'importExport', operation, ...parameters });
	return [
		{ name: 'Create', schema: 'lead/create', parameters: lead('create', write.create) },
		{ name: 'Create Simplified', schema: 'lead/create.simplify-true', parameters: lead('create', { ...write.create, simplify: true }) },
		{ name: 'Get', schema: 'lead/get', parameters: lead('get', { leadId: byId(CREATED_ID) }), after: 'Create' },
		{ name: 'Get Whole', schema: 'lead/get.simplify-false', parameters: lead('get', { leadId: byId(CREATED_ID), simplify: false }), after: 'Create' },
		{ name: 'Update', schema: 'lead/update', parameters: lead('update', write.update), after: 'Create' },
		{ name: 'Save', schema: 'lead/upsert', parameters: lead('upsert', write.upsert), after: 'Create' },
		{ name: 'Check Key', schema: 'lead/checkKey', parameters: lead('checkKey', { leadId: CREATED_ID }), after: 'Create' },
		{ name: 'Post Message', schema: 'lead/postMessage', parameters: lead('postMessage', { leadId: byId(CREATED_ID), template: 'crm.lead_welcome' }), after: 'Create' },
		{ name: 'Print', schema: 'document/print', parameters: { resource: 'document', operation: 'print', leadId: byId(CREATED_ID) }, after: 'Create' },
		{ name: 'Get Draft', schema: 'lead/getDraft', parameters: lead('getDraft', write.getDraft) },
		{ name: 'Get Many', schema: 'lead/getMany', parameters: lead('getMany', { limit: 3 }) },
		{ name: 'Get Many Whole', schema: 'lead/getMany.simplify-false', parameters: lead('getMany', { limit: 3, simplify: false }) },
		{ name: 'Create For Delete', schema: 'lead/create', parameters: lead('create', write.createForDelete) },
		{ name: 'Delete', schema: 'lead/delete', parameters: lead('delete', { leadId: byId('={{ $json.id }}') }), after: 'Create For Delete' },
		{ name: 'Report', schema: 'document/report', parameters: { resource: 'document', operation: 'report' } },
		{ name: 'Export', schema: 'importExport/export', parameters: files('export', { limit: 5 }) },
		{ name: 'Download Template', schema: 'importExport/downloadTemplate', parameters: files('downloadTemplate') },
		{ name: 'Import', schema: 'importExport/import', parameters: files('import'), after: 'Download Template' },
		{ name: 'Import With Error File', schema: 'importExport/importWithErrorFile', parameters: files('importWithErrorFile'), after: 'Download Template' },
		{ name: 'Upload File', schema: 'importExport/uploadFile', parameters: files('uploadFile'), after: 'Download Template' },
		{
			name: 'Start Async Import',
			schema: 'importExport/startAsyncImport',
			parameters: files('startAsyncImport', { fileId: '={{ $json.id }}', options: { waitForCompletion: true, pollIntervalMs: 200 } }),
			after: 'Upload File',
		},
		{ name: 'Get Import Status', schema: 'importExport/getImportStatus', parameters: files('getImportStatus', { jobId: '={{ $json.jobid }}' }), after: 'Start Async Import' },
	];
}

async function runEveryOperation(version: 1 | 2): Promise<Record<string, OutputItem[]>> {
	const { good } = e2eState().credentials;
	const nodes = nodesFor(version);
	const workflow = {
		name: `Output schemas v${version}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...nodes.map((node, index) => ({
				id: `node-${index}`,
				name: node.name,
				type: NODE_TYPE,
				typeVersion: version,
				position: [300 * (node.after ? 2 : 1), 120 * index],
				parameters: node.parameters,
				credentials: { crmLeadApi: { id: good.id, name: good.name } },
			})),
		],
		connections: Object.fromEntries(
			['Start', ...nodes.map((n) => n.name)].map((from) => [
				from,
				{ main: [nodes.filter((n) => (n.after ?? 'Start') === from).map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
			]),
		),
	};
	const result = await createAndRun(workflow);
	return Object.fromEntries(nodes.map((node) => [node.name, result.runData[node.name]?.[0]?.data?.main?.[0] ?? []]));
}

async function createAndRun(workflow: Record<string, unknown>) {
	const client = await n8nClient();
	const result = await client.runWorkflow(await client.createWorkflow(workflow), { timeoutMs: 120_000 });
	expect({ status: result.status, error: result.error?.message }).toEqual({ status: 'success', error: undefined });
	return result;
}

async function servedSchema(version: number, resourceOperation: string): Promise<{ status: number; schema?: SchemaNode }> {
	const response = await fetch(`${e2eState().n8nUrl}/schemas/${NODE_TYPE}/${versionFolder(version).slice(1)}/${resourceOperation}.json`);
	return { status: response.status, schema: response.ok ? ((await response.json()) as SchemaNode) : undefined };
}

const generated = new Map(outputSchemaFiles().map((f) => [f.path, f.schema as SchemaNode]));
const generatedSchema = (version: number, schema: string) => generated.get(`dist/nodes/CrmLead/__schema__/${versionFolder(version)}/${schema}.json`);

describe.each([1, 2] as const)('CRM Lead version %i', (version) => {
	const nodes = nodesFor(version);
	let outputs: Record<string, OutputItem[]>;
	beforeAll(async () => {
		outputs = await runEveryOperation(version);
	}, 180_000);

	it('n8n serves every operation’s schema at /schemas/…, as the build wrote it', async () => {
		const prefix = `dist/nodes/CrmLead/__schema__/${versionFolder(version)}/`;
		const operations = [...generated.keys()].filter((p) => p.startsWith(prefix) && !p.includes('.simplify-')).map((p) => p.slice(prefix.length, -'.json'.length));
		expect(operations).toHaveLength(18);
		for (const operation of operations) {
			const served = await servedSchema(version, operation);
			expect({ operation, status: served.status }).toEqual({ operation, status: 200 });
			expect(served.schema).toEqual(generatedSchema(version, operation));
		}
		// the request the editor sends for an unexecuted Get (node type, padded version, resource, operation)
		const get = await servedSchema(version, 'lead/get');
		expect(Object.keys(get.schema?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'name', 'stage_id', 'email_from']));
	});

	it('every operation ran: each workflow node has output to compare', () => {
		expect(nodes.map((n) => n.schema.split('.')[0]).filter((v, i, a) => a.indexOf(v) === i)).toHaveLength(18);
		for (const node of nodes) expect({ node: node.name, items: outputs[node.name].length > 0 }).toEqual({ node: node.name, items: true });
	});

	it('every key of every real output item is in its schema, with a matching type', () => {
		for (const node of nodes) {
			const schema = generatedSchema(version, node.schema);
			expect({ node: node.name, schema: schema !== undefined }).toEqual({ node: node.name, schema: true });
			const problems = outputs[node.name].flatMap((item) => outputMismatches(schema as SchemaNode, item.json as Json));
			expect({ node: node.name, problems }).toEqual({ node: node.name, problems: [] });
		}
	});

	it('a schema lists the keys in the order the real output has them (the order of the editor’s preview)', () => {
		for (const node of nodes) {
			const documented = Object.keys(generatedSchema(version, node.schema)?.properties ?? {});
			for (const item of outputs[node.name]) {
				const keys = Object.keys(item.json);
				expect({ node: node.name, keys }).toEqual({ node: node.name, keys: documented.filter((key) => keys.includes(key)) });
			}
		}
	});

	it('every field a schema documents turns up in the real output', () => {
		for (const node of nodes) {
			const documented = Object.keys(generatedSchema(version, node.schema)?.properties ?? {});
			const seen = new Set(outputs[node.name].flatMap((item) => Object.keys(item.json)));
			const absent = documented.filter((key) => !seen.has(key) && ![...(SOMETIMES_PRESENT[node.schema] ?? []), ...ONLY_FOR_UNSAFE_NAMES].includes(key));
			expect({ node: node.name, absent }).toEqual({ node: node.name, absent: [] });
		}
	});
});

describe('CRM Lead Trigger', () => {
	const outputSchema = generated.get('dist/nodes/CrmLeadTrigger/__schema__/v1.0.0/output.json') as SchemaNode;

	it('its output.json (for n8n’s AI builder; the editor shows no schema preview for triggers) matches a real event', async () => {
		const { good } = e2eState().credentials;
		const trigger = {
			id: 'trigger',
			name: 'New Lead',
			type: `${NODE_TYPE}Trigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { event: 'created' },
			credentials: { crmLeadApi: { id: good.id, name: good.name } },
		};
		const result = await createAndRun({ name: 'Output schema trigger', settings: { executionOrder: 'v1' }, nodes: [trigger], connections: {} });
		const items = result.runData['New Lead']?.[0]?.data?.main?.[0] ?? [];
		expect(items).toHaveLength(1);
		expect(outputMismatches(outputSchema, items[0].json as Json)).toEqual([]);
		expect(Object.keys(items[0].json).sort()).toEqual(Object.keys(outputSchema.properties ?? {}).sort());
	});

	it('n8n serves no schema for it at /schemas/ (no resource or operation): 404', async () => {
		const response = await fetch(`${e2eState().n8nUrl}/schemas/${NODE_TYPE}Trigger/1.0.0.json`);
		expect(response.status).toBe(404);
	});
});
