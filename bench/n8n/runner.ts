/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Runs the workflows through n8n's REST API as the editor's "Execute workflow" does, and reads
 * the node under test's own `executionTime` from the run data, plus n8n's start/stop times of
 * the execution. Per row: one untimed verification run per side (it also warms up), then timed
 * runs alternating HTTP, CRM, CRM, HTTP, HTTP, CRM …
 */
import { loadavg } from 'node:os';

import type { N8nRestClient } from '../../scripts/e2e/rest';
import { nodeJson, summarize } from '../../scripts/e2e/runData';
import { SIDES, type Side } from './cases';
import type { BenchRow } from './matrix';
import { sampleRss } from './memory';
import type { ProfileWindowLog } from './profileWindows';
import type { SandboxClient } from './sandboxState';
import { NODE_NAME, type BenchWorkflow } from './workflows';

export interface RunSample {
	row: string;
	side: Side;
	/** 1…runs (timed). */
	run: number;
	executionId?: string;
	/** The node's own executionTime in the run data (ms). */
	nodeMs: number;
	/** n8n's stoppedAt − startedAt of the execution (ms). */
	wallMs: number;
	/** From the REST call that started it until the harness saw it finished (includes polling). */
	roundTripMs: number;
	/** 1-minute load average of the machine when the run started (others share it). */
	loadAverage: number;
	/** Highest resident memory of the n8n process during the run (MB; Linux only). */
	peakRssMb?: number;
}

export interface RowContext {
	client: N8nRestClient;
	sandbox: SandboxClient;
	/** Leads the sandbox holds (what Return All must output). */
	leads: number;
	runs: number;
	profile?: ProfileWindowLog;
	log: (message: string) => void;
	/** The n8n process, whose memory is sampled during each run. */
	n8nPid?: number;
}

/** n8n answers "finished?" on its main thread too: poll seldom so the poll does not slow the run. */
const POLL_INTERVAL_MS = 500;

export async function measureRow(
	row: BenchRow,
	workflows: Record<Side, BenchWorkflow>,
	context: RowContext,
): Promise<RunSample[]> {
	for (const side of SIDES) {
		const { outputs, sample } = await runOnce(workflows[side], 0, context);
		await row.case.check({ side, inputs: workflows[side].inputs, outputs, sandbox: context.sandbox, leads: context.leads });
		await row.case.restore?.(context.sandbox, row.inputCount);
		context.log(`  verified ${NODE_NAME[side]}: ${outputs.length} items, node ${sample.nodeMs} ms`);
	}
	const samples: RunSample[] = [];
	for (let run = 1; run <= context.runs; run++) {
		// Odd runs start with the HTTP Request node, even runs with the CRM Lead node.
		const order = run % 2 ? SIDES : [...SIDES].reverse();
		for (const side of order) {
			const { sample } = await runOnce(workflows[side], run, context);
			await row.case.restore?.(context.sandbox, row.inputCount);
			samples.push(sample);
			context.log(`  run ${run} ${NODE_NAME[side]}: node ${sample.nodeMs} ms, execution ${sample.wallMs} ms, n8n peak RSS ${sample.peakRssMb ?? '?'} MB`);
		}
	}
	return samples;
}

async function runOnce(workflow: BenchWorkflow, run: number, context: RowContext) {
	const { row, side } = workflow;
	const loadAverage = loadavg()[0];
	const what = `${run === 0 ? 'verification run' : `run ${run}`} of "${workflow.name}"`;
	const timeoutMs = runTimeoutMs(row, context.leads);
	const memory = sampleRss(context.n8nPid);
	let peakRssMb: number | undefined;
	const result = await context.client
		.runWorkflow(workflow.id, { triggerName: 'Manual Trigger', timeoutMs, pollIntervalMs: POLL_INTERVAL_MS })
		.catch((error: unknown) => {
			// fetch's own message ("fetch failed") hides why: the cause says (a reset, a refused connection).
			const cause = error instanceof Error && error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : '';
			throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}${cause}`);
		})
		.finally(() => (peakRssMb = memory.stop()));
	if (result.status !== 'success') throw new Error(`${what} did not succeed:\n${summarize(result)}`);
	const task = result.runData[NODE_NAME[side]]?.[0];
	const outputs = nodeJson(result, NODE_NAME[side]) as Array<Record<string, unknown>>;
	const expected = row.case.kind === 'returnAll' ? context.leads : row.inputCount;
	if (outputs.length !== expected) {
		throw new Error(`${what}: ${NODE_NAME[side]} output ${outputs.length} items, expected ${expected}`);
	}
	if (task?.executionTime === undefined || task.startTime === undefined || !result.startedAt || !result.stoppedAt) {
		throw new Error(`${what}: the run data lacks the node's executionTime/startTime or the execution's start/stop time`);
	}
	context.profile?.add(`${row.id}/${side}#${run}`, task.startTime, task.executionTime);
	const sample: RunSample = {
		row: row.id,
		side,
		run,
		executionId: result.executionId,
		nodeMs: task.executionTime,
		wallMs: Date.parse(result.stoppedAt) - Date.parse(result.startedAt),
		roundTripMs: result.durationMs ?? Number.NaN,
		loadAverage: Math.round(loadAverage * 100) / 100,
		peakRssMb,
	};
	await forgetExecution(context, result.executionId);
	return { outputs, sample };
}

/** Generous: a stuck run fails the benchmark with this message instead of hanging it. */
function runTimeoutMs(row: BenchRow, leads: number): number {
	const perUnitMs = row.case.kind === 'returnAll' ? 15 : 100;
	return Math.max(120_000, (row.case.kind === 'returnAll' ? leads : row.inputCount) * perUnitMs);
}

/** Deletes the stored execution, so n8n's database stays as small for the last run as for the first. */
async function forgetExecution(context: RowContext, executionId: string | undefined): Promise<void> {
	if (!executionId) return;
	try {
		await context.client.request('POST', '/rest/executions/delete', { ids: [executionId] });
	} catch (error) {
		context.log(`  (could not delete execution ${executionId}: ${error instanceof Error ? error.message : String(error)})`);
	}
}
