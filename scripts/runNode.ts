/**
 * Runs the CRM Lead node the way n8n does: a Workflow executed by n8n-core's WorkflowExecute,
 * with n8n-core's real request helpers (real HTTP to the sandbox). Only the credential store is
 * ours: it hands out the test credential and applies the credential type's own authenticate().
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
} from 'n8n-workflow';
import { ICredentialsHelper, LoggerProxy, NodeHelpers, Workflow } from 'n8n-workflow';

import { CrmLeadApi } from '../credentials/CrmLeadApi.credentials';
import { CrmLead } from '../nodes/CrmLead/CrmLead.node';
import { CrmLeadTrigger } from '../nodes/CrmLeadTrigger/CrmLeadTrigger.node';

export const NODE_TYPE = 'n8n-nodes-crm-lead.crmLead';

// n8n-core logs node errors through LoggerProxy; the tests assert on them instead of printing them.
const silent = () => {};
LoggerProxy.init({ error: silent, warn: silent, info: silent, debug: silent } as never);
const credentialType = new CrmLeadApi();

export interface TestCredentials {
	baseUrl: string;
	accessToken?: string;
	authentication?: 'accessToken' | 'password';
	username?: string;
	password?: string;
	domain?: string;
	loginPath?: string;
	rememberMe?: boolean;
	systemId?: string;
	orgId?: string;
	authHeaderName?: string;
	authHeaderPrefix?: string;
	/** What n8n stored from the last login (the expirable hidden property). */
	sessionToken?: string;
	timeZone?: string;
	ignoreSslIssues?: boolean;
}

/**
 * n8n's credential store and helper, as far as a node run uses them: decrypted data, authenticate(),
 * and preAuthentication() as n8n's CredentialsHelper does it (log in when the expirable property is
 * empty or a request answered 401, then persist the new token). Pass the same store to several runs
 * to see a token reused across executions.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every token a login returned (tests assert none of them leaks). */
	readonly tokens: string[] = [];

	constructor(readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
		return await credentialType.authenticate(credentials, options);
	}
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		_node: INode,
		expired: boolean,
	) {
		const expirable = credentialType.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || !credentialType.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !expired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.tokens.push(String(output[expirable.name]));
		Object.assign(this.data, output);
		return Object.assign(credentials, output);
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}
	async getDecrypted() {
		return { ...this.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export const TRIGGER_TYPE = 'n8n-nodes-crm-lead.crmLeadTrigger';
const types: Record<string, INodeType | IVersionedNodeType> = {
	[NODE_TYPE]: new CrmLead(),
	[TRIGGER_TYPE]: new CrmLeadTrigger(),
};

/** Makes another node type runnable by runNode (the benchmark's baseline node uses it). */
export function registerNodeType(name: string, type: INodeType): void {
	types[name] = type;
}
export const nodeTypes: INodeTypes = {
	getByName: (name) => types[name],
	getByNameAndVersion: (name, version): INodeType => NodeHelpers.getVersionedNodeType(types[name], version),
	getKnownTypes: () => ({}),
};

/** What n8n hands an execution besides the workflow: here, the test credential and no-op services. */
export function testAdditionalData(
	credentials: TestCredentials | TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper:
			credentials instanceof TestCredentialsHelper
				? credentials
				: new TestCredentialsHelper({ timeZone: 'Asia/Shanghai', ...credentials } as unknown as ICredentialDataDecryptedObject),
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		variables: {},
		userId: 'test-user',
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunnerStatus: () => ({ available: false, reason: 'test' }),
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A one-node workflow around `node`, as n8n would build it from the saved workflow. */
export function testWorkflow(node: INode, timezone = 'UTC'): { workflow: Workflow; workflowData: IWorkflowBase } {
	const workflowData = {
		id: 'test-workflow',
		name: 'CRM Lead test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		settings: { timezone },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		active: false,
		settings: workflowData.settings,
	});
	return { workflow, workflowData };
}

export interface RunOptions {
	/** A credential, or a store shared by several runs (see TestCredentialsHelper). */
	credentials: TestCredentials | TestCredentialsHelper;
	/** Node parameters as in a workflow file (loosely typed on purpose: tests build them inline). */
	parameters: Record<string, unknown>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	/** Defaults to the CRM Lead node. */
	nodeType?: string;
	/** Node version; the existing suites run version 1 as saved workflows do, resource mapper tests 2. */
	typeVersion?: number;
	/** Stops the execution when aborted, as n8n's Stop button does (WorkflowExecute's cancel). */
	signal?: AbortSignal;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
}

/** Executes one CRM Lead node with the given input items and returns its output (or its error). */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'crm-lead-under-test',
		name: 'CRM Lead',
		type: options.nodeType ?? NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters as INodeParameters,
		credentials: { crmLeadApi: { id: 'test-credential', name: 'CRM Lead test' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const { workflow, workflowData } = testWorkflow(node, options.timezone);

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = testAdditionalData(options.credentials, hooks);

	const runExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	options.signal?.addEventListener('abort', () => execution.cancel(), { once: true });
	// A cancelled execution's promise never settles (n8n cancels without rejecting); its end is the hook.
	await Promise.race([execution, finished]);
	const run = await finished;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: taskData?.error ?? run.data.resultData.error,
		run,
	};
}
