/**
 * The part of OpenAI's Chat Completions wire format the scripted model speaks: what n8n's
 * OpenAI Chat Model (LangChain's ChatOpenAI) sends, and the answers it understands, plain and as
 * server-sent events (`stream: true`).
 */

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
	/** n8n replays its own assistant turns with `content: []`; user content may be parts. */
	content?: string | null | Array<{ type?: string; text?: string }>;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
	name?: string;
}

/** A JSON-Schema object as n8n sends it for a tool's parameters. */
export interface JsonSchemaObject {
	type?: string | string[];
	properties?: Record<string, JsonSchemaObject & { description?: string }>;
	required?: string[];
	additionalProperties?: boolean | JsonSchemaObject;
	[key: string]: unknown;
}

export interface OfferedTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: JsonSchemaObject; strict?: boolean };
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
	[key: string]: unknown;
}

/** What the model says in one turn: tool calls, or a final text. */
export type AssistantTurn = { toolCalls: ToolCall[] } | { text: string };

const COMPLETION_ID_PREFIX = 'chatcmpl-scripted-';

function usage(request: ChatCompletionRequest, turn: AssistantTurn) {
	// Rough but stable numbers: n8n shows token usage; nothing depends on their exact value.
	const promptTokens = Math.ceil(JSON.stringify(request.messages).length / 4);
	const completionTokens = Math.ceil(JSON.stringify(turn).length / 4);
	return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

function finishReason(turn: AssistantTurn): 'tool_calls' | 'stop' {
	return 'toolCalls' in turn ? 'tool_calls' : 'stop';
}

/** The answer to a `stream: false` request. */
export function completion(request: ChatCompletionRequest, turn: AssistantTurn, id: string) {
	const message =
		'toolCalls' in turn
			? { role: 'assistant', content: null, tool_calls: turn.toolCalls }
			: { role: 'assistant', content: turn.text };
	return {
		id: `${COMPLETION_ID_PREFIX}${id}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(turn) }],
		usage: usage(request, turn),
	};
}

/**
 * The chunks of a `stream: true` answer, in order (each becomes one `data:` event, then
 * `data: [DONE]`): the role, the content or each tool call (name first, arguments after, as
 * OpenAI streams them), the finish reason, and the usage when the client asked for it.
 */
export function completionChunks(request: ChatCompletionRequest, turn: AssistantTurn, id: string): object[] {
	const base = { id: `${COMPLETION_ID_PREFIX}${id}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: request.model };
	const chunk = (delta: object, finish: string | null = null) => ({
		...base,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
	});
	const deltas: object[] =
		'toolCalls' in turn
			? turn.toolCalls.flatMap((call, index) => [
					{ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] },
					{ tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
				])
			: [{ content: turn.text }];
	const chunks: object[] = [chunk({ role: 'assistant', content: '' }), ...deltas.map((delta) => chunk(delta)), chunk({}, finishReason(turn))];
	if (request.stream_options?.include_usage) chunks.push({ ...base, choices: [], usage: usage(request, turn) });
	return chunks;
}

/** The model list (`GET /v1/models`; n8n asks for it when testing the credential and in the model picker). */
export function modelList(modelIds: readonly string[]) {
	return {
		object: 'list',
		data: modelIds.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'n8n-nodes-crm-lead-tests' })),
	};
}

/** An error body the OpenAI client turns into a readable error (it ends up in n8n's run data). */
export function errorBody(message: string, type = 'invalid_request_error') {
	return { error: { message, type, param: null, code: null } };
}
