/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * A real n8n for tests and the demo: install it, give it a throwaway user folder, install the
 * package the way the Community Nodes UI does, import credentials and workflows, run it.
 *
 * Reusable building blocks (the queue-mode setup of a later issue needs the same ones):
 *   ensureN8n()                    pinned n8n in .n8n-runtime/ (scripts/install-n8n.sh)
 *   createN8nUserFolder()          a fresh N8N_USER_FOLDER + the env every n8n process needs
 *   installPackageIntoUserFolder() the npm-pack tarball into $N8N_USER_FOLDER/.n8n/nodes
 *   importCredentials() / importWorkflows()   via n8n's CLI, before the server starts
 *   executeWorkflowCli()           `n8n execute --id … --rawOutput` (no server needed)
 *   startN8n()                     `n8n start`, waits for /healthz/readiness
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { N8N_BIN, N8N_MARKER, N8N_RUNTIME_DIR, N8N_VERSION, PACKAGE_NAME, ROOT } from './paths';
import { freePort, ManagedProcess, node24Env, run, sleep, stopwatch, type Env } from './proc';
import { parseCliExecutionOutput, type ExecutionResult } from './runData';

/** Fixed so imported credentials stay readable across restarts of the same user folder. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-crm-lead-e2e-encryption-key';

export interface Logger {
	(message: string): void;
}

const defaultLog: Logger = (message) => process.stderr.write(`[e2e] ${message}\n`);

/** Installs the pinned n8n unless the marker says it is there. Returns the CLI path. */
export async function ensureN8n(log: Logger = defaultLog): Promise<string> {
	if (isN8nInstalled()) return N8N_BIN;
	log(`n8n ${N8N_VERSION} is not installed yet: running scripts/install-n8n.sh (about 6 min, 2.9 GB)`);
	const elapsed = stopwatch();
	await run('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh')], {
		env: node24Env({ N8N_VERSION, N8N_RUNTIME_DIR }),
		timeoutMs: 30 * 60_000,
		echo: true,
	});
	if (!isN8nInstalled()) throw new Error('scripts/install-n8n.sh finished but n8n is not installed');
	log(`n8n installed in ${elapsed()}`);
	return N8N_BIN;
}

export function isN8nInstalled(): boolean {
	return (
		existsSync(N8N_MARKER) && readFileSync(N8N_MARKER, 'utf8').trim() === N8N_VERSION && existsSync(N8N_BIN)
	);
}

export interface N8nInstance {
	/** The folder given as N8N_USER_FOLDER (n8n keeps its data in `<it>/.n8n`). */
	userFolder: string;
	/** `<userFolder>/.n8n` */
	n8nFolder: string;
	/** Where the harness keeps its logs and generated import files. */
	workDir: string;
	/** The env for every n8n process (CLI commands and the server) of this instance. */
	env: Env;
}

export interface UserFolderOptions {
	/** Folder to create; it is wiped first unless `keep` is set. */
	dir: string;
	keep?: boolean;
	/** Extra or overriding env (DB_TYPE=postgresdb, EXECUTIONS_MODE=queue, …). */
	env?: Env;
}

/** A throwaway N8N_USER_FOLDER and the env that goes with it (SQLite unless overridden). */
export function createN8nUserFolder(options: UserFolderOptions): N8nInstance {
	const workDir = path.resolve(options.dir);
	if (!options.keep) rmSync(workDir, { recursive: true, force: true });
	const userFolder = path.join(workDir, 'user');
	const n8nFolder = path.join(userFolder, '.n8n');
	mkdirSync(n8nFolder, { recursive: true });
	mkdirSync(path.join(workDir, 'logs'), { recursive: true });
	const env = node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info',
		...options.env,
	});
	return { userFolder, n8nFolder, workDir, env };
}

export interface InstalledPackage {
	name: string;
	version: string;
	directory: string;
	/** package.json "n8n": the node and credential files n8n is told to load */
	n8n: { nodes?: string[]; credentials?: string[] };
}

/**
 * Installs the `npm pack` tarball into `<userFolder>/.n8n/nodes` exactly as n8n 2.41's
 * Community Nodes UI does (CommunityPackagesService.downloadPackage): unpack into
 * `nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its package.json, run
 * `npm install` there (production dependencies only, no scripts), record it in
 * `nodes/package.json`. n8n scans `nodes/node_modules` on start.
 */
export async function installPackageIntoUserFolder(instance: N8nInstance, tarball: string): Promise<InstalledPackage> {
	const nodesDir = path.join(instance.n8nFolder, 'nodes');
	const manifest = JSON.parse(
		(await run('tar', ['-xzOf', tarball, 'package/package.json'])).stdout,
	) as { name: string; version: string };
	const directory = path.join(nodesDir, 'node_modules', manifest.name);
	rmSync(directory, { recursive: true, force: true });
	mkdirSync(directory, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1']);

	const packageJsonPath = path.join(directory, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
		readFileSync(packageJsonPath, 'utf8'),
	) as Record<string, unknown> & { n8n?: InstalledPackage['n8n'] };
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: directory, env: instance.env, timeoutMs: 5 * 60_000 },
	);

	const ledgerPath = path.join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies?: Record<string, string> })
		: {};
	const dependencies = { ...(ledger.dependencies ?? {}), [manifest.name]: manifest.version };
	writeFileSync(
		ledgerPath,
		JSON.stringify({ name: 'installed-nodes', private: true, ...ledger, dependencies }, null, 2),
	);
	return { name: manifest.name, version: manifest.version, directory, n8n: packageJson.n8n ?? {} };
}

/** Runs an n8n CLI command against the instance. */
export async function runN8nCli(instance: N8nInstance, args: readonly string[], timeoutMs = 120_000) {
	return await run(N8N_BIN, args, { cwd: instance.workDir, env: instance.env, timeoutMs });
}

export interface CredentialDefinition {
	id: string;
	name: string;
	type: string;
	/** Plain data; n8n's import encrypts it with N8N_ENCRYPTION_KEY. */
	data: Record<string, unknown>;
}

/** Imports credentials in one CLI call (`import:credentials`, about 6–9 s). */
export async function importCredentials(instance: N8nInstance, credentials: readonly CredentialDefinition[]) {
	const file = path.join(instance.workDir, 'import', 'credentials.json');
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		return await runN8nCli(instance, ['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true }); // it holds tokens in plain text
	}
}

/** Alias kept for the brief's vocabulary. */
export async function importCredential(instance: N8nInstance, credential: CredentialDefinition) {
	return await importCredentials(instance, [credential]);
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{
		id?: string;
		name: string;
		type: string;
		typeVersion?: number;
		parameters?: Record<string, unknown>;
		credentials?: Record<string, { id?: string; name?: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/** Imports workflows in one CLI call (`import:workflow` with an array file, about 6–9 s). */
export async function importWorkflows(instance: N8nInstance, workflows: readonly WorkflowJson[]) {
	if (workflows.length === 0) return undefined;
	const file = path.join(instance.workDir, 'import', 'workflows.json');
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(workflows, null, 2));
	return await runN8nCli(instance, ['import:workflow', `--input=${file}`]);
}

export async function importWorkflow(instance: N8nInstance, workflow: WorkflowJson) {
	return await importWorkflows(instance, [workflow]);
}

/**
 * Runs a stored workflow with `n8n execute --id … --rawOutput` (a separate n8n process, about
 * 5–7 s; no server needed, works next to a running one on the same SQLite file). The running
 * server's REST API (N8nRestClient.runWorkflow) takes about 0.3 s instead.
 */
export async function executeWorkflowCli(instance: N8nInstance, workflowId: string): Promise<ExecutionResult> {
	const result = await run(N8N_BIN, ['execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: instance.workDir,
		// its own task-broker port, so it can run next to a server of the same instance
		env: { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		timeoutMs: 180_000,
		check: false,
	});
	return parseCliExecutionOutput(workflowId, result);
}

export interface StartN8nOptions {
	port?: number;
	/** Extra env for this process only. */
	env?: Env;
	readinessTimeoutMs?: number;
	echo?: boolean;
	log?: Logger;
}

export interface N8nServer {
	url: string;
	port: number;
	process: ManagedProcess;
	logFile: string;
	stop(): Promise<void>;
}

/** `n8n start` on 127.0.0.1; resolves when /healthz/readiness and the REST API answer (about 13–15 s). */
export async function startN8n(instance: N8nInstance, options: StartN8nOptions = {}): Promise<N8nServer> {
	const log = options.log ?? defaultLog;
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(instance.workDir, 'logs', 'n8n.log');
	const elapsed = stopwatch();
	const proc = new ManagedProcess('n8n', N8N_BIN, ['start'], {
		cwd: instance.workDir,
		env: {
			...instance.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${url}/`,
			WEBHOOK_URL: `${url}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...options.env,
		},
		logFile,
		echo: options.echo,
	});
	const server: N8nServer = { url, port, process: proc, logFile, stop: async () => await proc.stop(15_000) };
	try {
		await waitForReadiness(url, proc, options.readinessTimeoutMs ?? 120_000);
	} catch (error) {
		await proc.stop(5_000);
		throw error;
	}
	log(`n8n ready on ${url} in ${elapsed()} (log: ${path.relative(ROOT, logFile)})`);
	return server;
}

async function waitForReadiness(url: string, proc: ManagedProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!proc.isRunning()) {
			throw new Error(`n8n exited before it was ready (${proc.exitStatus}):\n${proc.tail(60)}`);
		}
		try {
			const response = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
			// n8n 1.x answers readiness once its database is migrated, before the REST API is
			// mounted (POST /rest/owner/setup → 404); its public settings answer once it is.
			if (response.ok && (await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(2_000) })).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n was not ready on ${url} within ${timeoutMs} ms:\n${proc.tail(60)}`);
}

/** Whether n8n's log shows that it loaded our package (or complained about it). */
export function packageLoadProblems(logText: string): string[] {
	return logText
		.split('\n')
		.filter((line) => line.includes(PACKAGE_NAME) && /error|fail|could not|unable/i.test(line));
}
