/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The whole thing in one call, shared by the e2e suite and `npm run demo`:
 * n8n installed → package built, packed and installed into a fresh user folder → sandbox
 * started → credentials and workflows imported → `n8n start` → owner set up → our node type
 * verified as loaded.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	createN8nUserFolder,
	ensureN8n,
	importCredentials,
	importWorkflows,
	installPackageIntoUserFolder,
	startN8n,
	type CredentialDefinition,
	type Logger,
	type N8nInstance,
	type N8nServer,
} from './n8n';
import { forRunningN8n } from './n8nVersionDifferences';
import { preparePackageTarball, type PackageTarball } from './package';
import { CREDENTIAL_TYPE, NODE_TYPE, PACKAGE_NAME, ROOT } from './paths';
import { lastLines, stopwatch, timedSteps, type Env } from './proc';
import { DEFAULT_OWNER, N8nRestClient, type OwnerAccount } from './rest';
import { startSandboxProcess, type SandboxProcess } from './sandbox';
import {
	BAD_TOKEN_CREDENTIAL,
	loadWorkflowFiles,
	LOGIN_CREDENTIAL,
	prepareForImport,
	SANDBOX_CREDENTIAL,
	SANDBOX_LOGIN,
	sandboxUserFlag,
	type LoadedWorkflow,
} from './workflows';

export interface StackOptions {
	/** Work folder (wiped): holds the n8n user folder, logs, import files. */
	dir: string;
	/** n8n's port (default: a free one). */
	n8nPort?: number;
	sandboxPort?: number;
	sandboxToken?: string;
	/** Demo leads the sandbox starts with. */
	sandboxSeed?: number;
	/** Extra sandbox CLI flags (e.g. ['--db', file] for a SQLite file in WAL mode). */
	sandboxArgs?: string[];
	/** More credentials to import next to the CRM Lead ones, e.g. the agents' chat model (they may need the sandbox's URL and token). */
	extraCredentials?: (sandbox: SandboxProcess) => CredentialDefinition[];
	/** Folders of workflow JSON files to import (all *.json in each). */
	workflowDirs: string[];
	owner?: OwnerAccount;
	/** Extra env for n8n (CLI and server). */
	n8nEnv?: Env;
	/** Extra env for `n8n start` only (e.g. NODE_OPTIONS=--cpu-prof, which the CLI imports must not get). */
	n8nServerEnv?: Env;
	/** Mirror n8n's and the sandbox's output to stderr. */
	echo?: boolean;
	log?: Logger;
}

export interface Stack {
	n8nUrl: string;
	instance: N8nInstance;
	n8n: N8nServer;
	sandbox: SandboxProcess;
	client: N8nRestClient;
	owner: OwnerAccount;
	workflows: LoadedWorkflow[];
	credentials: { good: typeof SANDBOX_CREDENTIAL; bad: typeof BAD_TOKEN_CREDENTIAL; login: typeof LOGIN_CREDENTIAL };
	/** The token of the wrong-token credential (tests assert it never shows up). */
	badToken: string;
	pkg: PackageTarball;
	/** n8n's output up to the moment the stack was ready (node loading, before any run). */
	startupLogFile: string;
	/** Seconds per step. */
	timings: Record<string, number>;
	stop(): Promise<void>;
}

/** What a test process needs to reach a stack started elsewhere (jest globalSetup). */
export interface StackState {
	n8nUrl: string;
	sandboxUrl: string;
	sandboxToken: string;
	badToken: string;
	owner: OwnerAccount;
	workflows: Array<{ id: string; name: string; file: string }>;
	credentials: { good: { id: string; name: string }; bad: { id: string; name: string }; login: { id: string; name: string } };
	workDir: string;
	userFolder: string;
	n8nLogFile: string;
	n8nStartupLogFile: string;
	timings: Record<string, number>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? ((message: string) => process.stderr.write(`[e2e] ${message}\n`));
	const { timings, step } = timedSteps();
	const total = stopwatch();
	const cleanup: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of cleanup.reverse()) await stop().catch(() => undefined);
		cleanup.length = 0;
	};

	try {
		const [, pkg] = await Promise.all([
			step('ensureN8n', async () => await ensureN8n(log)),
			step('preparePackage', async () => await preparePackageTarball({ log })),
		]);
		const instance = createN8nUserFolder({ dir: options.dir, env: options.n8nEnv });
		const installed = await step('installPackage', async () => await installPackageIntoUserFolder(instance, pkg.tarball));

		const sandbox = await step(
			'startSandbox',
			async () =>
				await startSandboxProcess({
					port: options.sandboxPort,
					token: options.sandboxToken,
					seed: options.sandboxSeed,
					extraArgs: [...sandboxUserFlag(), ...(options.sandboxArgs ?? [])],
					logFile: path.join(instance.workDir, 'logs', 'sandbox.log'),
					echo: options.echo,
				}),
		);
		cleanup.push(sandbox.stop);

		const loaded = dedupe(options.workflowDirs.flatMap((dir) => loadWorkflowFiles(dir)), log);
		const badToken = `wrong-token-${randomBytes(12).toString('hex')}`;
		const allCredentials: CredentialDefinition[] = [
			{
				...SANDBOX_CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { baseUrl: sandbox.url, accessToken: sandbox.token, timeZone: 'Asia/Shanghai', ignoreSslIssues: false },
			},
			{
				...BAD_TOKEN_CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { baseUrl: sandbox.url, accessToken: badToken, timeZone: 'Asia/Shanghai', ignoreSslIssues: false },
			},
			{
				...LOGIN_CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { baseUrl: sandbox.url, authentication: 'password', ...SANDBOX_LOGIN, timeZone: 'Asia/Shanghai' },
			},
		];
		// The wrong-token credential only when a workflow uses it (the e2e scenario), not in the demo.
		const usesBadToken = loaded.some((workflow) => JSON.stringify(workflow.json).includes(BAD_TOKEN_CREDENTIAL.id));
		const credentials = [
			...allCredentials.filter((credential) => usesBadToken || credential.id !== BAD_TOKEN_CREDENTIAL.id),
			...(options.extraCredentials?.(sandbox) ?? []),
		];
		await step('importCredentials', async () => await importCredentials(instance, credentials));

		// As imported: ids filled in, CRM Lead credential references pointed at ours.
		const workflows = loaded.map((workflow) => ({
			...workflow,
			json: forRunningN8n(prepareForImport(workflow, credentials)),
		}));
		await step('importWorkflows', async () => await importWorkflows(instance, workflows.map((workflow) => workflow.json)));

		const n8n = await step('startN8n', async () => await startN8n(instance, { port: options.n8nPort, env: options.n8nServerEnv, echo: options.echo, log }));
		cleanup.push(n8n.stop);

		const owner = options.owner ?? DEFAULT_OWNER;
		const client = await step('ownerSetup', async () => await N8nRestClient.setupOwner(n8n.url, owner));
		await step('checkNodesLoaded', async () => await assertNodeTypesLoaded(client, n8n, installed.n8n.nodes?.length ?? 1));

		// What n8n printed while starting (loading nodes), before any workflow ran.
		const startupLogFile = path.join(instance.workDir, 'logs', 'n8n-startup.log');
		writeFileSync(startupLogFile, n8n.process.output());

		timings.total = Math.round(Number.parseFloat(total()) * 10) / 10;
		log(`stack ready in ${total()}: ${JSON.stringify(timings)}`);
		return {
			n8nUrl: n8n.url,
			instance,
			n8n,
			sandbox,
			client,
			owner,
			workflows,
			credentials: { good: SANDBOX_CREDENTIAL, bad: BAD_TOKEN_CREDENTIAL, login: LOGIN_CREDENTIAL },
			badToken,
			pkg,
			startupLogFile,
			timings,
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * Fails with n8n's log when the editor's node list lacks our CRM Lead node, or has fewer of the
 * package's nodes than its package.json declares (the package, or one node, did not load).
 */
export async function assertNodeTypesLoaded(client: N8nRestClient, n8n: N8nServer, expectedNodes = 1): Promise<void> {
	const { json } = await client.request<Array<{ name: string }>>('GET', '/types/nodes.json');
	const names = new Set((json ?? []).map((type) => type.name));
	const ours = [...names].filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
	if (!names.has(NODE_TYPE) || ours.length < expectedNodes) {
		const related = n8n.process
			.output()
			.split('\n')
			.filter((line) => /crm-lead|crmLead|community|Failed to load|Error/i.test(line))
			// offline noise: n8n's calls to api.n8n.io and their stacks
			.filter((line) => !/api\.n8n\.io|Strapi|axios|node:_http|node:internal|N8N_UNVERIFIED/i.test(line));
		throw new Error(
			`n8n did not load every node of ${PACKAGE_NAME}: expected ${NODE_TYPE} and ${expectedNodes} node(s), ` +
				`got [${ours.join(', ')}] (${names.size} node types known).\n` +
				`Relevant n8n log lines:\n${lastLines(related.join('\n'), 40) || '(none)'}\n` +
				`Full log: ${path.relative(ROOT, n8n.logFile)}`,
		);
	}
}

export function stackState(stack: Stack): StackState {
	return {
		n8nUrl: stack.n8nUrl,
		sandboxUrl: stack.sandbox.url,
		sandboxToken: stack.sandbox.token,
		badToken: stack.badToken,
		owner: stack.owner,
		workflows: stack.workflows.map(({ id, name, file }) => ({ id, name, file })),
		credentials: stack.credentials,
		workDir: stack.instance.workDir,
		userFolder: stack.instance.userFolder,
		n8nLogFile: stack.n8n.logFile,
		n8nStartupLogFile: stack.startupLogFile,
		timings: stack.timings,
	};
}

/** Writes the state file; `extra` adds what the caller started next to the stack (e.g. a model server's URL). */
export function writeStackState(file: string, stack: Stack, extra: Record<string, unknown> = {}): void {
	writeFileSync(file, JSON.stringify({ ...stackState(stack), ...extra }, null, 2), { mode: 0o600 });
}

/** One workflow per id: the first folder wins (e.g. the e2e copy over an example with the same id). */
function dedupe(workflows: LoadedWorkflow[], log: Logger): LoadedWorkflow[] {
	const seen = new Map<string, LoadedWorkflow>();
	for (const workflow of workflows) {
		const first = seen.get(workflow.id);
		if (first) {
			log(`skipping ${path.relative(ROOT, workflow.file)}: same id ${workflow.id} as ${path.relative(ROOT, first.file)}`);
			continue;
		}
		seen.set(workflow.id, workflow);
	}
	return [...seen.values()];
}
