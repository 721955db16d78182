/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Every imported workflow file (test/e2e/workflows/*.json, and examples/*.json when that folder
 * exists) runs in n8n and ends with its expected status: "success", unless the file says
 * otherwise in "meta": { "e2eExpectedStatus": "error" }. Scenario-specific assertions live in
 * the other test files; this one makes sure no workflow file rots. A file whose "meta" names the
 * test that runs it ("e2eRunBy") is left to that test: it depends on the state it starts from (the
 * password credential's first login).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from '../../scripts/e2e/paths';
import { summarize } from '../../scripts/e2e/runData';
import { e2eState, runWorkflow } from './helpers';

const workflows = e2eState()
	.workflows.map((workflow) => {
		const json = JSON.parse(readFileSync(workflow.file, 'utf8')) as { meta?: { e2eExpectedStatus?: string; e2eRunBy?: string } };
		return {
			...workflow,
			file: path.relative(ROOT, workflow.file),
			expected: json.meta?.e2eExpectedStatus ?? 'success',
			runBy: json.meta?.e2eRunBy,
		};
	})
	.filter((workflow) => workflow.runBy === undefined);

describe('every workflow file runs with its expected status', () => {
	it.each(workflows)('$file ($name) → $expected', async ({ id, expected }) => {
		const result = await runWorkflow(id);
		if (result.status !== expected) throw new Error(`expected ${expected}:\n${summarize(result)}`);
		expect(result.status).toBe(expected);
	});
});
