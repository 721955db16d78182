/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** bench/results/n8n-<time>.json: the environment, every run, the medians, ratios and verdicts. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';

import { N8N_RUNTIME_DIR, ROOT } from '../../scripts/e2e/paths';
import { node24Env, run } from '../../scripts/e2e/proc';
import type { BenchOptions } from './options';
import type { RowSummary } from './report';
import type { RunSample } from './runner';
import { HTTP_REQUEST_TYPE_VERSION } from './workflows';

export interface Environment {
	n8nVersion: string;
	/** The Node that runs n8n (the project's Node 24). */
	nodeVersion: string;
	cpuCount: number;
	cpuModel: string;
	loadAverage1m: number;
	packageVersion: string;
	/** The tarball installed into n8n (its name holds a hash of the node's sources). */
	packageTarball: string;
	gitCommit: string;
	/** Uncommitted changes in the working tree (the tarball was built from them). */
	gitDirty: boolean;
}

export async function describeEnvironment(packageTarball: string): Promise<Environment> {
	const readVersion = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
	const [nodeVersion, commit, status] = await Promise.all([
		run('node', ['--version'], { env: node24Env() }),
		run('git', ['rev-parse', '--short=12', 'HEAD'], { check: false }),
		run('git', ['status', '--porcelain', '--untracked-files=no'], { check: false }),
	]);
	return {
		n8nVersion: readVersion(path.join(N8N_RUNTIME_DIR, 'node_modules', 'n8n', 'package.json')),
		nodeVersion: nodeVersion.stdout.trim(),
		cpuCount: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		loadAverage1m: loadavg()[0],
		packageVersion: readVersion(path.join(ROOT, 'package.json')),
		packageTarball: path.basename(packageTarball),
		gitCommit: commit.stdout.trim() || 'unknown',
		gitDirty: status.stdout.trim() !== '',
	};
}

export interface BenchResults {
	startedAt: string;
	durationSeconds: number;
	options: BenchOptions;
	environment: Environment;
	/** Load average (1 min) at the end: other work on the machine shows here and in each run's. */
	loadAverageAtEnd: number;
	rows: RowSummary[];
	runs: RunSample[];
	table: string;
}

export function writeResults(results: BenchResults): string {
	const dir = path.join(ROOT, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `n8n-${results.startedAt.replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify(results, null, 2));
	return file;
}

/** The line under the table: what was measured, where, and how busy the machine was. */
export function runDescription(environment: Environment, options: BenchOptions, durationSeconds: number): string {
	return [
		`n8n ${environment.n8nVersion}, Node ${environment.nodeVersion}, ${environment.cpuCount} CPUs`,
		`${environment.packageVersion} @ ${environment.gitCommit}${environment.gitDirty ? ' (uncommitted changes)' : ''}`,
		`CRM Lead v${options.crmLeadVersion}, HTTP Request ${HTTP_REQUEST_TYPE_VERSION} (auth: ${options.httpAuth})`,
		`medians (min–max) of ${options.runs} alternating runs, node executionTime`,
		`${durationSeconds} s`,
		`load average ${environment.loadAverage1m.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`,
	].join('; ');
}
