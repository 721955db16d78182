/**
 * What the queue tests look at: who ran which execution (the workers' own logs, and main's
 * "finished" log lines that carry the worker's id), n8n's execution list, and the sandbox's
 * stored leads.
 */
import { N8nRestClient, parseRestExecution, sleep, type ExecutionResult, type SandboxProcess } from '../e2e';
import { readLog, type QueueCluster, type WorkerProcess } from './cluster';

export interface LogEntry {
	message: string;
	level?: string;
	metadata: Record<string, unknown>;
	raw: string;
}

/** n8n log lines (N8N_LOG_FORMAT=json; plain text lines are kept with empty metadata). */
export function parseLogLines(text: string): LogEntry[] {
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((raw) => {
			try {
				const parsed = JSON.parse(raw) as { message?: unknown; level?: unknown; metadata?: Record<string, unknown> };
				if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') {
					const { message, level, metadata, ...rest } = parsed as Record<string, unknown>;
					return {
						message: message as string,
						level: typeof level === 'string' ? level : undefined,
						metadata: { ...rest, ...((metadata as Record<string, unknown> | undefined) ?? {}) },
						raw,
					};
				}
			} catch {
				// plain text
			}
			return { message: raw, metadata: {}, raw };
		});
}

export interface WorkerRun {
	worker: string;
	executionId: string;
	jobId: string;
	workflowId?: string;
	finished: boolean;
	success?: boolean;
}

/** "Worker started/finished execution N (job J)" from one worker's log file. */
export function workerRuns(worker: Pick<WorkerProcess, 'name' | 'logFile'>): WorkerRun[] {
	const runs = new Map<string, WorkerRun>();
	for (const entry of parseLogLines(readLog(worker.logFile))) {
		const match = /^Worker (started|finished) execution (\d+) \(job (\d+)\)/.exec(entry.message.trim());
		if (!match) continue;
		const [, event, executionId, jobId] = match;
		const key = `${executionId}/${jobId}`;
		const run = runs.get(key) ?? { worker: worker.name, executionId, jobId, finished: false };
		if (typeof entry.metadata.workflowId === 'string') run.workflowId = entry.metadata.workflowId;
		if (event === 'finished') {
			run.finished = true;
			if (typeof entry.metadata.success === 'boolean') run.success = entry.metadata.success;
		}
		runs.set(key, run);
	}
	return [...runs.values()];
}

/** Every worker's runs (restarted workers append to the same log file). */
export function allWorkerRuns(cluster: Pick<QueueCluster, 'workers'>): WorkerRun[] {
	return cluster.workers.flatMap((worker) => workerRuns(worker));
}

/** Main's "Execution N (job J) finished" lines: which worker (its host id) reported each one. */
export function mainFinishedReports(logFile: string): Array<{ executionId: string; jobId: string; workerId?: string; success?: boolean }> {
	return parseLogLines(readLog(logFile)).flatMap((entry) => {
		const match = /^Execution (\d+) \(job (\d+)\) finished/.exec(entry.message.trim());
		if (!match) return [];
		return [
			{
				executionId: match[1],
				jobId: match[2],
				workerId: typeof entry.metadata.workerId === 'string' ? entry.metadata.workerId : undefined,
				success: typeof entry.metadata.success === 'boolean' ? entry.metadata.success : undefined,
			},
		];
	});
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	retryOf?: string | null;
	retrySuccessId?: string | null;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

/** GET /rest/executions for one workflow, all pages (100 each, newest first; n8n 2.41 pages by cursor). */
export async function listExecutions(client: N8nRestClient, workflowId: string, max = 1000): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all: ExecutionSummary[] = [];
	let cursor: string | undefined;
	while (all.length < max) {
		const { json } = await client.request<{ data: { results: ExecutionSummary[]; nextCursor?: string | null } }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		all.push(...json.data.results.map((execution) => ({ ...execution, id: String(execution.id) })));
		cursor = json.data.nextCursor ?? undefined;
		if (!cursor || json.data.results.length === 0) break;
	}
	return all;
}

/** One execution with its run data. */
export async function getExecution(client: N8nRestClient, workflowId: string, executionId: string): Promise<ExecutionResult> {
	const { text } = await client.request('GET', `/rest/executions/${executionId}`);
	return parseRestExecution(workflowId, text);
}

/** Polls until `check` returns a value other than undefined. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs: number,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
		}
		await sleep(intervalMs);
	}
}

// ---------------------------------------------------------------- the sandbox's state

export type Lead = Record<string, unknown> & { id: string; name: string };

async function sandboxCall(sandbox: Pick<SandboxProcess, 'url' | 'token'>, method: string, urlPath: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}${urlPath}`, {
		method,
		headers: {
			authorization: `Bearer ${sandbox.token}`,
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`sandbox ${method} ${urlPath} → ${response.status}: ${text.slice(0, 500)}`);
	return { json: JSON.parse(text) as unknown, total: Number(response.headers.get('x-total') ?? Number.NaN) };
}

/** How many leads have `nameLike` in their name (x-total of a one-row page). */
export async function countLeads(sandbox: Pick<SandboxProcess, 'url' | 'token'>, nameLike: string): Promise<number> {
	const { total } = await sandboxCall(sandbox, 'POST', '/crm_leads/fetch_default', { page: 0, size: 1, n_name_like: nameLike });
	return total;
}

/** Every lead with `nameLike` in its name, paged 1,000 at a time (insertion order). */
export async function fetchLeads(sandbox: Pick<SandboxProcess, 'url' | 'token'>, nameLike: string): Promise<Lead[]> {
	const leads: Lead[] = [];
	for (let page = 0; ; page++) {
		const { json, total } = await sandboxCall(sandbox, 'POST', '/crm_leads/fetch_default', {
			page,
			size: 1000,
			n_name_like: nameLike,
			sort: 'create_date,asc',
		});
		const rows = json as Lead[];
		leads.push(...rows);
		if (rows.length < 1000 || leads.length >= total) return leads;
	}
}

/** Creates leads straight through the sandbox API (as another CRM user would). */
export async function createLeadsInSandbox(sandbox: Pick<SandboxProcess, 'url' | 'token'>, leads: readonly Record<string, unknown>[]) {
	const created: Lead[] = [];
	for (const lead of leads) created.push((await sandboxCall(sandbox, 'POST', '/crm_leads', lead)).json as Lead);
	return created;
}

/** Values that occur more than once (for "each lead exactly once" assertions). */
export function duplicates(values: readonly string[]): string[] {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const value of values) (seen.has(value) ? repeated : seen).add(value);
	return [...repeated];
}
