/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The n8n a crash run kills, built from the e2e and queue harness blocks: the packed package
 * installed as users get it, the sandbox behind the poll proxy, the workflow imported and
 * published before n8n starts. Regular mode: one `n8n start` on SQLite. Queue mode: PostgreSQL 17,
 * Redis, main + workers (scripts/queue); only main is killed — it is the instance that polls.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	createN8nUserFolder,
	ensureN8n,
	importCredentials,
	installPackageIntoUserFolder,
	N8nRestClient,
	preparePackageTarball,
	SANDBOX_CREDENTIAL,
	startN8n,
	startSandboxProcess,
	type N8nInstance,
	type N8nServer,
	type SandboxProcess,
} from '../e2e';
import { CREDENTIAL_TYPE } from '../e2e/paths';
import type { Env } from '../e2e/proc';
import { importAndPublishWorkflows, startQueueCluster } from '../queue';
import type { PollProxy } from './pollProxy';
import { crashWorkflow } from './workflow';

export interface CrashStackOptions {
	dir: string;
	queue: boolean;
	workers: number;
	/** Settings for every n8n process (the cursor mode). */
	env: Env;
	proxy: PollProxy;
	/** Points the proxy at the sandbox once it runs. */
	setProxyTarget(url: string): void;
	recorderUrl: string;
	echo: boolean;
	log: (message: string) => void;
}

export interface CrashStack {
	sandbox: SandboxProcess;
	/** The running main (a new one after each restart). */
	main(): N8nServer;
	client(): N8nRestClient;
	/** SIGKILL to main's process group (n8n and its task runner), as a host or container crash would. */
	killMain(): Promise<void>;
	startMain(): Promise<void>;
	stop(): Promise<void>;
}

export async function startCrashStack(options: CrashStackOptions): Promise<CrashStack> {
	const workflowDir = path.join(options.dir, 'workflow');
	mkdirSync(workflowDir, { recursive: true });
	writeFileSync(path.join(workflowDir, 'crash.json'), JSON.stringify(crashWorkflow(options.recorderUrl), null, 2));
	return options.queue ? await startQueue(options, workflowDir) : await startRegular(options);
}

async function startRegular(options: CrashStackOptions): Promise<CrashStack> {
	const { log } = options;
	const [, pkg] = await Promise.all([ensureN8n(log), preparePackageTarball({ log })]);
	const instance = createN8nUserFolder({ dir: path.join(options.dir, 'n8n'), env: options.env });
	await installPackageIntoUserFolder(instance, pkg.tarball);
	const sandbox = await startSandboxProcess({ logFile: path.join(instance.workDir, 'logs', 'sandbox.log') });
	try {
		options.setProxyTarget(sandbox.url);
		await importCredentials(instance, [
			{
				...SANDBOX_CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { baseUrl: options.proxy.url, accessToken: sandbox.token, timeZone: 'Asia/Shanghai', ignoreSslIssues: false },
			},
		]);
		await importAndPublishWorkflows(instance, [crashWorkflow(options.recorderUrl)]);
		let main = await startN8n(instance, { echo: options.echo, log });
		const port = main.port;
		let client = await N8nRestClient.setupOwner(main.url);
		return {
			sandbox,
			main: () => main,
			client: () => client,
			killMain: async () => await killGroup(main),
			startMain: async () => {
				main = await startN8n(instance, { port, echo: options.echo, log });
				client = await N8nRestClient.login(main.url);
			},
			stop: async () => {
				await main.stop().catch(() => undefined);
				await sandbox.stop().catch(() => undefined);
			},
		};
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}

async function startQueue(options: CrashStackOptions, workflowDir: string): Promise<CrashStack> {
	const cluster = await startQueueCluster({
		dir: path.join(options.dir, 'queue'),
		workers: options.workers,
		workflowDirs: [workflowDir],
		env: options.env,
		credentialBaseUrl: (sandbox) => {
			options.setProxyTarget(sandbox.url);
			return options.proxy.url;
		},
		echo: options.echo,
		log: options.log,
	});
	let main: N8nServer = cluster.main;
	let client = cluster.client;
	const instance: N8nInstance = cluster.mainInstance;
	return {
		sandbox: cluster.sandbox,
		main: () => main,
		client: () => client,
		killMain: async () => await killGroup(main),
		startMain: async () => {
			main = await startN8n(instance, { port: cluster.main.port, echo: options.echo, log: options.log });
			client = await N8nRestClient.login(main.url);
		},
		stop: async () => {
			// a restarted main is not the one the cluster knows: stop it first, then the rest in order
			if (main !== cluster.main) await main.stop().catch(() => undefined);
			await cluster.stop();
		},
	};
}

async function killGroup(server: N8nServer): Promise<void> {
	const { pid } = server.process;
	if (pid !== undefined && server.process.isRunning()) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	await server.process.exited;
}
