/**
 * n8n's *Test connection* for the CRM Lead API credential, run the way n8n 2.41's
 * CredentialsTester.runRequestTest does it (`n8n/dist/services/credentials-tester.service.js`):
 * a temporary node whose only property routes the credential's `test.request`, executed by
 * n8n-core's own RoutingNode in an ExecuteContext — so the request goes through n8n-core's
 * httpRequestWithAuthentication, the credential's preAuthentication (login) and authenticate() —
 * and the same reading of a failure: a `responseCode` rule's message, the status text, the
 * network error code, or the error's message.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, INode, INodeType, INodeTypes, IRunExecutionData } from 'n8n-workflow';
import { Workflow, createEmptyRunExecutionData } from 'n8n-workflow';

import { CrmLeadApi } from '../../credentials/CrmLeadApi.credentials';
import { testAdditionalData, TestCredentialsHelper, type TestCredentials } from '../../scripts/runNode';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface FailedTest {
	message?: unknown;
	cause?: { code?: unknown; response?: { status?: number; statusText?: string } };
}

export async function testCredential(credentials: TestCredentials | TestCredentialsHelper): Promise<CredentialTestResult> {
	const credentialType = new CrmLeadApi();
	const store =
		credentials instanceof TestCredentialsHelper
			? credentials
			: new TestCredentialsHelper({ timeZone: 'Asia/Shanghai', ...credentials } as unknown as ICredentialDataDecryptedObject);
	const decrypted: ICredentialsDecrypted = { id: 'test-credential', name: 'CRM Lead test', type: credentialType.name, data: await store.getDecrypted() };
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: 'the temporary node of a credential test',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'test-credential', name: 'CRM Lead test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = testAdditionalData(store);
	const runExecutionData: IRunExecutionData = createEmptyRunExecutionData();
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	try {
		await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (thrown) {
		const error = thrown as FailedTest;
		const response = error.cause?.response;
		if (response) {
			const rule = credentialType.test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === response.status);
			if (rule && rule.type === 'responseCode') return { status: 'Error', message: rule.properties.message };
			if ((response.status ?? 0) < 199 || (response.status ?? 0) > 299) {
				return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: String(error.cause.code) };
		}
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
