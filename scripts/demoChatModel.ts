/**
 * The demo's chat model: the scripted stand-in that plays examples/ai-agent-lead-assistant.json
 * (scripts/modelScripts/leadAssistantExample.ts), so the AI example runs in `npm run demo`
 * without internet and without an OpenAI key. It is not a model: whatever you type, it creates a
 * lead named after your message, qualifies it and posts the welcome message. To chat with a real
 * model, edit the credential it is wired to (printed in the banner).
 */
import { leadAssistantScript } from './modelScripts/leadAssistantExample';
import { startScriptedModelServer, type ScriptedModelServer } from './scriptedModel/server';
import { SCRIPTED_MODEL_CREDENTIAL, scriptedModelCredential } from './e2e/chatModelCredential';
import type { CredentialDefinition, WorkflowJson } from './e2e/n8n';

export interface DemoChatModel {
	server: ScriptedModelServer;
	credential: CredentialDefinition;
	/** Banner lines: where the stand-in runs and what to change for a real model. */
	banner(): string[];
}

export async function startDemoChatModel(log: (message: string) => void): Promise<DemoChatModel> {
	const server = await startScriptedModelServer({ scripts: [leadAssistantScript], log });
	return {
		server,
		credential: scriptedModelCredential(server.baseUrl),
		banner: () => [
			` Chat model of the AI example: a scripted local stand-in (${server.baseUrl}),`,
			'   canned moves, no internet, no OpenAI key. Open the workflow and use its Chat button.',
			`   For a real model, edit the credential "${SCRIPTED_MODEL_CREDENTIAL.name}":`,
			'   API Key, and Base URL https://api.openai.com/v1 (or any OpenAI-compatible server).',
		],
	};
}

/** Whether a workflow talks to the chat model (its credential is imported only then). */
export function usesChatModel(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((node) => node.credentials?.openAiApi?.id === SCRIPTED_MODEL_CREDENTIAL.id);
}
