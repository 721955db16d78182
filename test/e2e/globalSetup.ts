/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Starts one stack for the whole e2e suite: the packed node installed into a fresh n8n user
 * folder, the sandbox (50 demo leads), the scripted model for the AI-agent workflows,
 * credentials (CRM Lead, the chat model, the MCP clients' bearer token) + every workflow of test/e2e/workflows/ (and examples/ when present) imported,
 * `n8n start`, owner set up. Test files reach it through the state file (see helpers.ts);
 * globalTeardown stops it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { scriptedModelCredential } from '../../scripts/e2e/chatModelCredential';
import { E2E_SUITE_DIR, E2E_WORKFLOWS_DIR, EXAMPLES_DIR, N8N_VERSION, V1_WORKFLOWS_DIR } from '../../scripts/e2e/paths';
import { killChildrenOnSignals } from '../../scripts/e2e/proc';
import { startStack, writeStackState, type Stack, type StackState } from '../../scripts/e2e/stack';
import { mcpBearerCredential } from './mcp/credential';
import { E2E_MODEL_SCRIPTS } from '../../scripts/modelScripts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../scripts/scriptedModel/server';

export const STATE_ENV = 'CRM_LEAD_E2E_STATE';

export default async function globalSetup(): Promise<void> {
	const dir = E2E_SUITE_DIR;
	killChildrenOnSignals(); // Ctrl-C during the suite must not leave n8n or the sandbox running
	process.stderr.write(`\n[e2e] starting n8n ${N8N_VERSION} + sandbox for the e2e suite\n`);
	const model = await startScriptedModelServer({
		scripts: E2E_MODEL_SCRIPTS,
		log: (message) => process.stderr.write(`[e2e] ${message}\n`),
	});
	const holder = globalThis as { __crmLeadE2eStack?: Stack; __crmLeadScriptedModel?: ScriptedModelServer };
	holder.__crmLeadScriptedModel = model;
	const mcpToken = `mcp-e2e-${randomBytes(12).toString('hex')}`;
	const stack = await startStack({
		dir,
		workflowDirs: [E2E_WORKFLOWS_DIR, EXAMPLES_DIR, V1_WORKFLOWS_DIR],
		sandboxSeed: 50,
		extraCredentials: () => [scriptedModelCredential(model.baseUrl), mcpBearerCredential(mcpToken)],
		echo: process.env.E2E_ECHO === '1',
	}).catch(async (error: unknown) => {
		await model.stop(); // jest skips globalTeardown when the setup fails
		throw error;
	});
	mkdirSync(dir, { recursive: true });
	const stateFile = path.join(dir, 'stack.json');
	const extra: Omit<E2eState, keyof StackState> = { scriptedModelUrl: model.url, mcpToken };
	writeStackState(stateFile, stack, extra);
	process.env[STATE_ENV] = stateFile;
	holder.__crmLeadE2eStack = stack;
}

/** What test files read from the state file (helpers.ts). */
export type E2eState = StackState & {
	scriptedModelUrl: string;
	/** What MCP clients send as bearer token to the e2e MCP Server Trigger. */
	mcpToken: string;
};
