/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The `openAiApi` credential the AI-agent workflows (examples/ai-agent-lead-assistant.json and the
 * e2e agent scenarios) reference by this fixed id. The e2e suite and the demo point it at the
 * scripted model (scripts/scriptedModel/), so nothing needs the internet or an OpenAI key; to
 * use a real model, set its API key and base URL (https://api.openai.com/v1, or any
 * OpenAI-compatible server) in n8n.
 */
import type { CredentialDefinition } from './n8n';

export const SCRIPTED_MODEL_CREDENTIAL = { id: 'openAiScripted01', name: 'Chat model (scripted, local)' } as const;

/** Not a secret: the scripted model accepts any key. Tests assert it stays out of run data and logs. */
export const SCRIPTED_MODEL_API_KEY = 'sk-scripted-local-model-key-0000';

export function scriptedModelCredential(baseUrl: string): CredentialDefinition {
	return {
		...SCRIPTED_MODEL_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: SCRIPTED_MODEL_API_KEY, organizationId: '', url: baseUrl, header: false },
	};
}
