/** Stops the stack globalSetup started (n8n and the sandbox, whole process groups). */
import type { Stack } from '../../scripts/e2e/stack';

export default async function globalTeardown(): Promise<void> {
	const holder = globalThis as { __crmLeadE2eStack?: Stack };
	await holder.__crmLeadE2eStack?.stop();
	holder.__crmLeadE2eStack = undefined;
}
