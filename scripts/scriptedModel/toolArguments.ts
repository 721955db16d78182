/**
 * A scripted tool call must fit the schema n8n offered, as a real model's would: the tool is
 * offered, every required parameter is given, no unknown one is, and each value has the declared
 * JSON type. A mismatch is a test failure with a readable reason (e.g. a renamed $fromAI key),
 * never a silently different call.
 */
import type { JsonSchemaObject, OfferedTool } from './openAi';
import type { ScriptedToolCall } from './script';

function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function typeFits(declared: JsonSchemaObject['type'], value: unknown): boolean {
	if (declared === undefined) return true;
	const actual = jsonType(value);
	return [declared].flat().some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

/** The reasons the call does not fit the offered tools (empty when it does). */
export function toolCallProblems(call: ScriptedToolCall, tools: ReadonlyMap<string, OfferedTool['function']>): string[] {
	const tool = tools.get(call.tool);
	if (!tool) return [`tool ${call.tool} is not offered (offered: ${[...tools.keys()].join(', ') || 'none'})`];
	const schema = tool.parameters ?? {};
	const properties = schema.properties ?? {};
	const problems: string[] = [];
	for (const name of schema.required ?? []) {
		if (!(name in call.arguments)) problems.push(`${call.tool}: required parameter ${name} is missing`);
	}
	for (const [name, value] of Object.entries(call.arguments)) {
		const property = properties[name];
		if (!property) {
			if (schema.additionalProperties === false) problems.push(`${call.tool}: unknown parameter ${name} (schema has ${Object.keys(properties).join(', ') || 'none'})`);
			continue;
		}
		if (!typeFits(property.type, value)) {
			problems.push(`${call.tool}: parameter ${name} must be ${String(property.type)}, the script gave ${jsonType(value)}`);
		}
	}
	return problems;
}
