/**
 * Events for triggers that wait for the outside world (a chat message, an MCP client, a webhook
 * call), so a manual run can start them unattended: `N8nRestClient.runWorkflow(id, { triggerName,
 * triggerItems })` hands them to the trigger as its output, as the editor's chat panel does.
 */
import type { WorkflowJson } from './n8n';

export type TriggerItems = Array<{ json: Record<string, unknown> }>;

export const CHAT_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.chatTrigger';

/** A chat message as the Chat Trigger outputs it. */
export function chatMessage(chatInput: string, sessionId = 'e2e-chat-session'): TriggerItems {
	return [{ json: { sessionId, action: 'sendMessage', chatInput } }];
}

const SAMPLE_EVENTS: Record<string, () => TriggerItems> = {
	[CHAT_TRIGGER_TYPE]: () => chatMessage('Hello from the e2e suite'),
	'@n8n/n8n-nodes-langchain.mcpTrigger': () => [{ json: {} }],
	'n8n-nodes-base.webhook': () => [{ json: { headers: {}, params: {}, query: {}, body: {} } }],
};

/** A sample event for the workflow's event trigger (undefined when it has none, e.g. a Manual Trigger). */
export function sampleEvent(workflow: WorkflowJson): { triggerName: string; triggerItems: TriggerItems } | undefined {
	const trigger = workflow.nodes.find((node) => node.type in SAMPLE_EVENTS);
	return trigger && { triggerName: trigger.name, triggerItems: SAMPLE_EVENTS[trigger.type]() };
}
