/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * One crash run: n8n with the crash workflow published, leads created at a steady rate, n8n main
 * SIGKILLed at the planned moments and started again, then every lead the sandbox got compared
 * with the leads in n8n's stored executions (tally.ts says why those count).
 */
import path from 'node:path';

import { getExecution, listExecutions } from '../queue/observe';
import { flattedParse } from '../e2e/runData';
import { sleep, stopwatch, type Env } from '../e2e/proc';
import { leadIntervals, planKills, type KillMoment, type PlannedKill } from './plan';
import { startPollProxy, type PollProxy } from './pollProxy';
import { startRecorder, type Recorder } from './recorder';
import { COMMON_ENV, cursorEnv, type CursorMode } from './settings';
import { startCrashStack, type CrashStack } from './stack';
import { tally, triggerLeadIds, type StoredExecution, type Tally } from './tally';
import { CRASH_WORKFLOW_ID, LEAD_PREFIX, TRIGGER_NODE } from './workflow';

export interface CrashRunOptions {
	seed: number;
	kills: number;
	cursors: CursorMode;
	queue: boolean;
	workers: number;
	/** Mean milliseconds between two created leads. */
	leadEveryMs: number;
	/** N8N_LOG_LEVEL for every n8n process (debug shows each scheduled poll and its hand-off). */
	n8nLogLevel: string;
	dir: string;
	echo: boolean;
	log: (message: string) => void;
}

export interface KillRecord extends PlannedKill {
	index: number;
	/** When main was killed (ms since the run's start). */
	atMs: number;
	/** True when the planned moment did not come within MOMENT_TIMEOUT_MS and the kill happened anyway. */
	momentMissed: boolean;
	/** Seconds from `n8n start` to ready after this kill. */
	restartSeconds: number;
	/** Why n8n failed to start after this kill before it started (each start is tried up to START_ATTEMPTS times). */
	failedStarts: string[];
}

export interface CrashReport {
	seed: number;
	cursors: CursorMode;
	queue: boolean;
	workers: number;
	env: Env;
	minutes: number;
	pollAnswers: number;
	/** When each list answer of the trigger was sent (ms since the run's start). */
	pollAnswersAtMs: number[];
	kills: KillRecord[];
	killsByMoment: Record<KillMoment, number>;
	tally: Tally;
	/** Lost leads with the time each was created (ms since the run's start), for matching with kills. */
	lostLeads: Array<{ id: string; createdAtMs: number }>;
}

/**
 * A planned moment that does not come still ends in a kill after this long. After a crash n8n's
 * in-memory engine brings a published workflow's triggers back only when the dead instance's lease
 * on its publication record has run out (N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS, 120 s), so
 * the first poll after a restart can take two minutes.
 */
const MOMENT_TIMEOUT_MS = 240_000;
/** Polls to let through after the last restart while leads are still created. */
const CLOSING_POLLS = 2;
/** The workflow's poll times (workflow.ts): every 10 s. */
const POLL_PERIOD_MS = 10_000;

export async function crashRun(options: CrashRunOptions): Promise<CrashReport> {
	const { log } = options;
	const clock = stopwatch();
	const started = Date.now();
	const sinceStart = () => Date.now() - started;
	const plan = planKills(options.seed, options.kills);
	const env = { ...COMMON_ENV, ...cursorEnv(options.cursors), N8N_LOG_LEVEL: options.n8nLogLevel };

	let target = '';
	const proxy = await startPollProxy(() => target);
	const recorder = await startRecorder();
	let stack: CrashStack | undefined;
	const creator = new LeadCreator(options.seed, options.leadEveryMs, log);
	try {
		stack = await startCrashStack({
			dir: options.dir,
			queue: options.queue,
			workers: options.workers,
			env,
			proxy,
			setProxyTarget: (url) => {
				target = url;
			},
			recorderUrl: recorder.url,
			echo: options.echo,
			log,
		});
		log(`n8n ready (${options.queue ? `queue mode, ${options.workers} worker(s)` : 'regular mode'}, cursors: ${options.cursors}); waiting for the trigger's first polls`);
		await listAnswers(proxy, 2, 'the trigger to start polling');

		creator.start(stack.sandbox, started);
		const kills: KillRecord[] = [];
		for (const [index, planned] of plan.entries()) {
			await listAnswers(proxy, planned.pollsBefore, `poll(s) before kill ${index + 1}`);
			const momentMissed = !(await killAt(planned, stack, proxy, recorder));
			const atMs = sinceStart();
			await sleep(planned.downtimeMs);
			const restart = stopwatch();
			const failedStarts = await startAgain(stack, log);
			const restartSeconds = Number.parseFloat(restart());
			kills.push({ ...planned, index: index + 1, atMs, momentMissed, restartSeconds, failedStarts });
			log(
				`kill ${index + 1}/${plan.length}: ${planned.moment} +${planned.delayMs} ms${momentMissed ? ' (moment never came)' : ''}, ` +
					`down ${planned.downtimeMs} ms, restarted in ${restartSeconds} s; ${creator.created.length} leads so far (${clock()})`,
			);
		}

		await listAnswers(proxy, CLOSING_POLLS, 'the closing polls');
		creator.stop();
		await creator.finished();
		log(`${creator.created.length} leads created; waiting for the trigger to hand out the last ones`);
		await drain(stack, proxy, started + (creator.created.at(-1)?.atMs ?? 0), log);

		const executions = await storedExecutions(stack);
		const result = tally(
			creator.created.map((lead) => lead.id),
			executions,
			recorder.calls,
		);
		const createdAt = new Map(creator.created.map((lead) => [lead.id, lead.atMs]));
		return {
			seed: options.seed,
			cursors: options.cursors,
			queue: options.queue,
			workers: options.queue ? options.workers : 0,
			env,
			minutes: Math.round(sinceStart() / 6_000) / 10,
			pollAnswers: proxy.listAnswers,
			pollAnswersAtMs: proxy.answeredAt.map((at) => at - started),
			kills,
			killsByMoment: countMoments(kills),
			tally: result,
			lostLeads: result.lost.map((id) => ({ id, createdAtMs: createdAt.get(id) ?? -1 })),
		};
	} finally {
		creator.stop();
		await stack?.stop();
		await proxy.close();
		await recorder.close();
		log(`stopped everything (${path.relative(process.cwd(), options.dir)} keeps the logs)`);
	}
}

/** Starts after a failed start of n8n (reported in the kill record, never hidden). */
const START_ATTEMPTS = 3;

/**
 * Starts main again; a start that fails is retried after 10 s (seen once: the project's Node 24
 * was being reinstalled by `npm ci` in the main checkout, and n8n refused the system's Node 20).
 */
async function startAgain(stack: CrashStack, log: (message: string) => void): Promise<string[]> {
	const failures: string[] = [];
	for (;;) {
		try {
			await stack.startMain();
			return failures;
		} catch (error) {
			const why = (error as Error).message.split('\n').filter(Boolean).slice(0, 3).join(' / ');
			failures.push(why);
			if (failures.length >= START_ATTEMPTS) throw error;
			log(`n8n did not start (${why}); trying again in 10 s`);
			await sleep(10_000);
		}
	}
}

/** Waits for the planned moment and kills main; false when the moment did not come in time. */
async function killAt(planned: PlannedKill, stack: CrashStack, proxy: PollProxy, recorder: Recorder): Promise<boolean> {
	const within = async <T>(moment: Promise<T>): Promise<T | undefined> =>
		await Promise.race([moment, sleep(MOMENT_TIMEOUT_MS).then(() => undefined)]);
	switch (planned.moment) {
		case 'poll': {
			const held = await within(proxy.holdNextListAnswer());
			await sleep(planned.delayMs);
			await stack.killMain();
			held?.release();
			return held !== undefined;
		}
		case 'handoff': {
			const sent = await within(proxy.nextListAnswerSent().then(() => true));
			await sleep(planned.delayMs);
			await stack.killMain();
			return sent === true;
		}
		case 'execution': {
			const held = await within(recorder.holdNextCall());
			await sleep(planned.delayMs);
			await stack.killMain();
			held?.release();
			return held !== undefined;
		}
		case 'anytime':
			await sleep(planned.delayMs);
			await stack.killMain();
			return true;
	}
}

async function listAnswers(proxy: PollProxy, count: number, what: string): Promise<void> {
	for (let i = 0; i < count; i++) {
		const answered = await Promise.race([proxy.nextListAnswerSent().then(() => true), sleep(MOMENT_TIMEOUT_MS).then(() => false)]);
		if (!answered) throw new Error(`no poll of the trigger within ${MOMENT_TIMEOUT_MS / 1000} s while waiting for ${what}`);
	}
}

/**
 * After the last lead: two poll periods and two more polls (overdue poll times may come in a burst
 * right after a restart, so answers alone do not prove time has passed), then until n8n has no
 * execution of the workflow left that is new or running (queue mode: its recovery marks one that
 * never reached Redis as crashed within N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL).
 */
async function drain(stack: CrashStack, proxy: PollProxy, lastLeadAt: number, log: (message: string) => void): Promise<void> {
	await sleep(Math.max(0, lastLeadAt + 2 * POLL_PERIOD_MS + 1_000 - Date.now()));
	await listAnswers(proxy, 2, 'the polls after the last lead');
	const deadline = Date.now() + 4 * 60_000;
	for (;;) {
		const unfinished = (await listExecutions(stack.client(), CRASH_WORKFLOW_ID, 100_000)).filter((execution) =>
			['new', 'running', 'waiting'].includes(execution.status),
		);
		if (unfinished.length === 0) return;
		if (Date.now() > deadline) {
			log(`still unfinished after 4 min: ${unfinished.map((execution) => `${execution.id} (${execution.status})`).join(', ')}; counting them as they are`);
			return;
		}
		await sleep(3_000);
	}
}

async function storedExecutions(stack: CrashStack): Promise<StoredExecution[]> {
	const client = stack.client();
	const summaries = await listExecutions(client, CRASH_WORKFLOW_ID, 100_000);
	const executions: StoredExecution[] = [];
	for (const summary of summaries) {
		const { raw } = await getExecution(client, CRASH_WORKFLOW_ID, summary.id);
		const stored = (JSON.parse(raw) as { data: { data?: string | object | null } }).data.data;
		const data = (typeof stored === 'string' ? flattedParse(stored) : stored) ?? {};
		executions.push({ id: summary.id, status: summary.status, leadIds: triggerLeadIds(data, TRIGGER_NODE) });
	}
	return executions;
}

function countMoments(kills: readonly KillRecord[]): Record<KillMoment, number> {
	const counts: Record<KillMoment, number> = { poll: 0, handoff: 0, execution: 0, anytime: 0 };
	for (const kill of kills) counts[kill.moment]++;
	return counts;
}

/** Creates `crash-…` leads in the sandbox at a steady rate, straight through its API (as CRM users would). */
class LeadCreator {
	readonly created: Array<{ id: string; atMs: number }> = [];
	private running = false;
	private loop: Promise<void> = Promise.resolve();

	constructor(
		private readonly seed: number,
		private readonly meanMs: number,
		private readonly log: (message: string) => void,
	) {}

	start(sandbox: CrashStack['sandbox'], started: number): void {
		this.running = true;
		const next = leadIntervals(this.seed, this.meanMs);
		this.loop = (async () => {
			for (let n = 1; this.running; n++) {
				try {
					const { status, json } = await sandbox.request<{ id?: string }>('POST', '/crm_leads', { type: 'lead', name: `${LEAD_PREFIX}${this.seed}-${n}` });
					if (status < 200 || status > 299 || typeof json.id !== 'string') throw new Error(`HTTP ${status}: ${JSON.stringify(json).slice(0, 200)}`);
					this.created.push({ id: json.id, atMs: Date.now() - started });
				} catch (error) {
					this.log(`creating lead ${n} failed: ${(error as Error).message}`);
				}
				await sleep(next());
			}
		})();
	}

	stop(): void {
		this.running = false;
	}

	async finished(): Promise<void> {
		await this.loop;
	}
}
