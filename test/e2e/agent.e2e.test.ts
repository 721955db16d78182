/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The CRM Lead node as an AI-agent tool in real n8n 2.41: n8n generates
 * `n8n-nodes-crm-lead.crmLeadTool` from `usableAsTool`; an AI Agent whose OpenAI Chat Model points
 * at the scripted model (scripts/scriptedModel/) calls it. Each scenario checks what n8n offered
 * the model, what the tools ran with (run data), what the model got back and what the sandbox
 * stored. The workflows are test/e2e/workflows/agent-*.json; the model's moves are
 * scripts/modelScripts/agentScenarios.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { E2E_WORKFLOWS_DIR, N8N_MAJOR } from '../../scripts/e2e/paths';
import type { WorkflowJson } from '../../scripts/e2e/n8n';
import { expectNoSecrets, expectToolSchemas, modelTools, modelTraffic, runAgent, toolRuns, writeArtifact } from './agentHelpers';
import { e2eState, n8nClient, sandboxRequest, scriptedModel } from './helpers';
import { CREATE_THEN_GET, STAGE_PROBABILITY, STREAMED, UNKNOWN_LEAD } from '../../scripts/modelScripts/agentScenarios';
import type { RecordedRequest } from '../../scripts/scriptedModel/server';

type Lead = Record<string, unknown>;
const storedLead = async (id: unknown) => (await sandboxRequest<Lead>('GET', `/crm_leads/${encodeURIComponent(String(id))}`)).json;
const createLead = async (fields: Lead) => (await sandboxRequest<Lead>('POST', '/crm_leads', fields)).json;

/** The tool results n8n sent back to the model in a request (role "tool"), as text. */
const toolMessages = (request: RecordedRequest) =>
	(request.body?.messages ?? []).filter((m) => m.role === 'tool').map((m) => String(m.content));

const finalAnswer = (requests: RecordedRequest[]) => {
	const answer = requests.at(-1)?.answer;
	return answer && 'text' in answer ? answer.text : undefined;
};

describe('AI Agent with CRM Lead tools (scripted model)', () => {
	it('creates a lead, then reads it back by the id it got (Create → Get; a manual tool description)', async () => {
		const { result, requests } = await runAgent(CREATE_THEN_GET.workflowId);

		expect(requests.map((r) => [r.script, r.turn, r.error])).toEqual([
			['agent: create then get', 0, undefined],
			['agent: create then get', 1, undefined],
			['agent: create then get', 2, undefined],
		]);
		const tools = modelTools(requests[0]);
		expectToolSchemas(tools, [
			{ node: 'Create Lead', operation: /create/i, required: ['type', 'name'] },
			{ node: 'Get Lead', operation: /get/i, required: ['leadId'] },
		]);
		// descriptionType "manual": the Description field reaches the model as it is
		const workflow = JSON.parse(readFileSync(path.join(E2E_WORKFLOWS_DIR, 'agent-create-get.json'), 'utf8')) as WorkflowJson;
		const getLeadNode = workflow.nodes.find((node) => node.name === 'Get Lead');
		expect(tools.find((tool) => tool.name === 'Get_Lead')?.description).toBe(getLeadNode?.parameters?.toolDescription);

		const [create] = toolRuns(result, 'Create Lead');
		expect(create.input).toEqual({ type: 'lead', name: CREATE_THEN_GET.leadName });
		const createdId = create.output[0]?.id;
		expect(typeof createdId).toBe('string');
		expect(toolMessages(requests[1])[0]).toContain(String(createdId)); // the model got the id back
		const [get] = toolRuns(result, 'Get Lead');
		expect(get.input).toEqual({ leadId: createdId });
		expect(get.output).toEqual([expect.objectContaining({ id: createdId, name: CREATE_THEN_GET.leadName })]);
		expect(finalAnswer(requests)).toContain(String(createdId));

		const stored = await storedLead(createdId);
		expect(stored).toMatchObject({ id: createdId, name: CREATE_THEN_GET.leadName, type: 'lead' });
		expectNoSecrets({ 'model requests': modelTraffic(requests), 'run data': result.raw });
		writeArtifact('agent-create-then-get', { tools, storedLeads: [stored] });
	});

	it('finds no lead of a stage yet: the model gets an empty tool result and updates nothing', async () => {
		// Runs before the next test puts leads into that stage; nothing else uses it.
		const { result, requests } = await runAgent(STAGE_PROBABILITY.workflowId);

		expect(toolRuns(result, 'Find Leads').map((run) => run.output)).toEqual([[]]);
		expect(toolRuns(result, 'Update Lead')).toEqual([]);
		const [emptyResult] = toolMessages(requests[1]);
		expect(JSON.parse(emptyResult)).toHaveLength(0); // n8n 2.41 sends "" (a JSON empty string) for no item
		expect(finalAnswer(requests)).toBe(`No lead is in stage ${STAGE_PROBABILITY.stage}.`);
		writeArtifact('agent-stage-probability-none', { toolResult: emptyResult, storedLeads: [] });
	});

	it('finds the leads of a stage and updates their probability (Get Many with $fromAI filters → Update)', async () => {
		const reviewed = await Promise.all(
			['Review one', 'Review two', 'Review three'].map((name) =>
				createLead({ type: 'opportunity', name: `Agent e2e: ${name}`, stage_id: STAGE_PROBABILITY.stage, probability: 10 }),
			),
		);
		const control = await createLead({ type: 'opportunity', name: 'Agent e2e: other stage', stage_id: 'qualified', probability: 10 });

		const { result, requests } = await runAgent(STAGE_PROBABILITY.workflowId);

		const tools = modelTools(requests[0]);
		expectToolSchemas(tools, [
			{ node: 'Find Leads', operation: /get many|find|search|list/i, required: ['stage'], optional: ['nameContains'] },
			{ node: 'Update Lead', operation: /update/i, required: ['leadId', 'probability'] },
		]);
		const findSchema = tools.find((tool) => tool.name === 'Find_Leads')?.schema?.properties;
		expect(findSchema?.nameContains).toMatchObject({ type: 'string', default: '' }); // $fromAI's 4th argument
		expect(tools.find((tool) => tool.name === 'Update_Lead')?.schema?.properties?.probability?.type).toBe('number');

		const [find] = toolRuns(result, 'Find Leads');
		expect(find.input).toEqual({ stage: STAGE_PROBABILITY.stage, nameContains: '' });
		const foundIds = find.output.map((lead) => lead.id);
		expect(foundIds).toEqual(expect.arrayContaining(reviewed.map((lead) => lead.id)));
		expect(foundIds).not.toContain(control.id);
		expect(find.output.every((lead) => lead.stage_id === STAGE_PROBABILITY.stage)).toBe(true);

		// one model answer with one Update call per found lead (parallel tool calls)
		const updateTurn = requests[1].answer;
		expect(updateTurn && 'toolCalls' in updateTurn ? updateTurn.toolCalls.length : 0).toBe(foundIds.length);
		const updates = toolRuns(result, 'Update Lead');
		expect(updates.map((run) => run.input).sort((a, b) => String(a.leadId).localeCompare(String(b.leadId)))).toEqual(
			foundIds.map((id) => ({ leadId: id, probability: STAGE_PROBABILITY.probability })).sort((a, b) => String(a.leadId).localeCompare(String(b.leadId))),
		);
		expect(updates.every((run) => run.status === 'success')).toBe(true);

		const stored = await Promise.all(reviewed.map((lead) => storedLead(lead.id)));
		expect(stored.map((lead) => lead.probability)).toEqual(reviewed.map(() => STAGE_PROBABILITY.probability));
		expect((await storedLead(control.id)).probability).toBe(10);
		expectNoSecrets({ 'model requests': modelTraffic(requests), 'run data': result.raw });
		writeArtifact('agent-stage-probability', { tools, storedLeads: [...stored, await storedLead(control.id)] });
	});

	it('an unknown lead id: the tool error reaches the model as a tool result and the run still succeeds', async () => {
		const { result, requests } = await runAgent(UNKNOWN_LEAD.workflowId, { expectSuccess: N8N_MAJOR !== 1 });
		if (N8N_MAJOR === 1) {
			// n8n 1.x's AI Agent does not hand a tool's error to the model: the run stops at the tool
			// with the node's own message (README, Compatibility).
			expect(result.status).toBe('error');
			const runs = toolRuns(result, 'Get Lead');
			expect(runs.map((run) => run.input)).toContainEqual({ leadId: UNKNOWN_LEAD.leadId });
			expect(runs.at(-1)?.status).toBe('error');
			expect(JSON.stringify(result.error)).toMatch(/HTTP 500/);
			expectNoSecrets({ 'model requests': modelTraffic(requests), 'run data': result.raw });
			return;
		}

		const tools = modelTools(requests[0]);
		expectToolSchemas(tools, [{ node: 'Get Lead', operation: /get/i, required: ['leadId'] }]);
		const [get] = toolRuns(result, 'Get Lead');
		expect(get.input).toEqual({ leadId: UNKNOWN_LEAD.leadId });
		expect(get.status).toBe('error');

		// What the server itself says about that id, in either flavour's error shape.
		const server = await sandboxRequest<Record<string, unknown>>('GET', `/crm_leads/${UNKNOWN_LEAD.leadId}`);
		expect(server.status).toBeGreaterThanOrEqual(400);
		const serverMessage = String(server.json.detail ?? server.json.message);
		expect(serverMessage).toContain(UNKNOWN_LEAD.leadId);
		const [toolResult] = toolMessages(requests[1]);
		// The kind and the English message first (the model decides its next call from them), then the server's words.
		expect(JSON.parse(toolResult)).toEqual([{ error: expect.stringMatching(new RegExp(`^notFound: Lead '${UNKNOWN_LEAD.leadId}' was not found\\. Get lead failed with HTTP \\d+: `)) }]);
		expect(JSON.parse(toolResult)[0].error).toContain(serverMessage);
		expect(finalAnswer(requests)).toContain(serverMessage);
		expect(result.runData['AI Agent'][0].data?.main?.[0]?.[0]?.json.output).toContain(serverMessage);

		expectNoSecrets({ 'model requests': modelTraffic(requests), 'run data': result.raw });
		writeArtifact('agent-unknown-lead', { tools, toolResult, storedLeads: [] });
	});

	it('behind a streaming webhook, n8n calls the model with stream: true (SSE) and streams the answer', async () => {
		await (await n8nClient()).publishWorkflow(STREAMED.workflowId);
		const since = await scriptedModel().mark();

		const response = await fetch(`${e2eState().n8nUrl}/webhook/${STREAMED.webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
			signal: AbortSignal.timeout(60_000),
		});
		const chunks = (await response.text())
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { type: string; content?: string });
		const requests = await scriptedModel().requests({ since });

		expect(response.status).toBe(200);
		expect(requests.map((r) => [r.script, r.body?.stream, r.error])).toEqual([
			['agent: streamed', true, undefined],
			['agent: streamed', true, undefined],
		]);
		const streamed = chunks.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content).join('');
		const id = /Created the opportunity (\S+)\./.exec(streamed)?.[1];
		expect(id).toBeDefined();
		const stored = await storedLead(id);
		expect(stored).toMatchObject({ id, name: STREAMED.leadName, type: 'opportunity' });
		expectNoSecrets({ 'model requests': modelTraffic(requests), 'streamed answer': JSON.stringify(chunks) });
		writeArtifact('agent-streamed', { tools: modelTools(requests[0]), storedLeads: [stored] });
	});
});
