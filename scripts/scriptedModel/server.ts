/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The scripted model: an OpenAI-compatible HTTP server (Node's http only) whose answers are fixed
 * by test scripts. n8n's OpenAI Chat Model talks to it through an `openAiApi` credential with the
 * base URL `<url>/v1`.
 *
 *   POST /v1/chat/completions   plays the script matching the conversation (plain or SSE)
 *   GET  /v1/models             the one model it serves
 *   GET  /__requests            every request received, for assertions (?script=…&since=N)
 *
 * A request no script matches, a missing step, or a tool call that does not fit the schema n8n
 * offered is answered with HTTP 400 and an OpenAI error body: the agent then fails with that
 * message in its run data, so the test fails with the reason.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { completion, completionChunks, errorBody, modelList, type AssistantTurn, type ChatCompletionRequest, type ToolCall } from './openAi';
import { readConversation, toolCallId, type Conversation, type ModelScript, type ScriptStep } from './script';
import { toolCallProblems } from './toolArguments';

export const SCRIPTED_MODEL_ID = 'scripted-model';

export interface RecordedRequest {
	/** Position in the log (0-based), for `since`. */
	index: number;
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	/** The parsed JSON body (undefined for GET). */
	body?: ChatCompletionRequest;
	/** The script that answered, and in which turn. */
	script?: string;
	turn?: number;
	/** What the model answered (tool calls or text), or why it refused. */
	answer?: AssistantTurn;
	error?: string;
}

export interface ScriptedModelServer {
	/** e.g. http://127.0.0.1:40123 */
	url: string;
	/** The base URL for the `openAiApi` credential: `<url>/v1`. */
	baseUrl: string;
	requests: RecordedRequest[];
	stop(): Promise<void>;
}

export interface ScriptedModelOptions {
	scripts: readonly ModelScript[];
	port?: number;
	log?: (message: string) => void;
}

class ScriptError extends Error {}

/** The step the matching script plays for this conversation, with its tool calls checked. */
function play(scripts: readonly ModelScript[], conversation: Conversation): { script: ModelScript; step: ScriptStep } {
	const script = scripts.find((candidate) => candidate.matches(conversation));
	if (!script) {
		throw new ScriptError(`no script matches the prompt ${JSON.stringify(conversation.prompt.slice(0, 200))} with tools [${[...conversation.tools.keys()].join(', ')}]`);
	}
	const stepFor = script.steps[conversation.turn];
	if (!stepFor) throw new ScriptError(`script "${script.name}" has no step ${conversation.turn} (it has ${script.steps.length})`);
	let step: ScriptStep;
	try {
		step = stepFor(conversation);
	} catch (error) {
		throw new ScriptError(`script "${script.name}" step ${conversation.turn}: ${error instanceof Error ? error.message : String(error)}`);
	}
	if ('call' in step) {
		const problems = step.call.flatMap((call) => toolCallProblems(call, conversation.tools));
		if (problems.length > 0) throw new ScriptError(`script "${script.name}" step ${conversation.turn}: ${problems.join('; ')}`);
	}
	return { script, step };
}

function toAssistantTurn(step: ScriptStep, turn: number): AssistantTurn {
	if ('answer' in step) return { text: step.answer };
	const toolCalls: ToolCall[] = step.call.map((call) => ({
		id: toolCallId(turn, randomBytes(6).toString('hex')),
		type: 'function',
		function: { name: call.tool, arguments: JSON.stringify(call.arguments) },
	}));
	return { toolCalls };
}

async function readBody(request: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

function sendEvents(response: http.ServerResponse, events: object[]): void {
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
	for (const event of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
	response.end('data: [DONE]\n\n');
}

export async function startScriptedModelServer(options: ScriptedModelOptions): Promise<ScriptedModelServer> {
	const log = options.log ?? (() => undefined);
	const requests: RecordedRequest[] = [];

	const chatCompletions = (record: RecordedRequest, response: http.ServerResponse) => {
		const body = record.body;
		if (!body || !Array.isArray(body.messages)) {
			record.error = 'the body is not a chat completion request';
			sendJson(response, 400, errorBody(record.error));
			return;
		}
		const conversation = readConversation(body);
		record.turn = conversation.turn;
		try {
			const { script, step } = play(options.scripts, conversation);
			record.script = script.name;
			const reply = toAssistantTurn(step, conversation.turn);
			record.answer = reply;
			const id = String(record.index);
			if (body.stream) sendEvents(response, completionChunks(body, reply, id));
			else sendJson(response, 200, completion(body, reply, id));
		} catch (error) {
			if (!(error instanceof ScriptError)) throw error;
			record.error = `scripted model: ${error.message}`;
			log(record.error);
			sendJson(response, 400, errorBody(record.error));
		}
	};

	const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		if (request.method === 'GET' && url.pathname === '/__requests') {
			const since = Number(url.searchParams.get('since') ?? 0);
			const script = url.searchParams.get('script');
			sendJson(response, 200, {
				total: requests.length,
				requests: requests.filter((r) => r.index >= since && (!script || r.script === script)),
			});
			return;
		}
		const text = await readBody(request);
		const record: RecordedRequest = { index: requests.length, method: request.method ?? '', path: url.pathname, headers: request.headers };
		requests.push(record);
		if (text) {
			try {
				record.body = JSON.parse(text) as ChatCompletionRequest;
			} catch {
				record.error = 'the body is not JSON';
				sendJson(response, 400, errorBody(record.error));
				return;
			}
		}
		if (request.method === 'POST' && url.pathname === '/v1/chat/completions') chatCompletions(record, response);
		else if (request.method === 'GET' && url.pathname === '/v1/models') sendJson(response, 200, modelList([SCRIPTED_MODEL_ID]));
		else {
			record.error = `no route ${request.method} ${url.pathname}`;
			sendJson(response, 404, errorBody(record.error, 'not_found'));
		}
	};

	const server = http.createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			log(`scripted model crashed on ${request.method} ${request.url}: ${String(error)}`);
			if (!response.headersSent) sendJson(response, 500, errorBody(String(error), 'server_error'));
			else response.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', resolve);
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	log(`scripted model on ${url}/v1 (${options.scripts.length} scripts)`);
	return {
		url,
		baseUrl: `${url}/v1`,
		requests,
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
