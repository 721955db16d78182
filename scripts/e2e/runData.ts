/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** The run data of an n8n execution, from the REST API or from `n8n execute --rawOutput`. */
import { createRequire } from 'node:module';
import path from 'node:path';

import { N8N_RUNTIME_DIR } from './paths';
import type { RunResult } from './proc';

export interface NodeErrorJson {
	message?: string;
	description?: string | null;
	httpCode?: string | null;
	name?: string;
	node?: { name?: string; type?: string };
	context?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface BinaryMeta {
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
	id?: string;
	data?: string;
	[key: string]: unknown;
}

export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryMeta>;
	pairedItem?: unknown;
	error?: NodeErrorJson;
}

export interface TaskData {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	data?: Record<string, Array<OutputItem[] | null>>;
	error?: NodeErrorJson;
	[key: string]: unknown;
}

export interface ExecutionResult {
	workflowId: string;
	executionId?: string;
	/** 'success' | 'error' | 'crashed' | 'canceled' | … */
	status: string;
	finished: boolean;
	/** The workflow-level error (the failing node's error when a node stopped the run). */
	error?: NodeErrorJson;
	lastNodeExecuted?: string;
	runData: Record<string, TaskData[]>;
	/** The text the data was parsed from (search it for secrets). */
	raw: string;
	durationMs?: number;
	/** n8n's own start and stop times of the execution (REST only), ISO strings. */
	startedAt?: string;
	stoppedAt?: string;
}

interface RunExecutionData {
	resultData?: {
		runData?: Record<string, TaskData[]>;
		error?: NodeErrorJson;
		lastNodeExecuted?: string;
	};
}

/** flatted (n8n's serializer for stored execution data), from n8n's own install. */
export function flattedParse(text: string): unknown {
	const requireFromN8n = createRequire(path.join(N8N_RUNTIME_DIR, 'node_modules', 'n8n', 'package.json'));
	const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
	return flatted.parse(text);
}

/** Parses the body of GET /rest/executions/:id (`data` is flatted text). */
export function parseRestExecution(workflowId: string, body: string): ExecutionResult {
	const { data: execution } = JSON.parse(body) as {
		data: {
			id: string;
			status: string;
			finished: boolean;
			startedAt?: string | null;
			stoppedAt?: string | null;
			data?: string | RunExecutionData | null;
		};
	};
	// While an execution runs, its data may not be stored yet.
	const data = ((typeof execution.data === 'string' ? flattedParse(execution.data) : execution.data) ??
		{}) as RunExecutionData;
	return {
		workflowId,
		executionId: String(execution.id),
		status: execution.status,
		finished: execution.finished,
		error: data.resultData?.error,
		lastNodeExecuted: data.resultData?.lastNodeExecuted,
		runData: data.resultData?.runData ?? {},
		raw: body,
		startedAt: execution.startedAt ?? undefined,
		stoppedAt: execution.stoppedAt ?? undefined,
	};
}

/**
 * Parses `n8n execute --rawOutput`. On success stdout holds banner lines and then the IRun as
 * pretty JSON; on failure n8n logs "Execution was NOT successful" and the IRun through its
 * logger, then exits 1.
 */
export function parseCliExecutionOutput(workflowId: string, result: RunResult): ExecutionResult {
	const text = `${result.stdout}\n${result.stderr}`;
	const run = extractJsonObject(text) as
		| { data?: RunExecutionData; status?: string; finished?: boolean }
		| undefined;
	if (!run?.data) {
		return {
			workflowId,
			status: result.code === 0 ? 'unknown' : 'error',
			finished: false,
			error: { message: `n8n execute exited with ${result.code ?? result.signal}: ${text.slice(-2000)}` },
			runData: {},
			raw: text,
			durationMs: result.ms,
		};
	}
	const error = run.data.resultData?.error;
	return {
		workflowId,
		status: run.status ?? (error ? 'error' : 'success'),
		finished: run.finished ?? !error,
		error,
		lastNodeExecuted: run.data.resultData?.lastNodeExecuted,
		runData: run.data.resultData?.runData ?? {},
		raw: text,
		durationMs: result.ms,
	};
}

/** The first top-level `{ … }` block that starts on a line of its own and parses as JSON. */
function extractJsonObject(text: string): unknown {
	const lines = text.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trim() !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// keep looking for the matching brace
			}
		}
	}
	return undefined;
}

export interface ItemSelector {
	/** Which run of the node (default 0; > 0 for loops). */
	run?: number;
	/** Which output (default 0; e.g. 1 for an IF's false branch, or the error output). */
	output?: number;
	/** Connection type (default 'main'). */
	connection?: string;
}

/** The items a node emitted. Throws when the node did not run. */
export function nodeOutput(result: ExecutionResult, nodeName: string, selector: ItemSelector = {}): OutputItem[] {
	const runs = result.runData[nodeName];
	if (!runs) {
		throw new Error(`Node "${nodeName}" did not run. Ran: ${Object.keys(result.runData).join(', ') || 'nothing'}`);
	}
	const task = runs[selector.run ?? 0];
	if (!task) throw new Error(`Node "${nodeName}" has no run #${selector.run ?? 0}`);
	return task.data?.[selector.connection ?? 'main']?.[selector.output ?? 0] ?? [];
}

/** The `json` of each item a node emitted. */
export function nodeJson(result: ExecutionResult, nodeName: string, selector: ItemSelector = {}) {
	return nodeOutput(result, nodeName, selector).map((item) => item.json);
}

/** The error a node stopped with (undefined when it succeeded). */
export function nodeError(result: ExecutionResult, nodeName: string, run = 0): NodeErrorJson | undefined {
	return result.runData[nodeName]?.[run]?.error;
}

/** A short human summary for assertion messages. */
export function summarize(result: ExecutionResult): string {
	const nodes = Object.entries(result.runData).map(([name, runs]) => {
		const task = runs[runs.length - 1];
		const count = task?.data?.main?.[0]?.length ?? 0;
		return `  ${name}: ${task?.executionStatus ?? '?'}, ${count} item(s)${task?.error ? ` — ${task.error.message}` : ''}`;
	});
	return [
		`workflow ${result.workflowId} execution ${result.executionId ?? '(cli)'}: ${result.status}`,
		result.error ? `  error: ${result.error.message}${result.error.description ? ` — ${result.error.description}` : ''}` : '',
		...nodes,
	]
		.filter(Boolean)
		.join('\n');
}

/** Throws with the summary unless the execution succeeded. */
export function assertSuccess(result: ExecutionResult): ExecutionResult {
	if (result.status !== 'success') throw new Error(`Execution did not succeed:\n${summarize(result)}`);
	return result;
}
