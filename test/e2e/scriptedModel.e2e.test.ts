/**
 * The scripted model itself (no n8n): the guarantees the agent tests lean on — a tool call that
 * does not fit the offered schema is refused with the reason, SSE carries the same tool calls as a
 * plain answer, and turns are counted the way n8n replays parallel tool calls.
 */
import type { ChatCompletionRequest, ChatMessage, OfferedTool } from '../../scripts/scriptedModel/openAi';
import { answer, callTool, callTools, promptIncludes } from '../../scripts/scriptedModel/script';
import { SCRIPTED_MODEL_ID, startScriptedModelServer, type ScriptedModelServer } from '../../scripts/scriptedModel/server';

const getLead: OfferedTool = {
	type: 'function',
	function: {
		name: 'Get_Lead',
		description: 'Get a lead in CRM Lead',
		parameters: { type: 'object', properties: { leadId: { type: 'string' } }, required: ['leadId'], additionalProperties: false },
	},
};

let server: ScriptedModelServer;
beforeAll(async () => {
	server = await startScriptedModelServer({
		scripts: [
			{ name: 'wrong arguments', matches: promptIncludes('[wrong]'), steps: [() => callTool('Get_Lead', { id: 7 })] },
			{
				name: 'two at once',
				matches: promptIncludes('[parallel]'),
				steps: [
					() => callTools({ tool: 'Get_Lead', arguments: { leadId: 'a' } }, { tool: 'Get_Lead', arguments: { leadId: 'b' } }),
					(c) => answer(`turn ${c.turn}, ${c.toolResults.length} results`),
				],
			},
		],
	});
});
afterAll(async () => await server.stop());

async function complete(prompt: string, extra: Partial<ChatCompletionRequest> = {}, history: ChatMessage[] = []) {
	return await fetch(`${server.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'any', messages: [{ role: 'user', content: prompt }, ...history], tools: [getLead], ...extra }),
	});
}

test('refuses a scripted call that does not fit the schema n8n offered, naming why', async () => {
	const response = await complete('[wrong]');
	expect(response.status).toBe(400);
	const { error } = (await response.json()) as { error: { message: string } };
	expect(error.message).toContain('required parameter leadId is missing');
	expect(error.message).toContain('unknown parameter id');
});

test('streams the same tool calls as server-sent events (stream: true)', async () => {
	const plain = (await (await complete('[parallel]')).json()) as { choices: Array<{ message: { tool_calls: Array<{ function: object }> } }> };
	const events = (await (await complete('[parallel]', { stream: true, stream_options: { include_usage: true } })).text())
		.split('\n\n')
		.filter(Boolean)
		.map((event) => event.replace(/^data: /, ''));
	expect(events.at(-1)).toBe('[DONE]');
	const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as { choices: Array<{ delta: { tool_calls?: Array<{ index: number; function: { name?: string; arguments?: string } }> }; finish_reason: string | null }>; usage?: object });
	const calls: Array<{ name: string; arguments: string }> = [];
	for (const part of chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []))) {
		calls[part.index] ??= { name: '', arguments: '' };
		calls[part.index].name += part.function.name ?? '';
		calls[part.index].arguments += part.function.arguments ?? '';
	}
	expect(calls).toEqual(plain.choices[0].message.tool_calls.map((call) => call.function));
	expect(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual(['tool_calls']);
	expect(chunks.at(-1)?.usage).toBeDefined();
});

test('counts one turn for parallel calls that n8n replays as separate assistant messages', async () => {
	const { choices } = (await (await complete('[parallel]')).json()) as { choices: Array<{ message: { tool_calls: ChatMessage['tool_calls'] } }> };
	// n8n 2.41: one assistant message per call, each followed by its result
	const replay: ChatMessage[] = (choices[0].message.tool_calls ?? []).flatMap((call) => [
		{ role: 'assistant', content: [], tool_calls: [call] },
		{ role: 'tool', tool_call_id: call.id, content: '[]' },
	]);
	const final = (await (await complete('[parallel]', {}, replay)).json()) as { choices: Array<{ message: { content: string } }> };
	expect(final.choices[0].message.content).toBe('turn 1, 2 results');
});

test('lists its model and records every request', async () => {
	const since = server.requests.length;
	const models = (await (await fetch(`${server.baseUrl}/models`)).json()) as { data: Array<{ id: string }> };
	expect(models.data.map((model) => model.id)).toEqual([SCRIPTED_MODEL_ID]);
	expect(server.requests.slice(since).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
});
