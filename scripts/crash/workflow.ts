/**
 * The workflow the crash run publishes: CRM Lead Trigger (Lead Created, leads named `crash-…`,
 * polled every 10 s) → an HTTP Request that reports each lead and its execution to the recorder.
 */
import type { WorkflowJson } from '../e2e/n8n';
import { PACKAGE_NAME } from '../e2e/paths';
import { SANDBOX_CREDENTIAL } from '../e2e/workflows';

export const CRASH_WORKFLOW_ID = 'crashTrigger0001';
export const TRIGGER_NODE = 'CRM Lead Trigger';
export const RECORD_NODE = 'Record';
export const LEAD_PREFIX = 'crash-';

/**
 * n8n 2.41.1 refuses a poll time with a sub-minute seconds field (`*\/10 * * * * *`:
 * "The polling interval is too short"), but takes several fixed-second cron items: six of them
 * poll every 10 s, in the in-memory engine and the durable scheduler alike.
 */
export const EVERY_10_SECONDS = [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` }));

export function crashWorkflow(recorderUrl: string): WorkflowJson {
	return {
		id: CRASH_WORKFLOW_ID,
		name: 'Crash test: CRM Lead Trigger → record each lead',
		active: true,
		nodes: [
			{
				id: '3f6b2c10-0a1b-4c2d-9e3f-00000000c001',
				name: TRIGGER_NODE,
				type: `${PACKAGE_NAME}.crmLeadTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: EVERY_10_SECONDS },
					event: 'created',
					filters: { n_name_like: LEAD_PREFIX },
					simplify: true,
					options: {},
				},
				credentials: { crmLeadApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
			},
			{
				id: '3f6b2c10-0a1b-4c2d-9e3f-00000000c002',
				name: RECORD_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: recorderUrl,
					sendBody: true,
					contentType: 'json',
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ id: $json.id, execution: $execution.id }) }}',
					options: {},
				},
			},
		],
		connections: {
			[TRIGGER_NODE]: { main: [[{ node: RECORD_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
