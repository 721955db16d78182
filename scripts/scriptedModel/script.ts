/**
 * What a script sees and says. A script is test data, not a model: for each turn of a
 * conversation it names the tool calls (or the final answer) the test wants, built from what n8n
 * sent — the tools it offered and the results of earlier tool calls.
 */
import type { ChatCompletionRequest, ChatMessage, OfferedTool } from './openAi';

export interface ToolResult {
	/** The tool that was called (looked up through the call id). */
	tool: string;
	/** The arguments the model called it with (as n8n replayed them). */
	arguments: Record<string, unknown>;
	/** What n8n returned as the tool's result: parsed JSON when it is JSON, else the text. */
	content: unknown;
	/** The result exactly as n8n sent it. */
	text: string;
}

/** One conversation as n8n replays it in a request. */
export interface Conversation {
	/** The last user message: the agent's prompt or the chat input. */
	prompt: string;
	/** The system message (the agent's), if any. */
	system: string;
	/** The tools n8n offered in this request, by name. */
	tools: ReadonlyMap<string, OfferedTool['function']>;
	/** Results of the tool calls since the prompt, oldest first. */
	toolResults: ToolResult[];
	/** How many times the model answered since the prompt (0 for the first request). */
	turn: number;
}

export interface ScriptedToolCall {
	tool: string;
	arguments: Record<string, unknown>;
}

/** The model's next move: call tools (several at once is allowed), or answer. */
export type ScriptStep = { call: ScriptedToolCall[] } | { answer: string };

export interface ModelScript {
	/** Shown in recorded requests and error messages. */
	name: string;
	/** Whether this script plays the conversation (e.g. a marker in the prompt, or the tools offered). */
	matches(conversation: Conversation): boolean;
	/** Turn by turn: step i answers the request in which the model already answered i times. */
	steps: Array<(conversation: Conversation) => ScriptStep>;
}

export const callTools = (...calls: ScriptedToolCall[]): ScriptStep => ({ call: calls });
export const callTool = (tool: string, args: Record<string, unknown>): ScriptStep => callTools({ tool, arguments: args });
export const answer = (text: string): ScriptStep => ({ answer: text });

export const promptIncludes =
	(marker: string) =>
	(conversation: Conversation): boolean =>
		conversation.prompt.includes(marker);

export const offersTools =
	(...names: string[]) =>
	(conversation: Conversation): boolean =>
		names.every((name) => conversation.tools.has(name));

/** The result of the latest call of `tool` (throws with what was called when there is none). */
export function lastResultOf(conversation: Conversation, tool: string): ToolResult {
	const result = [...conversation.toolResults].reverse().find((r) => r.tool === tool);
	if (!result) {
		const called = conversation.toolResults.map((r) => r.tool).join(', ') || 'nothing';
		throw new Error(`no result of ${tool} in this conversation (called: ${called})`);
	}
	return result;
}

/**
 * The records a CRM Lead tool returned: n8n sends a tool's output items as a JSON array, and the
 * JSON text `""` when the tool returned no item at all (measured with n8n 2.41: Get Many, no match).
 */
export function recordsOf(result: ToolResult): Array<Record<string, unknown>> {
	if (result.content === '') return [];
	if (!Array.isArray(result.content)) throw new Error(`${result.tool} did not return a list of records: ${result.text.slice(0, 300)}`);
	return result.content as Array<Record<string, unknown>>;
}

/** The one record the latest call of `tool` returned (Create, Get, Update). */
export function recordOf(conversation: Conversation, tool: string): Record<string, unknown> {
	const records = recordsOf(lastResultOf(conversation, tool));
	if (records.length !== 1) throw new Error(`${tool} returned ${records.length} records, expected one`);
	return records[0];
}

/**
 * The id of a tool call the model makes in answer number `turn`. n8n replays each tool call of one
 * answer as an assistant message of its own, so the turn is kept in the id to count answers.
 */
export function toolCallId(turn: number, unique: string): string {
	return `call_${turn}_${unique}`;
}

/** How many answers the assistant messages come from (several calls of one answer share a turn). */
function countAnswers(assistantMessages: ChatMessage[]): number {
	const answers = new Set<string>();
	assistantMessages.forEach((message, index) => {
		const turns = (message.tool_calls ?? []).map((call) => /^call_(\d+)_/.exec(call.id)?.[1] ?? `message ${index}`);
		for (const turn of turns.length > 0 ? turns : [`message ${index}`]) answers.add(turn);
	});
	return answers.size;
}

function text(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

function parseJson(value: string): unknown {
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

/** Reads the conversation n8n replayed in a request. */
export function readConversation(request: ChatCompletionRequest): Conversation {
	const messages = request.messages ?? [];
	const lastUser = messages.map((m) => m.role).lastIndexOf('user');
	const sincePrompt = messages.slice(lastUser + 1);
	const calls = new Map(
		sincePrompt.flatMap((m) => m.tool_calls ?? []).map((call) => [call.id, call.function] as const),
	);
	const toolResults = sincePrompt
		.filter((m) => m.role === 'tool')
		.map((m) => {
			const call = calls.get(m.tool_call_id ?? '');
			const raw = text(m.content);
			return {
				tool: call?.name ?? '(unknown call id)',
				arguments: (call ? parseJson(call.arguments) : {}) as Record<string, unknown>,
				content: parseJson(raw),
				text: raw,
			};
		});
	return {
		prompt: lastUser >= 0 ? text(messages[lastUser].content) : '',
		system: text(messages.find((m) => m.role === 'system' || m.role === 'developer')?.content),
		tools: new Map((request.tools ?? []).map((tool) => [tool.function.name, tool.function] as const)),
		toolResults,
		turn: countAnswers(sincePrompt.filter((m) => m.role === 'assistant')),
	};
}
