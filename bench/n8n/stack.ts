/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The benchmark's n8n: the e2e stack (scripts/e2e/stack.ts: pinned n8n, the packed node installed
 * as users install it, the sandbox, owner set up) with what the benchmark adds: the sandbox on a
 * SQLite file in WAL mode seeded with every lead, the HTTP Request node's Bearer credential, the
 * generated workflows, extra env for n8n and an optional CPU profile.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { E2E_DIR } from '../../scripts/e2e/paths';
import { freePort, type Env } from '../../scripts/e2e/proc';
import { startStack, type Stack } from '../../scripts/e2e/stack';
import type { BenchRow } from './matrix';
import { SIDES } from './cases';
import { buildWorkflow, httpBearerCredential, writeWorkflowFiles, type BenchWorkflow, type HttpAuth } from './workflows';

/** Git-ignored scratch space of the benchmark. */
export const BENCH_DIR = path.join(E2E_DIR, 'bench');

export interface BenchStackOptions {
	rows: readonly BenchRow[];
	leads: number;
	httpAuth: HttpAuth;
	n8nEnv: Env;
	/** Folder for n8n's .cpuprofile files (undefined: no profiling). */
	cpuProfileDir?: string;
	verbose: boolean;
	log: (message: string) => void;
}

export interface BenchStack {
	stack: Stack;
	workflows: BenchWorkflow[];
	/** Stops n8n (waiting long enough for a CPU profile to be written), then the sandbox. */
	stop(): Promise<void>;
}

/** Node writes a CPU profile when the process exits; a long run's profile takes a while. */
const PROFILED_SHUTDOWN_GRACE_MS = 180_000;

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
	// The HTTP Request workflows hold the sandbox's URL, so its port and token are chosen first.
	const sandboxPort = await freePort();
	const sandboxToken = randomBytes(16).toString('hex');
	const baseUrl = `http://127.0.0.1:${sandboxPort}`;
	const access = { baseUrl, token: sandboxToken, httpAuth: options.httpAuth };
	const workflows = options.rows.flatMap((row) => SIDES.map((side) => buildWorkflow(row, side, access)));
	const workflowsDir = path.join(BENCH_DIR, 'workflows');
	writeWorkflowFiles(workflowsDir, workflows);

	const n8nDir = path.join(BENCH_DIR, 'n8n'); // wiped by startStack, the sandbox's database with it
	const serverEnv: Env = { ...options.n8nEnv };
	if (options.cpuProfileDir) {
		mkdirSync(options.cpuProfileDir, { recursive: true });
		serverEnv.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
			.filter(Boolean)
			.join(' ');
	}
	const stack = await startStack({
		dir: n8nDir,
		sandboxPort,
		sandboxToken,
		sandboxSeed: options.leads,
		// A SQLite file (WAL mode) as users run the sandbox, not the in-memory default. The classic
		// flavour: the Delete rows re-create their leads between runs, which the cloud runtime refuses
		// for deleted keys; the two flavours answer successful calls alike.
		sandboxArgs: ['--db', path.join(n8nDir, 'sandbox-leads.db'), '--flavour', 'classic'],
		workflowDirs: [workflowsDir],
		extraCredentials: (sandbox) => [httpBearerCredential(sandbox.token)],
		n8nServerEnv: serverEnv,
		echo: options.verbose,
		log: options.log,
	});
	return {
		stack,
		workflows,
		stop: async () => {
			if (options.cpuProfileDir) await stack.n8n.process.stop(PROFILED_SHUTDOWN_GRACE_MS);
			await stack.stop();
		},
	};
}
