/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The packed node inside a real n8n, against the sandbox API: the package loads, workflows run,
 * the sandbox holds what they wrote, and a wrong token fails clearly without leaking.
 */
import { readFileSync } from 'node:fs';

import { createN8nUserFolder, executeWorkflowCli } from '../../scripts/e2e/n8n';
import { CREDENTIAL_TYPE, NODE_TYPE, PACKAGE_NAME } from '../../scripts/e2e/paths';
import { assertSuccess, nodeError, nodeJson, nodeOutput, summarize } from '../../scripts/e2e/runData';
import { e2eState, n8nClient, runWorkflow, sandboxRequest } from './helpers';

describe('n8n loads the packed community package', () => {
	it('lists the CRM Lead node and its credential type, and serves the node icon', async () => {
		const client = await n8nClient();
		const { json: nodeTypes } = await client.request<Array<Record<string, unknown>>>('GET', '/types/nodes.json');
		const versions = nodeTypes.filter((type) => type.name === NODE_TYPE);
		const node = versions[0];
		expect(node).toBeDefined();
		expect(node?.displayName).toBe('CRM Lead');
		// version 3 for new workflows, versions 1 and 2 still there for saved ones
		expect(versions.flatMap((type) => [type.version].flat()).sort()).toEqual([1, 2, 3]);

		const { json: credentialTypes } = await client.request<Array<Record<string, unknown>>>(
			'GET',
			'/types/credentials.json',
		);
		expect(credentialTypes.map((type) => type.name)).toContain(CREDENTIAL_TYPE);

		// The editor draws the node with this URL; a broken icon means the "?" placeholder.
		const iconUrl = (node?.iconUrl as { light?: string } | string | undefined) ?? '';
		const light = typeof iconUrl === 'string' ? iconUrl : iconUrl.light ?? '';
		expect(light).toContain(`icons/${PACKAGE_NAME}/`);
		const icon = await fetch(`${e2eState().n8nUrl}/${light.replace(/^\//, '')}`);
		expect(icon.status).toBe(200);
		expect(icon.headers.get('content-type')).toContain('svg');
		expect(await icon.text()).toContain('<svg');
	});

	it('logs no load error for the package while n8n starts', () => {
		const log = readFileSync(e2eState().n8nStartupLogFile, 'utf8');
		expect(log).toContain('Editor is now accessible');
		const problems = log
			.split('\n')
			.filter((line) => /crm-?lead/i.test(line) && /error|fail|could not|unable|invalid/i.test(line));
		expect(problems).toEqual([]);
	});
});

describe('CRM Lead workflows against the sandbox', () => {
	it('creates a lead and gets it back (Create → Get)', async () => {
		const result = await runWorkflow('e2eLeadCreateGet');
		assertSuccess(result);

		const [created] = nodeJson(result, 'Create Lead');
		expect(nodeJson(result, 'Create Lead')).toHaveLength(1);
		expect(created).toMatchObject({
			name: 'E2E create-then-get lead',
			type: 'lead',
			email_from: 'e2e.create@example.com',
			partner_name: 'E2E Testing Ltd',
		});
		expect(typeof created.id).toBe('string');

		const fetched = nodeJson(result, 'Get Lead');
		expect(fetched).toHaveLength(1);
		expect(fetched[0]).toMatchObject({ id: created.id, name: 'E2E create-then-get lead' });

		// What the sandbox stored is what the workflow sent.
		const stored = await sandboxRequest<Record<string, unknown>>('GET', `/crm_leads/${String(created.id)}`);
		expect(stored.status).toBe(200);
		expect(stored.json).toMatchObject({
			id: created.id,
			name: 'E2E create-then-get lead',
			email_from: 'e2e.create@example.com',
			phone: '+49 30 1234567',
		});

		// The credential's token never lands in the run data.
		expect(result.raw).not.toContain(e2eState().sandboxToken);
	});

	it('exports leads as a spreadsheet file that the next node reads (binary data between nodes)', async () => {
		const result = await runWorkflow('e2eLeadExportXls');
		assertSuccess(result);

		const [exported] = nodeOutput(result, 'Export Leads');
		const file = exported.binary?.data;
		expect(file).toBeDefined();
		expect(file?.fileName).toMatch(/\.xlsx$/);
		const bytes = await (await n8nClient()).binaryData(file ?? {});
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip
		expect(bytes.length).toBeGreaterThan(1000);

		const rows = nodeJson(result, 'Read Spreadsheet');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.length).toBeLessThanOrEqual(10);
	});

	it('fails with a clear 401 when the credential has a wrong token, without leaking it', async () => {
		const { badToken, n8nLogFile } = e2eState();
		const result = await runWorkflow('e2eLeadBadToken');

		expect(result.status).toBe('error');
		const error = nodeError(result, 'Get Many Leads');
		expect(error).toBeDefined();
		expect(String(error?.httpCode)).toBe('401');
		expect(error?.description).toMatch(/HTTP 401/);
		expect(error?.context?.errorKind).toBe('authentication');
		// says what to fix
		expect(`${error?.message ?? ''} ${error?.description ?? ''}`).toMatch(/token|credential/i);
		expect(result.error?.message).toBeTruthy();

		// Nowhere: not in the stored execution, not in n8n's log.
		expect(result.raw).not.toContain(badToken);
		expect(JSON.stringify(result.runData)).not.toContain(badToken);
		expect(readFileSync(n8nLogFile, 'utf8')).not.toContain(badToken);
	});
});

describe('n8n execute (CLI, no server involved)', () => {
	it('runs a stored workflow headless and reports the same 401 without the token', async () => {
		const state = e2eState();
		// The same user folder as the running server (SQLite handles both).
		const instance = createN8nUserFolder({ dir: state.workDir, keep: true });
		const result = await executeWorkflowCli(instance, 'e2eLeadBadToken');

		expect(result.status).toBe('error');
		expect(String(nodeError(result, 'Get Many Leads')?.httpCode)).toBe('401');
		expect(result.raw).not.toContain(state.badToken);
		expect(summarize(result)).toContain('Get Many Leads');
	});
});
