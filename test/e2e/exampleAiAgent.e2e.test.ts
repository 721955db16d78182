/**
 * examples/ai-agent-lead-assistant.json, as the editor's chat runs it: a chat message reaches the
 * AI Agent, whose chat model (the scripted stand-in, scripts/modelScripts/leadAssistantExample.ts)
 * uses the four CRM Lead tools. What the example is for must have happened in the sandbox.
 */
import { expectNoSecrets, expectToolSchemas, modelTools, modelTraffic, runAgent, toolRuns, writeArtifact } from './agentHelpers';
import { chatMessage } from '../../scripts/e2e/triggerEvents';
import { e2eState, sandboxRequest } from './helpers';
import { LEAD_ASSISTANT, leadNameFrom } from '../../scripts/modelScripts/leadAssistantExample';

const CHAT_INPUT = 'Globex Corporation asks for a demo of the CRM';

function exampleId(): string {
	const workflow = e2eState().workflows.find((w) => w.file.endsWith(LEAD_ASSISTANT.workflowFile));
	if (!workflow) throw new Error(`${LEAD_ASSISTANT.workflowFile} was not imported`);
	return workflow.id;
}

test('ai-agent-lead-assistant: a chat message creates, qualifies and welcomes a lead through the CRM Lead tools', async () => {
	const { result, requests } = await runAgent(exampleId(), { triggerItems: chatMessage(CHAT_INPUT) });

	expect(requests.every((r) => r.script === 'example: lead assistant' && !r.error)).toBe(true);
	const tools = modelTools(requests[0]);
	expectToolSchemas(tools, [
		{ node: 'Find Leads', operation: /get many|find|search|list/i, required: [], optional: ['stage', 'nameContains'] },
		{ node: 'Create Lead', operation: /create/i, required: ['type', 'name'], optional: ['contactName', 'email'] },
		{ node: 'Update Lead Stage', operation: /update/i, required: ['leadId', 'stage', 'probability'] },
		{ node: 'Post Welcome Message', operation: /message/i, required: ['leadId'] },
	]);
	expect(requests[0].body?.messages.at(-1)).toMatchObject({ role: 'user', content: CHAT_INPUT });

	const [created] = toolRuns(result, 'Create Lead');
	const leadId = created.output[0]?.id;
	expect(created.input).toMatchObject({ type: 'lead', name: leadNameFrom(CHAT_INPUT) });
	expect(toolRuns(result, 'Update Lead Stage').map((run) => run.input)).toEqual([
		{ leadId, stage: LEAD_ASSISTANT.stage, probability: LEAD_ASSISTANT.probability },
	]);
	expect(toolRuns(result, 'Post Welcome Message').map((run) => run.input)).toEqual([{ leadId }]);
	const [found] = toolRuns(result, 'Find Leads');
	expect(found.output.map((lead) => lead.id)).toContain(leadId);

	const stored = await sandboxRequest<Record<string, unknown>>('GET', `/crm_leads/${String(leadId)}`);
	expect(stored.json).toMatchObject({ name: leadNameFrom(CHAT_INPUT), stage_id: LEAD_ASSISTANT.stage, probability: LEAD_ASSISTANT.probability });
	const messages = await sandboxRequest<Array<{ template: string }>>('GET', `/__sandbox/leads/${String(leadId)}/messages`);
	expect(messages.json.map((m) => m.template)).toEqual(['crm.lead_welcome']);
	expect(result.runData['Lead Assistant'][0].data?.main?.[0]?.[0]?.json.output).toContain(String(leadId));

	expectNoSecrets({ 'model requests': modelTraffic(requests), 'run data': result.raw });
	writeArtifact('example-ai-agent-lead-assistant', { tools, storedLeads: [stored.json] });
});
