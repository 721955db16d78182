/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * n8n's internal REST API (what the editor uses), cookie-authenticated: owner setup, login,
 * manual workflow runs and their run data. A manual run through a running server takes about
 * 0.3 s, against 5–7 s for `n8n execute`.
 */
import { N8N_MAJOR } from './paths';
import { sleep } from './proc';
import { parseRestExecution, type BinaryMeta, type ExecutionResult } from './runData';
import type { TriggerItems } from './triggerEvents';
import type { WorkflowJson } from './n8n';

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The demo/test owner (n8n wants 8+ characters, a digit and an upper-case letter). */
export const DEFAULT_OWNER: OwnerAccount = {
	email: 'demo@example.com',
	password: 'CrmLead-Demo-2024',
	firstName: 'Demo',
	lastName: 'Owner',
};

export interface RestResponse<T = unknown> {
	status: number;
	text: string;
	json: T;
}

export class N8nRestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
		this.name = 'N8nRestError';
	}
}

const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

/** GET /rest/workflows/:id/publication-status (n8n 2.41). */
interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class N8nRestClient {
	private cookie: string | undefined;

	constructor(readonly baseUrl: string) {}

	/** The auth cookie (`n8n-auth=…`), e.g. to hand to a browser. */
	get authCookie(): string | undefined {
		return this.cookie;
	}

	/** Creates the instance owner (only possible once per instance) and keeps its session. */
	static async setupOwner(baseUrl: string, owner: OwnerAccount = DEFAULT_OWNER): Promise<N8nRestClient> {
		const client = new N8nRestClient(baseUrl);
		await client.request('POST', '/rest/owner/setup', owner);
		return client;
	}

	static async login(baseUrl: string, owner: OwnerAccount = DEFAULT_OWNER): Promise<N8nRestClient> {
		const client = new N8nRestClient(baseUrl);
		await client.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		return client;
	}

	/** Logs in, or sets the owner up first when the instance has none yet. */
	static async ownerSession(baseUrl: string, owner: OwnerAccount = DEFAULT_OWNER): Promise<N8nRestClient> {
		try {
			return await N8nRestClient.login(baseUrl, owner);
		} catch (error) {
			if (error instanceof N8nRestError && error.status === 401) {
				return await N8nRestClient.setupOwner(baseUrl, owner);
			}
			throw error;
		}
	}

	async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<RestResponse<T>> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const send = async () =>
			await fetch(`${this.baseUrl}${urlPath}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
		let response: Response | undefined;
		for (let attempt = 1; !response; attempt++) {
			try {
				response = await send();
			} catch (error) {
				// A kept-alive connection n8n had already closed (its 5 s idle timeout): the request never
				// reached n8n, so it is sent again. Seen on a test file's first call.
				if (!isClosedConnection(error) || attempt >= 3) throw error;
			}
		}
		const auth = response.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0])
			.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await response.text();
		if (!response.ok) {
			throw new N8nRestError(`${method} ${urlPath} → ${response.status}: ${text.slice(0, 1000)}`, response.status, text);
		}
		let json: unknown = undefined;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json: json as T };
	}

	/**
	 * The bytes of a binary property from run data: inline base64 when n8n kept it in memory,
	 * otherwise downloaded from n8n's binary-data store (GET /rest/binary-data?id=…).
	 */
	async binaryData(meta: BinaryMeta): Promise<Buffer> {
		if (typeof meta.id !== 'string' || meta.id === '') {
			if (typeof meta.data === 'string' && meta.data !== '') return Buffer.from(meta.data, 'base64');
			throw new Error('binary property has neither an id nor inline data');
		}
		const response = await fetch(
			`${this.baseUrl}/rest/binary-data?id=${encodeURIComponent(meta.id)}&action=download`,
			{ headers: this.cookie ? { cookie: this.cookie } : {}, signal: AbortSignal.timeout(60_000) },
		);
		if (!response.ok) throw new N8nRestError(`binary data ${meta.id} → ${response.status}`, response.status, '');
		return Buffer.from(await response.arrayBuffer());
	}

	/** Stores a new workflow and returns its ID (n8n 1.x refuses one without `active`). */
	async createWorkflow(workflow: Record<string, unknown>): Promise<string> {
		const body = { ...(N8N_MAJOR === 1 ? { active: false } : {}), ...workflow };
		const { json } = await this.request<{ data: { id: string } }>('POST', '/rest/workflows', body);
		return json.data.id;
	}

	async getWorkflow(workflowId: string): Promise<WorkflowJson> {
		const { json } = await this.request<{ data: WorkflowJson }>('GET', `/rest/workflows/${workflowId}`);
		return json.data;
	}

	/**
	 * Publishes a stored workflow (the editor's "Publish"; "activate" in n8n 1.x), so its triggers
	 * listen on their production URLs, e.g. an MCP Server Trigger's /mcp/<path>. n8n 2.41 applies a
	 * publication in the background (an outbox), so this waits until its triggers are live.
	 */
	async publishWorkflow(workflowId: string, timeoutMs = 30_000): Promise<void> {
		const { versionId } = await this.getWorkflow(workflowId);
		await this.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
		if (N8N_MAJOR === 1) return; // n8n 1.x activates in the request itself (no publication outbox)
		const deadline = Date.now() + timeoutMs;
		let status: PublicationStatus | undefined;
		while (Date.now() < deadline) {
			({ json: { data: status } } = await this.request<{ data: PublicationStatus }>(
				'GET',
				`/rest/workflows/${workflowId}/publication-status`,
			));
			if (status.status === 'published') return;
			if (status.status === 'failed' || status.status === 'partial') break;
			await sleep(100);
		}
		throw new Error(`Workflow ${workflowId} was not published: ${JSON.stringify(status)}`);
	}

	/**
	 * Runs a stored workflow manually (as the editor's "Execute workflow" button does) and waits
	 * for it to finish. Starts from `triggerName`, by default the workflow's Manual Trigger.
	 * `triggerItems` become the trigger's output instead of waiting for an event, as the editor's
	 * chat panel does for a Chat Trigger.
	 */
	async runWorkflow(
		workflowId: string,
		options: { triggerName?: string; timeoutMs?: number; pollIntervalMs?: number; triggerItems?: TriggerItems } = {},
	): Promise<ExecutionResult> {
		const started = Date.now();
		const workflow = await this.getWorkflow(workflowId);
		const triggerName = options.triggerName ?? startNodeName(workflow);
		const data = options.triggerItems && {
			startTime: Date.now(),
			executionTime: 0,
			executionIndex: 0,
			source: [],
			data: { main: [options.triggerItems] },
		};
		const { json } = await this.request<{ data: { executionId?: string; waitingForWebhook?: boolean } }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			{
				// n8n 1.x needs workflowData next to triggerToStartFrom (runManually fails without it).
				// 2.x gets none: it runs what it has stored, not a draft the editor may have autosaved.
				...(N8N_MAJOR === 1 ? { workflowData: workflow } : {}),
				triggerToStartFrom: { name: triggerName, ...(data ? { data } : {}) },
			},
		);
		const executionId = json.data.executionId;
		if (!executionId) {
			throw new Error(`Workflow ${workflowId} did not start (answer: ${JSON.stringify(json.data)})`);
		}
		const result = await this.waitForExecution(
			workflowId,
			executionId,
			options.timeoutMs ?? 120_000,
			options.pollIntervalMs,
		);
		result.durationMs = Date.now() - started;
		return result;
	}

	/**
	 * Polls GET /rest/executions/:id until the execution has a final status. Each poll costs n8n's
	 * main thread some work, so a benchmark polls less often than a test.
	 */
	async waitForExecution(
		workflowId: string,
		executionId: string,
		timeoutMs = 120_000,
		pollIntervalMs = 100,
	): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			try {
				const { text } = await this.request('GET', `/rest/executions/${executionId}`);
				const result = parseRestExecution(workflowId, text);
				// n8n 1.x may mark an execution finished a moment before its run data is stored
				// (seen with binary data): a finished run always has its start node's data.
				const stored = Object.keys(result.runData).length > 0 || result.error !== undefined;
				if ((result.finished || FINAL_STATUSES.has(result.status)) && stored) return result;
				last = result.status;
			} catch (error) {
				// A poll that could not connect (n8n's main thread or its database busy with a large
				// execution) says nothing about the execution: poll again until the deadline.
				if (error instanceof TypeError && error.message === 'fetch failed') last = `poll failed (${String((error.cause as Error | undefined)?.message ?? 'no cause')})`;
				else if (!(error instanceof N8nRestError && error.status === 404)) throw error;
				else last = 'not stored yet';
			}
			await sleep(pollIntervalMs);
		}
		throw new Error(`Execution ${executionId} of workflow ${workflowId} did not finish within ${timeoutMs} ms (${last})`);
	}
}

function isClosedConnection(error: unknown): boolean {
	// By name, not instanceof: in a jest test, fetch's TypeError comes from Node's realm, not the test's.
	const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
	return (error as Error | undefined)?.name === 'TypeError' && (error as Error).message === 'fetch failed' && (cause?.code === 'UND_ERR_SOCKET' || cause?.message === 'other side closed');
}

/** The node a manual run starts from: the Manual Trigger, else the first node without inputs. */
export function startNodeName(workflow: WorkflowJson): string {
	const manual = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (manual) return manual.name;
	const targets = new Set<string>();
	for (const outputs of Object.values(workflow.connections)) {
		for (const branches of Object.values(outputs as Record<string, Array<Array<{ node: string }> | null>>)) {
			for (const branch of branches) for (const connection of branch ?? []) targets.add(connection.node);
		}
	}
	const first = workflow.nodes.find((node) => !targets.has(node.name) && !node.type.endsWith('.stickyNote'));
	if (!first) throw new Error(`Workflow ${workflow.name} has no start node`);
	return first.name;
}
