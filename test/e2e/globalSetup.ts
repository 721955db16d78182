/**
 * Starts one stack for the whole e2e suite: the packed node installed into a fresh n8n user
 * folder, the sandbox (50 demo leads), credentials + every workflow of test/e2e/workflows/ (and
 * examples/ when present) imported, `n8n start`, owner set up. Test files reach it through the
 * state file (see helpers.ts); globalTeardown stops it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { E2E_DIR, E2E_WORKFLOWS_DIR, EXAMPLES_DIR, V1_WORKFLOWS_DIR } from '../../scripts/e2e/paths';
import { killChildrenOnSignals } from '../../scripts/e2e/proc';
import { startStack, writeStackState, type Stack } from '../../scripts/e2e/stack';

export const STATE_ENV = 'CRM_LEAD_E2E_STATE';

export default async function globalSetup(): Promise<void> {
	const dir = path.join(E2E_DIR, 'jest');
	killChildrenOnSignals(); // Ctrl-C during the suite must not leave n8n or the sandbox running
	process.stderr.write('\n[e2e] starting n8n + sandbox for the e2e suite\n');
	const stack = await startStack({
		dir,
		workflowDirs: [E2E_WORKFLOWS_DIR, EXAMPLES_DIR, V1_WORKFLOWS_DIR],
		sandboxSeed: 50,
		echo: process.env.E2E_ECHO === '1',
	});
	mkdirSync(dir, { recursive: true });
	const stateFile = path.join(dir, 'stack.json');
	writeStackState(stateFile, stack);
	process.env[STATE_ENV] = stateFile;
	(globalThis as { __crmLeadE2eStack?: Stack }).__crmLeadE2eStack = stack;
}
