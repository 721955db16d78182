/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The package as users get it: n8n's own community-node installer (what Settings → Community
 * Nodes drives) downloads it from a real registry (a local Verdaccio), loads it without a
 * restart, updates it from release 0.1.0 with a workflow saved under 0.1.0 still running,
 * uninstalls and reinstalls it; a registry that is down or answers 404 is reported and the
 * installed version keeps working; and the README's CLI path (npm install in the nodes folder +
 * restart). The tests run in order on one n8n.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { CommunityPackagesClient } from '../../scripts/e2e/communityPackages';
import { NODE_TYPE, PACKAGE_NAME } from '../../scripts/e2e/paths';
import { run } from '../../scripts/e2e/proc';
import { N8nRestClient } from '../../scripts/e2e/rest';
import { assertSuccess, nodeJson, type ExecutionResult } from '../../scripts/e2e/runData';
import { PublishError, publishWorkingTree, registryVersions } from '../../scripts/registry/publish';
import { INSTALLER_DIR, loadedTypes, startInstallerStack, type InstallerStack } from './installerStack';

const TRIGGER_TYPE = `${PACKAGE_NAME}.crmLeadTrigger`;

let stack: InstallerStack;
let packages: CommunityPackagesClient;

beforeAll(async () => {
	stack = await startInstallerStack();
	packages = new CommunityPackagesClient(stack.client);
	process.stderr.write(`[installer] stack ready: ${JSON.stringify(stack.timings)}\n`);
}, 15 * 60_000);

afterAll(async () => {
	await stack?.stop();
});

/** Runs the workflow saved with 0.1.0 and checks what it did: Create, then Get by `{{ $json.id }}`. */
async function runSavedWorkflow(client: N8nRestClient = stack.client): Promise<ExecutionResult> {
	const result = assertSuccess(await client.runWorkflow(stack.savedWorkflow.id));
	const [created] = nodeJson(result, 'Create Lead');
	expect(created).toMatchObject({ name: 'E2E create-then-get lead', email_from: 'e2e.create@example.com' });
	expect(nodeJson(result, 'Get Lead')).toEqual([expect.objectContaining({ id: created.id, name: 'E2E create-then-get lead' })]);
	return result;
}

async function expectHealthy(): Promise<void> {
	const response = await fetch(`${stack.n8n.url}/healthz/readiness`);
	expect(response.status).toBe(200);
	expect(stack.n8n.process.isRunning()).toBe(true);
}

describe('publishing as a release does', () => {
	it('the registry holds release 0.1.0 (built from the git history) and the current version', async () => {
		expect(stack.oldRelease.version).toBe('0.1.0');
		expect(stack.current.output).toContain(`prepublish check: ${PACKAGE_NAME}@${stack.current.version}`);
		expect(await registryVersions(stack.registry, PACKAGE_NAME)).toEqual(
			expect.arrayContaining(['0.1.0', stack.current.version]),
		);
	});

	it('refuses to publish a build missing a file n8n loads: prepublishOnly stops npm publish, the registry never sees it', async () => {
		const brokenVersion = '0.0.1-missing-trigger';
		const missing = 'dist/nodes/CrmLeadTrigger/CrmLeadTrigger.node.js';
		const failure = await publishWorkingTree(stack.registry, {
			workDir: path.join(INSTALLER_DIR, 'broken-build'),
			prepare: (dir) => {
				rmSync(path.join(dir, missing));
				const manifestPath = path.join(dir, 'package.json');
				const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
				writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: brokenVersion }, null, 2));
			},
		}).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(PublishError);
		expect((failure as PublishError).message).toContain('prepublish check');
		expect((failure as PublishError).message).toContain(missing);
		expect(await registryVersions(stack.registry, PACKAGE_NAME)).not.toContain(brokenVersion);
	});
});

describe("n8n's community-node installer (Settings → Community Nodes)", () => {
	it('installs 0.1.0 from the registry: both nodes and the credential appear without a restart', async () => {
		const pid = stack.n8n.process.child.pid;
		const installed = await packages.install(PACKAGE_NAME, '0.1.0');
		expect(installed).toMatchObject({ packageName: PACKAGE_NAME, installedVersion: '0.1.0' });
		expect(installed.installedNodes.map((node) => node.type).sort()).toEqual([NODE_TYPE, TRIGGER_TYPE]);

		const types = await loadedTypes(stack.client);
		expect(types.nodes.find((type) => type.name === NODE_TYPE)?.version).toEqual(1);
		expect(types.nodes.map((type) => type.name)).toContain(TRIGGER_TYPE);
		expect(types.credentials).toEqual(['crmLeadApi']);
		expect(stack.n8n.process.child.pid).toBe(pid); // no restart
	});

	it('runs the workflow saved with 0.1.0 (node version 1, the credential with 0.1 fields)', async () => {
		await runSavedWorkflow();
	});

	it('lists the package with the newer version on offer', async () => {
		const [listed] = await packages.list();
		expect(listed).toMatchObject({ packageName: PACKAGE_NAME, installedVersion: '0.1.0', updateAvailable: stack.current.version });
	});

	it('registry down: the update is refused with n8n’s message, and 0.1.0 keeps running', async () => {
		await stack.stopRegistry();
		try {
			const failure = await packages.failure(async () => await packages.update(PACKAGE_NAME));
			expect(failure.status).toBeGreaterThanOrEqual(400);
			expect(failure.message).toMatch(/Error updating package/i);
			await expectHealthy();
			await runSavedWorkflow();
			expect((await packages.list()).map((p) => [p.packageName, p.installedVersion])).toEqual([[PACKAGE_NAME, '0.1.0']]);
		} finally {
			await stack.restartRegistry();
		}
	});

	it('registry answers 404 (a version or a package it does not hold): refused, 0.1.0 keeps running', async () => {
		const noVersion = await packages.failure(async () => await packages.update(PACKAGE_NAME, '9.9.9'));
		expect(noVersion.status).toBeGreaterThanOrEqual(400);
		expect(noVersion.message).toMatch(/version does not exist|9\.9\.9|not found|404/i);

		const noPackage = await packages.failure(async () => await packages.install(`${PACKAGE_NAME}-does-not-exist`));
		expect(noPackage.status).toBeGreaterThanOrEqual(400);
		expect(noPackage.message).toMatch(/not found|404|does not exist/i);

		await expectHealthy();
		await runSavedWorkflow();
	});

	it('updates to the current version: the saved workflow runs unchanged, new nodes get version 3', async () => {
		const before = await stack.client.getWorkflow(stack.savedWorkflow.id);
		const updated = await packages.update(PACKAGE_NAME);
		expect(updated).toMatchObject({ packageName: PACKAGE_NAME, installedVersion: stack.current.version });

		const crmLead = (await loadedTypes(stack.client)).nodes.filter((type) => type.name === NODE_TYPE);
		const versions = crmLead.flatMap((type) => (Array.isArray(type.version) ? type.version : [type.version]));
		expect(versions).toEqual(expect.arrayContaining([1, 2, 3]));
		expect(Math.max(...versions)).toBe(3); // the editor adds a new node at its newest version

		await runSavedWorkflow();
		const after = await stack.client.getWorkflow(stack.savedWorkflow.id);
		const ours = (workflow: typeof before) =>
			workflow.nodes.filter((node) => node.type === NODE_TYPE).map(({ name, typeVersion, parameters, credentials }) => ({ name, typeVersion, parameters, credentials }));
		expect(ours(after)).toEqual(ours(before));
		expect(ours(after).map((node) => node.typeVersion)).toEqual([1, 1]);
	});

	it('uninstalls: the nodes and the credential type are gone and n8n stays healthy', async () => {
		await packages.uninstall(PACKAGE_NAME);
		expect(await loadedTypes(stack.client)).toEqual({ nodes: [], credentials: [] });
		expect(await packages.list()).toEqual([]);
		await expectHealthy();
	});

	it('registry down: installing is refused with n8n’s message, n8n stays healthy', async () => {
		// npm falls back to its cache when the registry is unreachable (an install of a version it
		// downloaded before then succeeds offline): this is a machine that never downloaded it.
		rmSync(stack.npmCache, { recursive: true, force: true });
		await stack.stopRegistry();
		try {
			const failure = await packages.failure(async () => await packages.install(PACKAGE_NAME));
			expect(failure.status).toBeGreaterThanOrEqual(400);
			expect(failure.message).toMatch(new RegExp(`Error loading package "${PACKAGE_NAME}"`));
			expect(await loadedTypes(stack.client)).toEqual({ nodes: [], credentials: [] });
			await expectHealthy();
		} finally {
			await stack.restartRegistry();
		}
	});

	it('reinstalls the newest version, and the saved workflow runs again', async () => {
		const installed = await packages.install(PACKAGE_NAME);
		expect(installed.installedVersion).toBe(stack.current.version);
		await runSavedWorkflow();
	});
});

describe("the README's CLI path: npm install in the nodes folder, then restart", () => {
	it('loads the package installed with npm and runs the saved workflow', async () => {
		await packages.uninstall(PACKAGE_NAME);
		const nodesDir = path.join(stack.instance.n8nFolder, 'nodes');
		// The README's command: --legacy-peer-deps keeps npm from installing a second n8n-workflow
		// (the peer dependency) next to n8n's own, as n8n's installer does; here it would also be a
		// 404, since the registry holds only this package.
		await run('npm', ['install', PACKAGE_NAME, '--legacy-peer-deps', '--registry', stack.registry.url], {
			cwd: nodesDir,
			env: stack.instance.env,
			timeoutMs: 3 * 60_000,
		});
		await stack.restartN8n();
		const client = await N8nRestClient.login(stack.n8n.url);
		const types = await loadedTypes(client);
		expect(types.nodes.map((type) => type.name)).toEqual(expect.arrayContaining([NODE_TYPE, TRIGGER_TYPE]));
		expect(types.credentials).toEqual(['crmLeadApi']);
		await runSavedWorkflow(client);
	});
});
