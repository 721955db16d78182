/** Polls the CRM Lead Trigger the way n8n's active-workflow manager does, with n8n-core's PollContext. */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';

import { CrmLeadTrigger } from '../../nodes/CrmLeadTrigger/CrmLeadTrigger.node';
import { testAdditionalData, testWorkflow, TRIGGER_TYPE, type TestCredentials } from '../../scripts/runNode';

export interface TriggerHarness {
	/** One poll; returns the emitted items (empty when the poll returned nothing). */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[]>;
	staticData(): IDataObject;
}

/** One active trigger: its workflow (and so its static data) lives across polls. */
export function triggerHarness(credentials: TestCredentials, parameters: IDataObject): TriggerHarness {
	const node: INode = {
		id: 'crm-lead-trigger-under-test',
		name: 'CRM Lead Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { crmLeadApi: { id: 'test-credential', name: 'CRM Lead test' } },
	};
	const { workflow } = testWorkflow(node);
	const trigger = new CrmLeadTrigger();
	const additionalData = testAdditionalData(credentials);
	return {
		async poll(mode = 'trigger') {
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			const result = await trigger.poll.call(context);
			return result?.[0] ?? [];
		},
		staticData: () => workflow.getStaticData('node', node),
	};
}

export interface CursorTrigger {
	/**
	 * Starts one poll the way n8n 2.41's durable poll cursors run it: on its own copy of the
	 * committed cursor, taken when the poll starts (synchronously, so two polls started back to
	 * back read the same cursor). When the poll has returned, its copy is committed if the poll
	 * changed it — last writer wins, as n8n's cursor update does. Resolves with the emitted items.
	 */
	poll(): Promise<INodeExecutionData[]>;
	/** Takes the poll's copy of the cursor now and returns the poll, to be run later (on a copy that may be stale by then). */
	prepare(): () => Promise<INodeExecutionData[]>;
	/** The committed cursor (the node's static data). */
	committed(): IDataObject;
}

/** One active trigger whose static data lives in n8n's durable cursor table (PollCursorService). */
export function cursorTriggerHarness(credentials: TestCredentials, parameters: IDataObject): CursorTrigger {
	const node: INode = {
		id: 'crm-lead-trigger-under-test',
		name: 'CRM Lead Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { crmLeadApi: { id: 'test-credential', name: 'CRM Lead test' } },
	};
	const { workflow } = testWorkflow(node);
	const trigger = new CrmLeadTrigger();
	const additionalData = testAdditionalData(credentials);
	let committed: IDataObject = {};
	const prepare = () => {
		const seed = JSON.stringify(committed);
		const snapshot = JSON.parse(seed) as IDataObject;
		return async () => {
			const context = new PollContext(workflow, node, additionalData, 'trigger', 'activate', undefined, undefined, undefined, undefined, () => snapshot);
			const result = await trigger.poll.call(context);
			if (JSON.stringify(snapshot) !== seed) committed = snapshot;
			return result?.[0] ?? [];
		};
	};
	return {
		poll: async () => await prepare()(),
		prepare,
		committed: () => committed,
	};
}
