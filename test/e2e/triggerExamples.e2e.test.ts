/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The trigger's two issue-33 examples, published in the real n8n and left to poll (every 10 s),
 * against both sandbox flavours: examples/lead-backfill-sync.json mirrors every lead of a team
 * from the first one on, in executions of at most 10 leads, then new ones as they come, none
 * twice; examples/lead-deletion-mirror.json deletes the mirror copy of a lead that is deleted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { EXAMPLES_DIR } from '../../scripts/e2e/paths';
import type { WorkflowJson } from '../../scripts/e2e/n8n';
import { nodeJson } from '../../scripts/e2e/runData';
import { getExecution, listExecutions, waitFor } from '../../scripts/queue/observe';
import { n8nClient } from './helpers';

/** Polls at seconds 0, 10, …, 50 of every minute (n8n refuses a single cron below one minute). */
const EVERY_TEN_SECONDS = { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) };
const TEAM = 'team_europe';

interface StoredNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

describe.each<Flavour>(['cloud', 'classic'])('%s flavour: the trigger examples, published', (flavour) => {
	let sandbox: Sandbox;
	let credential: { id: string; name: string };
	const published: string[] = [];

	beforeAll(async () => {
		sandbox = await createSandbox({ flavour, seed: 50 });
		const client = await n8nClient();
		const { json } = await client.request<{ data: { id: string; name: string } }>('POST', '/rest/credentials', {
			name: `CRM Lead ${flavour} sandbox (trigger examples)`,
			type: 'crmLeadApi',
			data: { baseUrl: sandbox.url, authentication: 'accessToken', accessToken: sandbox.token, timeZone: 'Asia/Shanghai' },
		});
		credential = { id: json.data.id, name: json.data.name };
	});

	afterAll(async () => {
		const client = await n8nClient();
		for (const id of published) await client.request('POST', `/rest/workflows/${id}/deactivate`).catch(() => undefined);
		await sandbox?.close();
	});

	/** The example stored in n8n on this flavour's credential, polling every 10 s, and published. */
	async function publish(file: string): Promise<{ id: string; trigger: string }> {
		const workflow = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson & { nodes: StoredNode[] };
		for (const node of workflow.nodes) {
			if (node.credentials?.crmLeadApi) node.credentials = { crmLeadApi: credential };
			if (node.type.endsWith('.crmLeadTrigger')) node.parameters.pollTimes = EVERY_TEN_SECONDS;
		}
		const client = await n8nClient();
		const id = await client.createWorkflow({ name: `${workflow.name} (${flavour})`, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings });
		await client.publishWorkflow(id);
		published.push(id);
		return { id, trigger: workflow.nodes.find((node) => node.type.endsWith('.crmLeadTrigger'))!.name };
	}

	/** What the trigger handed out, one list per finished execution. */
	async function triggerOutputs(workflowId: string, trigger: string): Promise<Array<Array<Record<string, unknown>>>> {
		const client = await n8nClient();
		const outputs: Array<Array<Record<string, unknown>>> = [];
		for (const execution of await listExecutions(client, workflowId)) {
			if (!['success', 'error'].includes(execution.status)) continue;
			outputs.push(nodeJson(await getExecution(client, workflowId, execution.id), trigger));
		}
		return outputs;
	}

	const mirrors = () => sandbox.countLeads({ n_team_id_eq: 'team_mirror' });

	test('lead-backfill-sync: every lead of the team is mirrored once, at most 10 per execution; a new one follows', async () => {
		const europe = sandbox.countLeads({ n_team_id_eq: TEAM });
		expect(europe).toBeGreaterThan(10); // the backlog takes more than one execution
		const { id, trigger } = await publish('lead-backfill-sync.json');
		await waitFor('every europe lead mirrored', () => (mirrors() === europe ? true : undefined), 120_000, 1000);
		sandbox.insertLeads([{ id: `e2e-new-${flavour}`, type: 'lead', name: 'New after the backlog', team_id: TEAM }]);
		await waitFor('the new lead mirrored', () => (sandbox.getLead(`mirror-e2e-new-${flavour}`) ? true : undefined), 90_000, 1000);
		const outputs = (await triggerOutputs(id, trigger)).filter((items) => items.length > 0);
		const handed = outputs.flat().map((lead) => String(lead.id));
		expect(Math.max(...outputs.map((items) => items.length))).toBeLessThanOrEqual(10);
		expect(outputs.length).toBeGreaterThanOrEqual(Math.ceil(europe / 10) + 1);
		expect(new Set(handed).size).toBe(handed.length);
		expect(handed).toHaveLength(europe + 1);
		expect(sandbox.getLead(`mirror-e2e-new-${flavour}`)).toMatchObject({ name: 'New after the backlog', team_id: 'team_mirror' });
	}, 240_000);

	test('lead-deletion-mirror: a deleted lead of the team has its mirror copy deleted; leaving the team deletes nothing', async () => {
		const answer = await fetch(`${sandbox.url}/crm_leads/fetch_default`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ n_team_id_eq: TEAM, size: 2, sort: 'id,asc' }),
		});
		const [gone, moved] = (await answer.json()) as Array<{ id: string }>;
		expect(sandbox.getLead(`mirror-${gone.id}`)).toBeDefined(); // mirrored by the test above
		const { id, trigger } = await publish('lead-deletion-mirror.json');
		sandbox.deleteLead(gone.id);
		sandbox.updateLead(moved.id, { team_id: 'team_asia' });
		await waitFor('the mirror copy deleted', () => (sandbox.getLead(`mirror-${gone.id}`) === undefined ? true : undefined), 90_000, 1000);
		const handed = (await triggerOutputs(id, trigger)).flat();
		expect(handed).toEqual([{ id: gone.id, deleted: true, keyState: flavour === 'cloud' ? 'deleted' : 'notFound', detectedAt: expect.any(String) }]);
		expect(sandbox.getLead(`mirror-${moved.id}`)).toBeDefined();
	}, 180_000);
});
