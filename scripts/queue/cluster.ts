/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * n8n in queue mode on one machine, built from the e2e harness's blocks (scripts/e2e):
 *
 *   PostgreSQL 17 + Redis (services.ts) → the packed package (npm pack tarball) installed into
 *   the user folder of EVERY n8n instance (main, worker-1, worker-2 … each its own folder, as
 *   separate machines or containers would have) → the sandbox → credentials imported and
 *   workflows imported AND published (`import:workflow --activeState=fromJson`, queue mode
 *   only) before main starts → `n8n start` (EXECUTIONS_MODE=queue) → `n8n worker` × N, each with
 *   its own task-broker and health-check port → owner set up → our node types checked on main.
 *
 * Everything stops in reverse order in stop(), which never throws; ManagedProcess kills any
 * process group still alive when the test process exits.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	assertNodeTypesLoaded,
	createN8nUserFolder,
	DEFAULT_OWNER,
	ensureN8n,
	importCredentials,
	installPackageIntoUserFolder,
	loadWorkflowFiles,
	N8nRestClient,
	prepareForImport,
	preparePackageTarball,
	runN8nCli,
	SANDBOX_CREDENTIAL,
	startN8n,
	startSandboxProcess,
	type CredentialDefinition,
	type N8nInstance,
	type N8nServer,
	type OwnerAccount,
	type PackageTarball,
	type SandboxProcess,
	type WorkflowJson,
} from '../e2e';
import { CREDENTIAL_TYPE, E2E_DIR, N8N_BIN, ROOT } from '../e2e/paths';
import { freePort, ManagedProcess, run, sleep, stopwatch, timedSteps, type Env } from '../e2e/proc';
import { startPostgres, startRedis, type Log, type PostgresServer, type RedisServer } from './services';

const defaultLog: Log = (message) => process.stderr.write(`[queue] ${message}\n`);

/** The workflows the queue suite imports (and publishes: they have "active": true). */
export const QUEUE_WORKFLOWS_DIR = path.join(ROOT, 'test', 'queue', 'workflows');

/**
 * Settings every instance (main and workers) gets, besides the database and Redis. Shortened
 * lock and recovery intervals so a killed worker's execution is detected in seconds, not minutes
 * (n8n's defaults: lock 60 s, stalled check 30 s, queue recovery every 3 min).
 */
export const QUEUE_TUNING: Env = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	// minutes; the leader main marks executions "crashed" that are running in the DB but no
	// longer active or waiting in the queue. Not shorter: a check that lands while main enqueues
	// can mark an execution crashed that was enqueued a moment ago (seen once at 15 s: one of 20
	// parallel webhook calls answered without its data); a killed worker is still detected in
	// about a minute, well within the tests' 3-minute waits.
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
};

export interface WorkerProcess {
	name: string;
	/** The host id n8n reports for this worker (`worker-<hostname>`), when it is unique. */
	hostId?: string;
	instance: N8nInstance;
	process: ManagedProcess;
	healthPort: number;
	brokerPort: number;
	logFile: string;
	/** Graceful stop (SIGTERM: finishes running jobs within N8N_GRACEFUL_SHUTDOWN_TIMEOUT). */
	stop(): Promise<void>;
	/** SIGKILL to the worker's whole process group (it and its task runner): a crash. */
	kill(): Promise<void>;
}

export interface QueueClusterOptions {
	/** Work folder (wiped): postgres/, redis/, main/, worker-1/ … */
	dir: string;
	/** How many `n8n worker` processes to start (default 2). */
	workers?: number;
	/** `n8n worker --concurrency` (default n8n's 10). */
	workerConcurrency?: number;
	workflowDirs?: string[];
	sandboxSeed?: number;
	/** Extra env for every n8n process. */
	env?: Env;
	/** The Base URL the CRM Lead credential gets (default: the sandbox's own), e.g. a proxy in front of it. */
	credentialBaseUrl?: (sandbox: SandboxProcess) => string;
	owner?: OwnerAccount;
	echo?: boolean;
	log?: Log;
}

export interface QueueCluster {
	dir: string;
	postgres: PostgresServer;
	redis: RedisServer;
	sandbox: SandboxProcess;
	main: N8nServer;
	mainInstance: N8nInstance;
	workers: WorkerProcess[];
	client: N8nRestClient;
	owner: OwnerAccount;
	pkg: PackageTarball;
	workflows: Array<{ id: string; name: string; file: string; json: WorkflowJson }>;
	/** The env every n8n process shares (database, Redis, queue settings). */
	sharedEnv: Env;
	/** Seconds per setup step. */
	timings: Record<string, number>;
	/** `${main.url}/webhook/<path>` */
	webhookUrl(webhookPath: string): string;
	/** Starts one more worker (or restarts one by name, with a fresh process). */
	startWorker(name?: string): Promise<WorkerProcess>;
	worker(name: string): WorkerProcess;
	stop(): Promise<void>;
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const log = options.log ?? defaultLog;
	const dir = path.resolve(options.dir);
	const { timings, step } = timedSteps();
	const total = stopwatch();
	const cleanup: Array<{ name: string; stop: () => Promise<void> }> = [];
	const stopAll = async () => {
		while (cleanup.length > 0) {
			const { name, stop } = cleanup.pop()!;
			const elapsed = stopwatch();
			await stop().catch((error: unknown) => log(`stopping ${name} failed: ${(error as Error).message}`));
			log(`stopped ${name} in ${elapsed()}`);
		}
	};

	try {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		// Independent steps in parallel; whatever started is registered for cleanup at once, so a
		// failure of one does not leave the others running.
		const started = <T>(name: string, promise: Promise<T>, stop?: (value: T) => () => Promise<void>) =>
			promise.then((value) => {
				if (stop) cleanup.push({ name, stop: stop(value) });
				return value;
			});
		const results = await Promise.allSettled([
			step('ensureN8n', async () => await ensureN8n(log)),
			step('preparePackage', async () => await preparePackageTarball({ log })),
			started(
				'postgres',
				step('startPostgres', async () => await startPostgres({ dir: path.join(dir, 'postgres'), log })),
				(server) => server.stop,
			),
			started(
				'redis',
				step('startRedis', async () => await startRedis({ dir: path.join(dir, 'redis'), log })),
				(server) => server.stop,
			),
			started(
				'sandbox',
				step(
					'startSandbox',
					async () =>
						await startSandboxProcess({ seed: options.sandboxSeed, logFile: path.join(dir, 'sandbox.log'), echo: options.echo }),
				),
				(server) => server.stop,
			),
		] as const);
		const failed = results.find((result) => result.status === 'rejected');
		if (failed) throw (failed as PromiseRejectedResult).reason;
		const value = <T>(result: PromiseSettledResult<T>): T => (result as PromiseFulfilledResult<T>).value;
		const pkg = value(results[1]);
		const postgres = value(results[2]);
		const redis = value(results[3]);
		const sandbox = value(results[4]);

		const sharedEnv: Env = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// what n8n 2.41 picks by itself in queue mode; said explicitly (see SCALING.md)
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			// manual runs go to the workers too (the only behaviour from n8n 3 on)
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_FORMAT: 'json',
			...QUEUE_TUNING,
			...options.env,
		};

		// One user folder per instance, the package installed into each (as on separate hosts).
		const workerCount = options.workers ?? 2;
		const workerNames = Array.from({ length: workerCount }, (_, i) => `worker-${i + 1}`);
		const instances = new Map<string, N8nInstance>();
		for (const name of ['main', ...workerNames]) {
			instances.set(name, createN8nUserFolder({ dir: path.join(dir, name), env: sharedEnv }));
		}
		await step('installPackage', async () => {
			for (const instance of instances.values()) await installPackageIntoUserFolder(instance, pkg.tarball);
		});
		const mainInstance = instances.get('main')!;

		const credentials: CredentialDefinition[] = [
			{
				...SANDBOX_CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: {
					baseUrl: options.credentialBaseUrl?.(sandbox) ?? sandbox.url,
					accessToken: sandbox.token,
					timeZone: 'Asia/Shanghai',
					ignoreSslIssues: false,
				},
			},
		];
		// The first n8n command against the empty database also runs n8n's migrations.
		await step('importCredentials', async () => await importCredentials(mainInstance, credentials));
		const loaded = (options.workflowDirs ?? [QUEUE_WORKFLOWS_DIR]).flatMap((workflowDir) => loadWorkflowFiles(workflowDir));
		const workflows = loaded.map((workflow) => ({
			id: workflow.id,
			name: workflow.name,
			file: workflow.file,
			json: prepareForImport(workflow, credentials),
		}));
		await step('importAndPublishWorkflows', async () => {
			const output = await importAndPublishWorkflows(mainInstance, workflows.map((w) => w.json));
			const wanted = workflows.filter((w) => w.json.active === true).map((w) => w.id);
			const db = await postgres.connect(postgres.database);
			try {
				const { rows } = await db.query<{ id: string }>(
					'SELECT id FROM workflow_entity WHERE id = ANY($1) AND "activeVersionId" IS NOT NULL',
					[wanted],
				);
				const published = new Set(rows.map((row) => row.id));
				const missing = wanted.filter((id) => !published.has(id));
				if (missing.length > 0) {
					throw new Error(
						`import:workflow --activeState=fromJson did not publish ${missing.join(', ')}:\n` +
							`${output.stdout.slice(-4000)}\n${output.stderr.slice(-4000)}`,
					);
				}
			} finally {
				await db.end();
			}
		});

		const main = await step('startMain', async () => await startN8n(mainInstance, { echo: options.echo, log }));
		cleanup.push({ name: 'n8n main', stop: main.stop });

		const workers: WorkerProcess[] = [];
		const launch = async (name: string): Promise<WorkerProcess> => {
			let instance = instances.get(name);
			if (!instance) {
				instance = createN8nUserFolder({ dir: path.join(dir, name), env: sharedEnv });
				await installPackageIntoUserFolder(instance, pkg.tarball);
				instances.set(name, instance);
			}
			const worker = await startWorker(name, instance, {
				concurrency: options.workerConcurrency,
				echo: options.echo,
				log,
			});
			const index = workers.findIndex((w) => w.name === name);
			if (index >= 0) workers[index] = worker;
			else workers.push(worker);
			cleanup.push({ name, stop: worker.stop });
			return worker;
		};
		await step('startWorkers', async () => {
			await Promise.all(workerNames.map(async (name) => await launch(name)));
			workers.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
		});

		const owner = options.owner ?? DEFAULT_OWNER;
		const client = await step('ownerSetup', async () => await N8nRestClient.setupOwner(main.url, owner));
		await step('checkNodesLoaded', async () => await assertNodeTypesLoaded(client, main, 2));
		timings.total = Math.round(Number.parseFloat(total()) * 10) / 10;
		log(`queue cluster ready in ${total()}: ${JSON.stringify(timings)}`);

		return {
			dir,
			postgres,
			redis,
			sandbox,
			main,
			mainInstance,
			workers,
			client,
			owner,
			pkg,
			workflows,
			sharedEnv,
			timings,
			webhookUrl: (webhookPath) => `${main.url}/webhook/${webhookPath}`,
			startWorker: async (name) => await launch(name ?? `worker-${workers.length + 1}`),
			worker: (name) => {
				const found = workers.find((w) => w.name === name);
				if (!found) throw new Error(`no worker named ${name} (have ${workers.map((w) => w.name).join(', ')})`);
				return found;
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * Imports the workflows, then publishes those with "active": true via `publish:workflow --id`
 * (one CLI call each, about 5 s; three side by side), all before main starts.
 *
 * Not `import:workflow --activeState=fromJson` (queue mode only): on a database that `n8n start`
 * has never run against it silently publishes nothing ("User attempted to activate a workflow
 * without permissions"), because only `n8n start` writes the roles' scopes into the database.
 */
export async function importAndPublishWorkflows(instance: N8nInstance, workflows: readonly WorkflowJson[]) {
	const file = path.join(instance.workDir, 'import', 'queue-workflows.json');
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(workflows, null, 2));
	const outputs = [await runN8nCli(instance, ['import:workflow', `--input=${file}`], 180_000)];
	const toPublish = workflows.filter((workflow) => workflow.active === true && workflow.id).map((workflow) => String(workflow.id));
	const lanes = 3;
	await Promise.all(
		Array.from({ length: lanes }, async (_, lane) => {
			for (let i = lane; i < toPublish.length; i += lanes) {
				outputs.push(
					await run(N8N_BIN, ['publish:workflow', `--id=${toPublish[i]}`], {
						cwd: instance.workDir,
						// CLI processes side by side each get their own task-broker port
						env: { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
						timeoutMs: 120_000,
					}),
				);
			}
		}),
	);
	return {
		stdout: outputs.map((output) => output.stdout).join('\n'),
		stderr: outputs.map((output) => output.stderr).join('\n'),
	};
}

export interface StartWorkerOptions {
	concurrency?: number;
	echo?: boolean;
	log?: Log;
	readinessTimeoutMs?: number;
}

/** `n8n worker` with its own task-broker and health ports; resolves when /healthz/readiness is 200. */
export async function startWorker(name: string, instance: N8nInstance, options: StartWorkerOptions = {}): Promise<WorkerProcess> {
	const log = options.log ?? defaultLog;
	const elapsed = stopwatch();
	const healthPort = await freePort();
	const brokerPort = await freePort();
	const logFile = path.join(instance.workDir, 'logs', `${name}.log`);
	const args = ['worker'];
	if (options.concurrency !== undefined) args.push(`--concurrency=${options.concurrency}`);
	// In a container n8n names a worker `worker-<hostname>`, so two workers on one host would
	// report the same id to main. Give each its own hostname (a UTS namespace, as separate
	// containers have) when the host allows it.
	const hostname = `q-${name}`;
	const [command, commandArgs] = (await canSetHostname())
		? ['unshare', ['--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', hostname, N8N_BIN, ...args]]
		: [N8N_BIN, args];
	const proc = new ManagedProcess(name, command, commandArgs, {
		cwd: instance.workDir,
		env: {
			...instance.env,
			// each process on the host needs its own ports (a clash on 5679 kills the other process)
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		},
		logFile,
		echo: options.echo,
	});
	const worker: WorkerProcess = {
		name,
		hostId: command === 'unshare' ? `worker-${hostname}` : undefined,
		instance,
		process: proc,
		healthPort,
		brokerPort,
		logFile,
		stop: async () => await proc.stop(20_000),
		kill: async () => {
			if (proc.pid !== undefined && proc.isRunning()) {
				try {
					process.kill(-proc.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
			await proc.exited;
		},
	};
	const deadline = Date.now() + (options.readinessTimeoutMs ?? 120_000);
	for (;;) {
		if (!proc.isRunning()) throw new Error(`${name} exited before it was ready (${proc.exitStatus}):\n${proc.tail(60)}`);
		try {
			const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await proc.stop(5_000);
			throw new Error(`${name} was not ready within ${options.readinessTimeoutMs ?? 120_000} ms:\n${proc.tail(60)}`);
		}
		await sleep(250);
	}
	log(`${name} ready in ${elapsed()} (health :${healthPort}, broker :${brokerPort}, log: ${path.relative(ROOT, logFile)})`);
	return worker;
}

let hostnameSupport: Promise<boolean> | undefined;

/** Whether `unshare --uts` + `hostname` work here (root in a container usually may). */
export async function canSetHostname(): Promise<boolean> {
	hostnameSupport ??= run('unshare', ['--uts', '--', 'sh', '-c', 'hostname q-probe && hostname'], {
		check: false,
		env: { PATH: process.env.PATH },
		timeoutMs: 5_000,
	}).then(
		(result) => result.code === 0 && result.stdout.trim() === 'q-probe',
		() => false,
	);
	return await hostnameSupport;
}

/** A run folder under .e2e/ (git-ignored). */
export function queueRunDir(name = 'queue-jest'): string {
	return path.join(E2E_DIR, name);
}

/** Reads a log file written by ManagedProcess ('' when it does not exist yet). */
export function readLog(file: string): string {
	return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
