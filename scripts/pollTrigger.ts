/** Polls the CRM Lead Trigger the way n8n's active-workflow manager does, with n8n-core's PollContext. */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';

import { CrmLeadTrigger } from '../nodes/CrmLeadTrigger/CrmLeadTrigger.node';
import { testAdditionalData, testWorkflow, TRIGGER_TYPE, type TestCredentials } from './runNode';

export interface TriggerHarness {
	/** One poll; returns the emitted items (empty when the poll returned nothing). */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[]>;
	staticData(): IDataObject;
	/** The same trigger (same workflow, same static data) after its parameters were edited. */
	withParameters(parameters: IDataObject): TriggerHarness;
}

/** Each harness is a trigger node of its own, as two workflows' triggers are in n8n (the poll guard tells them apart by ID). */
let harnesses = 0;

/** One active trigger: its workflow (and so its static data) lives across polls. */
export function triggerHarness(credentials: TestCredentials, parameters: IDataObject): TriggerHarness {
	const node: INode = {
		id: `crm-lead-trigger-under-test-${++harnesses}`,
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
	const harness = (current: INode): TriggerHarness => ({
		async poll(mode = 'trigger') {
			const context = new PollContext(workflow, current, additionalData, mode, 'activate');
			const result = await trigger.poll.call(context);
			return result?.[0] ?? [];
		},
		staticData: () => workflow.getStaticData('node', current),
		withParameters: (edited) => harness({ ...current, parameters: edited as INode['parameters'] }),
	});
	return harness(node);
}
