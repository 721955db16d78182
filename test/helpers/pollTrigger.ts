/** The trigger harness lives in scripts/ (bench/triggerScale.ts uses it too); tests import it from here. */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { CrmLeadTrigger } from '../../nodes/CrmLeadTrigger/CrmLeadTrigger.node';
import { testAdditionalData, testWorkflow, TRIGGER_TYPE, type TestCredentials } from '../../scripts/runNode';

export { triggerHarness, type TriggerHarness } from '../../scripts/pollTrigger';

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
