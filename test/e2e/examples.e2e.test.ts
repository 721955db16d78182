/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The example workflows users import (examples/*.json, node version 2), run in the real n8n: what
 * each one is for actually happened, in the run data and in the sandbox's stored state. The same
 * assertions hold for their version 1 copies (test/e2e/workflows/v1/): saved workflows of the
 * node's first version keep running with the same results.
 */
import path from 'node:path';

import { EXAMPLES_DIR, V1_WORKFLOWS_DIR } from '../../scripts/e2e/paths';
import { assertSuccess, nodeJson, nodeOutput } from '../../scripts/e2e/runData';
import { e2eState, runWorkflow, sandboxRequest } from './helpers';

const storedLead = (id: string) => sandboxRequest<Record<string, unknown>>('GET', `/crm_leads/${encodeURIComponent(id)}`);
/** check_key: 0 no such lead, 1 exists, 2 deleted (the sandbox runs the iBiz cloud flavour, where a missing lead is an HTTP 500). */
const keyState = async (id: string) => (await sandboxRequest<number>('POST', '/crm_leads/check_key', { id })).json;

describe.each([
	['examples (node version 2)', EXAMPLES_DIR],
	['their version 1 copies', V1_WORKFLOWS_DIR],
])('%s', (_, folder) => {
	function exampleId(file: string): string {
		const workflow = e2eState().workflows.find((w) => w.file === path.join(folder, file));
		if (!workflow) throw new Error(`${path.join(folder, file)} was not imported`);
		return workflow.id;
	}
	const run = async (file: string) => assertSuccess(await runWorkflow(exampleId(file)));

	test('lead-lifecycle: create, get, update, message, check key, save, draft, delete', async () => {
		const result = await run('lead-lifecycle.json');
		const [created] = nodeJson(result, 'Create Opportunity');
		expect(created).toMatchObject({ type: 'opportunity', name: 'Example: Acme website redesign', priority: '2' });
		expect(String(created.date_deadline)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(nodeJson(result, 'Qualify Lead')[0]).toMatchObject({ stage_id: 'qualified', probability: 40 });
		expect(nodeJson(result, 'Post Welcome Message')[0]).toMatchObject({ has_message: 1 });
		expect(nodeJson(result, 'Check Key')[0]).toMatchObject({ exists: true, result: 1 });
		expect(nodeJson(result, 'Save Under Same ID')[0]).toMatchObject({ id: created.id, stage_id: 'proposition' });
		expect(nodeJson(result, 'Get Draft')[0]).toMatchObject({ name: 'Example: Acme website redesign (saved) (draft copy)' });
		expect(nodeJson(result, 'Delete Lead')[0]).toEqual({ id: created.id, deleted: true });
		expect(await keyState(String(created.id))).toBe(2); // deleted
		const messages = await sandboxRequest<Array<{ body: string }>>('GET', `/__sandbox/leads/${String(created.id)}/messages`);
		expect(messages.status).toBe(404); // the lead (and its chatter) is gone
	});

	/** POST /crm_leads/save requests the sandbox answered since `since` (its request log is append-only). */
	const saveRequests = async (since = 0) =>
		(await sandboxRequest<Array<{ method: string; path: string; status: number }>>('GET', '/__sandbox/requests')).json
			.slice(since)
			.filter((r) => r.method === 'POST' && r.path.endsWith('/crm_leads/save'));
	const requestCount = async () => (await sandboxRequest<unknown[]>('GET', '/__sandbox/requests')).json.length;

	test('lead-sync: Create or Update with the source ids is idempotent; Get Many pages through them', async () => {
		await run('lead-sync.json');
		const before = await requestCount();
		const second = await run('lead-sync.json');
		// The example sends its five rows in one bulk request; the version 1 copy, one request per row.
		expect(await saveRequests(before)).toHaveLength(folder === EXAMPLES_DIR ? 1 : 5);
		expect(nodeJson(second, 'Create or Update Leads').map((lead) => lead.id)).toEqual([1, 2, 3, 4, 5].map((n) => `sync-example-${n}`));
		const synced = nodeJson(second, 'Get Synced Leads');
		expect(synced.map((lead) => lead.id)).toEqual(['sync-example-5', 'sync-example-4', 'sync-example-3', 'sync-example-2', 'sync-example-1']);
		const list = await sandboxRequest<unknown[]>('POST', '/crm_leads/fetch_default', { n_name_like: 'Sync example', size: 100 });
		expect(list.json).toHaveLength(5);
		expect(await storedLead('sync-example-3')).toMatchObject({ json: { expected_revenue: 3000, is_blacklisted: 0 } });
	});

	/** The lead ids a Code node of an example generated for this run. */
	const generatedIds = (result: Awaited<ReturnType<typeof run>>, node: string) => nodeJson(result, node).map((row) => String(row.id));

	test('spreadsheet-import: the bad row comes back in the error file, the good ones are stored', async () => {
		const result = await run('spreadsheet-import.json');
		const [, second, bad] = generatedIds(result, 'Rows To Import');
		expect(nodeJson(result, 'Import Empty Template')[0]).toMatchObject({ total: 0, failed: 0 });
		const [summary] = nodeOutput(result, 'Import and Get Error File');
		expect(summary.json).toMatchObject({ total: 3, success: 2, failed: 1 });
		expect(summary.binary?.errors).toMatchObject({ fileName: 'crm_lead_import_errors.xlsx' });
		expect((await storedLead(second)).json).toMatchObject({ type: 'opportunity', city: 'Osaka' });
		expect(await keyState(bad)).toBe(0);
	});

	test('async-import: upload, import in the background, poll the job', async () => {
		const result = await run('async-import.json');
		expect(nodeJson(result, 'Start Async Import')[0]).toMatchObject({ status: 'finished', success: 2 });
		expect(nodeJson(result, 'Get Import Status')[0]).toMatchObject({ status: 'finished' });
		for (const id of generatedIds(result, 'Rows To Import')) expect(await keyState(id)).toBe(1);
	});

	test('documents: a PDF and an HTML print and a PDF report as binary data', async () => {
		const result = await run('documents.json');
		expect(nodeOutput(result, 'Print as PDF')[0].binary?.pdf).toMatchObject({ mimeType: 'application/pdf' });
		expect(nodeOutput(result, 'Print as HTML')[0].binary?.html).toMatchObject({ mimeType: 'text/html' });
		expect(nodeOutput(result, 'Report by Stage')[0].binary?.report).toMatchObject({ mimeType: 'application/pdf' });
	});

	test('continue-on-fail: the bad middle row is an error item paired to its input; the others are created', async () => {
		const result = await run('continue-on-fail.json');
		const [first, bad, third] = generatedIds(result, 'Rows With One Bad');
		const items = nodeOutput(result, 'Create Leads');
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toBe(first);
		expect(items[1].json.error).toBe('Field "probability" expects a number, got "very high"');
		expect(items[2].json.id).toBe(third);
		expect(await keyState(third)).toBe(1);
		expect(await keyState(bad)).toBe(0);
	});

	test('new-lead-welcome-message: the trigger hands the newest opportunity to Post Message', async () => {
		const result = await run('new-lead-welcome-message.json');
		const [lead] = nodeJson(result, 'New Opportunity');
		expect(lead.type).toBe('opportunity');
		const messages = await sandboxRequest<Array<{ template: string }>>('GET', `/__sandbox/leads/${String(lead.id)}/messages`);
		expect(messages.json.map((m) => m.template)).toContain('crm.lead_welcome');
	});
});
