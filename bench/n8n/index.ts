/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run bench:n8n`: the CRM Lead node against the HTTP Request node making the same calls with
 * the same expressions, inside the real n8n the e2e suite and the demo use, in the same run.
 * See BENCHMARK.md for what it measures, and `--help` for the flags.
 *
 * Modules: options (flags) · cases (the table of node parameters) · matrix (sequential and
 * Batching rows) · workflows (generated workflows) · stack (n8n + sandbox) · runner (runs and
 * timings) · sandboxState (checks) · report (verdicts, table) · results (JSON) · profile (CPU
 * profile summariser) · shutdown / reaper (no process left behind).
 */
import { loadavg } from 'node:os';
import path from 'node:path';

import { ROOT } from '../../scripts/e2e/paths';
import { SIDES, type Side } from './cases';
import { buildRows, selectRows } from './matrix';
import { parseOptions } from './options';
import { parseProfileArgs, summarizeProfile } from './profile';
import { ProfileWindowLog, WINDOWS_FILE_NAME } from './profileWindows';
import { OrphanReaper } from './reaper';
import { markdownTable, summarizeRows } from './report';
import { describeEnvironment, runDescription, writeResults } from './results';
import { measureRow, type RunSample } from './runner';
import { shutdownOnSignals } from './shutdown';
import { BENCH_DIR, startBenchStack, type BenchStack } from './stack';
import type { BenchWorkflow } from './workflows';

const log = (message: string) => process.stderr.write(`[bench:n8n] ${message}\n`);

async function main(argv: readonly string[]): Promise<number> {
	if (argv[0] === 'profile') {
		console.log(summarizeProfile(parseProfileArgs(argv.slice(1))));
		return 0;
	}
	const options = parseOptions(argv);
	const rows = selectRows(buildRows({ items: options.items, crmLeadVersion: options.crmLeadVersion }), options.cases);
	const startedAt = new Date();
	const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
	const cpuProfileDir = options.cpuProf ? path.join(BENCH_DIR, 'profiles', stamp) : undefined;
	log(
		`${rows.length} row(s) × 2 nodes × (1 verification + ${options.runs} timed runs); ` +
			`${options.items} items per per-item case, ${options.leads} leads in the sandbox` +
			`${options.quick ? ' (--quick)' : ''}; load average ${loadavg()[0].toFixed(2)} on this machine`,
	);

	const reaper = new OrphanReaper(BENCH_DIR);
	let bench: BenchStack | undefined;
	const shutdown = shutdownOnSignals(async () => {
		if (bench) {
			await bench.stop();
			log('n8n and the sandbox stopped');
		}
		reaper.release();
	}, log);

	try {
		bench = await startBenchStack({
			rows,
			leads: options.leads,
			httpAuth: options.httpAuth,
			n8nEnv: options.n8nEnv,
			cpuProfileDir,
			verbose: options.verbose,
			log,
		});
		reaper.watch(bench.stack.n8n.process.pid);
		reaper.watch(bench.stack.sandbox.process.pid);
		const environment = await describeEnvironment(bench.stack.pkg.tarball);
		const profile = cpuProfileDir
			? new ProfileWindowLog(path.join(cpuProfileDir, WINDOWS_FILE_NAME), bench.stack.n8n.process.pid)
			: undefined;

		const samples: RunSample[] = [];
		for (const row of rows) {
			log(`${row.label} [${row.id}]`);
			const workflows = workflowsOf(bench.workflows, row.id);
			samples.push(
				...(await measureRow(row, workflows, {
					client: bench.stack.client,
					sandbox: bench.stack.sandbox,
					leads: options.leads,
					runs: options.runs,
					profile,
					log,
					n8nPid: bench.stack.n8n.process.pid,
				})),
			);
		}

		const summaries = summarizeRows(rows, samples);
		const table = markdownTable(summaries);
		const durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
		const file = writeResults({
			startedAt: startedAt.toISOString(),
			durationSeconds,
			options,
			environment,
			loadAverageAtEnd: loadavg()[0],
			rows: summaries,
			runs: samples,
			table,
		});
		console.log(`\n${table}\n`);
		console.log(runDescription(environment, options, durationSeconds));
		console.log(`Results: ${path.relative(ROOT, file)}`);
	} catch (error) {
		if (shutdown.interrupted) return 130; // the calls cut off by the stop fail; nothing to report
		throw withDeadProcessOutput(error, bench);
	} finally {
		await shutdown.stop();
	}
	if (cpuProfileDir) printProfileSummary(cpuProfileDir);
	return 0;
}

/** A failed call often means n8n or the sandbox died: then their last words are the explanation. */
function withDeadProcessOutput(error: unknown, bench: BenchStack | undefined): unknown {
	const dead = bench ? [bench.stack.n8n.process, bench.stack.sandbox.process].filter((proc) => !proc.isRunning()) : [];
	if (dead.length === 0) return error;
	const message = error instanceof Error ? error.message : String(error);
	const outputs = dead.map((proc) => `${proc.name} stopped (${proc.exitStatus ?? 'unknown'}); its last lines:\n${proc.tail(30)}`);
	return new Error([message, ...outputs].join('\n\n'));
}

function workflowsOf(workflows: readonly BenchWorkflow[], rowId: string): Record<Side, BenchWorkflow> {
	const find = (side: Side) => {
		const workflow = workflows.find((candidate) => candidate.row.id === rowId && candidate.side === side);
		if (!workflow) throw new Error(`no ${side} workflow for ${rowId}`);
		return workflow;
	};
	return Object.fromEntries(SIDES.map((side) => [side, find(side)])) as Record<Side, BenchWorkflow>;
}

function printProfileSummary(dir: string): void {
	const relative = path.relative(ROOT, dir);
	for (const side of SIDES) {
		try {
			console.log(`\n${summarizeProfile({ target: dir, window: side, top: 15, list: false })}`);
		} catch (error) {
			log(`CPU profile: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	console.log(
		`\nMore: npm run bench:n8n -- profile ${relative} --window get:seq/crmLead --function _getNodeParameter` +
			`\n      npm run bench:n8n -- profile ${relative} --list`,
	);
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		const verbose = process.argv.includes('--verbose');
		log(error instanceof Error ? ((verbose && error.stack) || error.message) : String(error));
		process.exit(1);
	},
);
