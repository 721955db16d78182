/**
 * The n8n settings the crash test compares (docs/durable-cursors.md explains what each does in
 * n8n 2.41.1, with the source files it was read from).
 */
import type { Env } from '../e2e/proc';

export type CursorMode = 'durable' | 'static-data';

/**
 * Durable poll cursors: n8n keeps the trigger's cursor in its own table and commits it in one
 * transaction with the execution the poll starts. All four are needed; with any one missing n8n
 * warns at start and keeps the cursor in the workflow's static data.
 */
export const DURABLE_CURSOR_ENV: Env = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/** n8n's defaults: the in-memory poll engine, the cursor in the workflow's static data. */
export const STATIC_DATA_ENV: Env = {
	N8N_SCHEDULER_ENABLED: 'false',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'false',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'false',
};

export function cursorEnv(mode: CursorMode): Env {
	return mode === 'durable' ? DURABLE_CURSOR_ENV : STATIC_DATA_ENV;
}

/**
 * What the test adds whatever the mode: executions stay in n8n's list whatever their outcome
 * (they are what the test counts), and a crashed workflow is never switched off by n8n.
 */
export const COMMON_ENV: Env = {
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_PRUNE: 'false',
	N8N_WORKFLOW_AUTODEACTIVATION_ENABLED: 'false',
};
