/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** What the e2e test files share: the running stack (from globalSetup) and shortcuts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { E2E_SUITE_DIR } from '../../scripts/e2e/paths';
import { N8nRestClient } from '../../scripts/e2e/rest';
import { sandboxFetch } from '../../scripts/e2e/sandbox';
import type { ExecutionResult } from '../../scripts/e2e/runData';
import { sampleEvent, type TriggerItems } from '../../scripts/e2e/triggerEvents';
import type { E2eState } from './globalSetup';
import { ScriptedModelClient } from '../../scripts/scriptedModel/client';

let cachedState: E2eState | undefined;
let cachedClient: N8nRestClient | undefined;

/** The stack globalSetup started. */
export function e2eState(): E2eState {
	cachedState ??= JSON.parse(
		readFileSync(process.env.CRM_LEAD_E2E_STATE ?? path.join(E2E_SUITE_DIR, 'stack.json'), 'utf8'),
	) as E2eState;
	return cachedState;
}

/** What n8n sent to the scripted model (the chat model of the agent workflows). */
export function scriptedModel(): ScriptedModelClient {
	return new ScriptedModelClient(e2eState().scriptedModelUrl);
}

/** An owner session on the running n8n (one login per test file). */
export async function n8nClient(): Promise<N8nRestClient> {
	const state = e2eState();
	cachedClient ??= await N8nRestClient.login(state.n8nUrl, state.owner);
	return cachedClient;
}

/**
 * Runs a stored workflow through the running n8n (manual run) and returns its run data.
 * A workflow started by an event trigger (chat, MCP, webhook) gets `triggerItems` (e.g.
 * `chatMessage('…')` from scripts/e2e/triggerEvents.ts) or else a sample event, so every
 * workflow file runs unattended (workflows.e2e.test.ts).
 */
export async function runWorkflow(workflowId: string, options: { triggerItems?: TriggerItems } = {}): Promise<ExecutionResult> {
	const client = await n8nClient();
	const event = sampleEvent(await client.getWorkflow(workflowId));
	return await client.runWorkflow(workflowId, { ...event, ...(options.triggerItems ? { triggerItems: options.triggerItems } : {}) });
}

/** Calls the sandbox API directly (full-access token), to check what n8n stored there. */
export async function sandboxRequest<T = unknown>(
	method: string,
	urlPath: string,
	body?: unknown,
): Promise<{ status: number; json: T }> {
	const { sandboxUrl, sandboxToken } = e2eState();
	return await sandboxFetch<T>(sandboxUrl, sandboxToken, method, urlPath, body);
}
