/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * "Get it; if missing, create it" in a real n8n, against both generations of iBiz server: the
 * stack's sandbox is a cloud server (missing lead = HTTP 500), a second sandbox started here is a
 * classic one (HTTP 404). The same workflow (test/e2e/workflows/lead-get-or-create.json) must take
 * the same If branch on `errorKind` with both, and a Get without Continue On Fail must stop with
 * the same English message in the node's error (what the editor's error panel shows).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { E2E_WORKFLOWS_DIR } from '../../scripts/e2e/paths';
import type { WorkflowJson } from '../../scripts/e2e/n8n';
import { assertSuccess, nodeError, nodeJson, type ExecutionResult } from '../../scripts/e2e/runData';
import { startSandboxProcess, type SandboxProcess } from '../../scripts/e2e/sandbox';
import { e2eState, n8nClient, runWorkflow, sandboxRequest } from './helpers';

type Flavour = 'cloud' | 'classic';

let classic: SandboxProcess;
const workflowIds: Record<Flavour, { getOrCreate: string; getMissing: string }> = {
	cloud: { getOrCreate: 'e2eGetOrCreate', getMissing: 'e2eGetMissing' },
	classic: { getOrCreate: '', getMissing: '' },
};

const workflowFile = (file: string) => JSON.parse(readFileSync(path.join(E2E_WORKFLOWS_DIR, file), 'utf8')) as WorkflowJson;

/** A copy of a stored workflow whose CRM Lead nodes use another credential. */
function withCredential(workflow: WorkflowJson, credential: { id: string; name: string }, name: string) {
	const nodes = workflow.nodes.map((node) =>
		node.credentials?.crmLeadApi ? { ...node, credentials: { crmLeadApi: credential } } : node,
	);
	const copy: WorkflowJson & { id?: string } = { ...workflow };
	delete copy.id;
	return { ...copy, name, nodes };
}

beforeAll(async () => {
	classic = await startSandboxProcess({ extraArgs: ['--flavour', 'classic'] });
	const client = await n8nClient();
	const { json: created } = await client.request<{ data: { id: string; name: string } }>('POST', '/rest/credentials', {
		name: 'CRM Lead sandbox (classic)',
		type: 'crmLeadApi',
		data: { baseUrl: classic.url, authentication: 'accessToken', accessToken: classic.token, timeZone: 'Asia/Shanghai' },
	});
	const credential = { id: created.data.id, name: created.data.name };
	for (const [key, file] of [['getOrCreate', 'lead-get-or-create.json'], ['getMissing', 'lead-get-missing.json']] as const) {
		const copy = withCredential(workflowFile(file), credential, `${workflowFile(file).name} (classic)`);
		const { json } = await client.request<{ data: { id: string } }>('POST', '/rest/workflows', copy);
		workflowIds.classic[key] = json.data.id;
	}
}, 120_000);

afterAll(async () => {
	await classic?.stop();
});

const storedLead = async (flavour: Flavour, id: string) =>
	flavour === 'cloud'
		? await sandboxRequest<Record<string, unknown>>('GET', `/crm_leads/${encodeURIComponent(id)}`)
		: await classic.request<Record<string, unknown>>('GET', `/crm_leads/${encodeURIComponent(id)}`);

/** Items each branch of the If got (a branch without items does not run at all). */
const itemsOf = (result: ExecutionResult, node: string) => (result.runData[node] ? nodeJson(result, node).length : 0);
const branchTaken = (result: ExecutionResult) => ({ created: itemsOf(result, 'Create Lead'), alreadyThere: itemsOf(result, 'Already There') });

describe.each(['cloud', 'classic'] as const)('a %s server', (flavour) => {
	it('Get → If (errorKind is notFound) → Create: the missing lead takes the Create branch and is stored', async () => {
		const first = assertSuccess(await runWorkflow(workflowIds[flavour].getOrCreate));
		const [getResult] = nodeJson(first, 'Get Lead');
		const id = String(nodeJson(first, 'Lead To Sync')[0].id);
		expect(getResult).toEqual({
			errorKind: 'notFound',
			error: `Lead '${id}' was not found`,
			description: expect.stringContaining(`Get lead failed with HTTP ${flavour === 'cloud' ? 500 : 404}: `),
			httpCode: flavour === 'cloud' ? '500' : '404',
		});
		expect(branchTaken(first)).toEqual({ created: 1, alreadyThere: 0 });
		expect(nodeJson(first, 'Create Lead')[0]).toMatchObject({ id, name: 'E2E get-or-create lead' });
		expect((await storedLead(flavour, id)).json).toMatchObject({ id, name: 'E2E get-or-create lead' });
		expect(first.raw).not.toContain(e2eState().sandboxToken);
		expect(first.raw).not.toContain(classic.token);
	});

	it('a Get without Continue On Fail stops with the same English message, the server’s words in the description', async () => {
		const result = await runWorkflow(workflowIds[flavour].getMissing);
		expect(result.status).toBe('error');
		const error = nodeError(result, 'Get Lead');
		expect(error?.message).toMatch(/^Lead 'e2e-missing-\d+' was not found$/);
		expect(error?.description).toContain(flavour === 'cloud' ? '无法获取指定数据[e2e-missing-' : "No crm_lead with key 'e2e-missing-");
		expect(error?.httpCode).toBe(flavour === 'cloud' ? '500' : '404');
		expect(error?.context?.errorKind).toBe('notFound');
	});
});
