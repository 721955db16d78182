/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Stops what globalSetup started (n8n and the sandbox, whole process groups; the scripted model). */
import type { Stack } from '../../scripts/e2e/stack';
import type { ScriptedModelServer } from '../../scripts/scriptedModel/server';

export default async function globalTeardown(): Promise<void> {
	const holder = globalThis as { __crmLeadE2eStack?: Stack; __crmLeadScriptedModel?: ScriptedModelServer };
	await holder.__crmLeadE2eStack?.stop();
	holder.__crmLeadE2eStack = undefined;
	await holder.__crmLeadScriptedModel?.stop();
	holder.__crmLeadScriptedModel = undefined;
}
