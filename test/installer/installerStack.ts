/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * What the installer suite starts: a local registry holding release 0.1.0 (from the git history)
 * and the working tree's version, the sandbox, and an n8n with NO package installed yet whose
 * community-node installer points at that registry. A workflow and a credential saved with
 * 0.1.0 (node version 1, the credential's 0.1 fields) are imported before n8n starts, as an
 * existing user's database would hold them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import { enableCustomRegistryForTests } from '../../scripts/e2e/communityPackages';
import {
	createN8nUserFolder,
	ensureN8n,
	importCredentials,
	importWorkflows,
	startN8n,
	type N8nInstance,
	type N8nServer,
} from '../../scripts/e2e/n8n';
import { CREDENTIAL_TYPE, E2E_DIR, PACKAGE_NAME, V1_WORKFLOWS_DIR } from '../../scripts/e2e/paths';
import { timedSteps } from '../../scripts/e2e/proc';
import { DEFAULT_OWNER, N8nRestClient } from '../../scripts/e2e/rest';
import { startSandboxProcess, type SandboxProcess } from '../../scripts/e2e/sandbox';
import { loadWorkflowFile, prepareForImport, SANDBOX_CREDENTIAL, type LoadedWorkflow } from '../../scripts/e2e/workflows';
import { publishFromGit, publishWorkingTree, RELEASE_0_1_COMMIT, type PublishedVersion } from '../../scripts/registry/publish';
import { startRegistry, type LocalRegistry } from '../../scripts/registry/verdaccio';

export const INSTALLER_DIR = path.join(E2E_DIR, 'installer');

export interface InstallerStack {
	registry: LocalRegistry;
	oldRelease: PublishedVersion;
	current: PublishedVersion;
	sandbox: SandboxProcess;
	instance: N8nInstance;
	/** n8n's npm cache (npm_config_cache). */
	npmCache: string;
	n8n: N8nServer;
	client: N8nRestClient;
	/** Saved with 0.1.0: CRM Lead version 1, Create → Get with `{{ $json.id }}`. */
	savedWorkflow: LoadedWorkflow;
	timings: Record<string, number>;
	/** Stops the registry (the test of a registry that is down); `restartRegistry` brings the same one back. */
	stopRegistry(): Promise<void>;
	restartRegistry(): Promise<void>;
	/** Stops n8n and starts it again on the same user folder (the README's CLI install path). */
	restartN8n(): Promise<void>;
	stop(): Promise<void>;
}

export async function startInstallerStack(): Promise<InstallerStack> {
	const { timings, step } = timedSteps();
	const registryDir = path.join(INSTALLER_DIR, 'registry');
	let registry = await step('startRegistry', async () => await startRegistry({ dir: registryDir }));
	const cleanup: Array<() => Promise<void>> = [async () => await registry.stop()];
	const stop = async () => {
		for (const action of cleanup.reverse()) await action().catch(() => undefined);
	};
	try {
		const [, oldRelease, current, sandbox] = await Promise.all([
			step('ensureN8n', async () => await ensureN8n()),
			step('publish0.1.0', async () => await publishFromGit(registry, RELEASE_0_1_COMMIT)),
			step('publishCurrent', async () => await publishWorkingTree(registry)),
			step('startSandbox', async () => await startSandboxProcess({ seed: 5, logFile: path.join(INSTALLER_DIR, 'sandbox.log') })),
		]);
		cleanup.push(sandbox.stop);

		const npmCache = path.join(INSTALLER_DIR, 'npm-cache');
		rmSync(npmCache, { recursive: true, force: true });
		const instance = createN8nUserFolder({
			dir: path.join(INSTALLER_DIR, 'n8n'),
			env: {
				N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url.replace(/\/$/, ''),
				// n8n's "update available" runs `npm outdated` without --registry
				npm_config_registry: registry.url,
				// tests only: opens /rest/e2e/feature to switch on the licensed custom-registry feature
				E2E_TESTS: 'true',
				// n8n's own npm cache (a test empties it to play a machine that never downloaded the package)
				npm_config_cache: npmCache,
				// n8n's npm gives up on a registry that is down after seconds, not after a minute of retries
				npm_config_fetch_retries: '1',
				npm_config_fetch_retry_mintimeout: '1000',
				npm_config_fetch_retry_maxtimeout: '3000',
			},
		});
		// The credential as 0.1.0 saved it: Base URL, Access Token, time zone, ignore SSL issues.
		const credential = {
			...SANDBOX_CREDENTIAL,
			type: CREDENTIAL_TYPE,
			data: { baseUrl: sandbox.url, accessToken: sandbox.token, timeZone: 'Asia/Shanghai', ignoreSslIssues: false },
		};
		const savedWorkflow = loadWorkflowFile(path.join(V1_WORKFLOWS_DIR, 'lead-create-get.json'));
		await step('importSaved', async () => {
			await importCredentials(instance, [credential]);
			await importWorkflows(instance, [prepareForImport(savedWorkflow, [credential])]);
		});

		let n8n = await step('startN8n', async () => await startN8n(instance));
		cleanup.push(async () => await n8n.stop());
		const client = await step('ownerSetup', async () => await N8nRestClient.setupOwner(n8n.url, DEFAULT_OWNER));
		await enableCustomRegistryForTests(n8n.url);

		return {
			get registry() {
				return registry;
			},
			oldRelease,
			current,
			sandbox,
			instance,
			npmCache,
			get n8n() {
				return n8n;
			},
			client,
			savedWorkflow,
			timings,
			stopRegistry: async () => await registry.stop(),
			restartRegistry: async () => {
				registry = await startRegistry({ dir: registryDir, keep: true, port: registry.port });
			},
			restartN8n: async () => {
				await n8n.stop();
				n8n = await startN8n(instance, { port: n8n.port });
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Our node and credential types as n8n's editor sees them right now. */
export async function loadedTypes(client: N8nRestClient): Promise<{
	nodes: Array<{ name: string; version: number | number[]; defaultVersion?: number }>;
	credentials: string[];
}> {
	const { json: nodes } = await client.request<Array<{ name: string; version: number | number[]; defaultVersion?: number }>>(
		'GET',
		'/types/nodes.json',
	);
	const { json: credentials } = await client.request<Array<{ name: string }>>('GET', '/types/credentials.json');
	return {
		nodes: nodes.filter((type) => type.name.startsWith(`${PACKAGE_NAME}.`)),
		credentials: credentials.map((type) => type.name).filter((name) => name === CREDENTIAL_TYPE),
	};
}
