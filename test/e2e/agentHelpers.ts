/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * What the agent, MCP and AI-example tests share: running an agent workflow with what n8n sent
 * the scripted model, the tool schemas n8n offers for CRM Lead tool nodes, the runs of those tool
 * nodes, and that no secret leaks. Assertions on descriptions are about structure (a description
 * exists, names the operation and leads), not wording: the node's texts are being rewritten.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SCRIPTED_MODEL_API_KEY } from '../../scripts/e2e/chatModelCredential';
import { ARTIFACTS_DIR } from '../../scripts/e2e/paths';
import { assertSuccess, type ExecutionResult, type NodeErrorJson } from '../../scripts/e2e/runData';
import { e2eState, runWorkflow, scriptedModel } from './helpers';
import { offeredTools } from '../../scripts/scriptedModel/client';
import type { JsonSchemaObject } from '../../scripts/scriptedModel/openAi';
import type { RecordedRequest } from '../../scripts/scriptedModel/server';

/** Runs an agent workflow to success; returns its run data and the requests n8n sent the model. */
export async function runAgent(
	workflowId: string,
	options: Parameters<typeof runWorkflow>[1] & { expectSuccess?: boolean } = {},
): Promise<{ result: ExecutionResult; requests: RecordedRequest[] }> {
	const { expectSuccess = true, ...runOptions } = options;
	const since = await scriptedModel().mark();
	const result = await runWorkflow(workflowId, runOptions);
	if (expectSuccess) assertSuccess(result);
	return { result, requests: await scriptedModel().requests({ since }) };
}

/** The tools of a model request as ToolSchemas. */
export function modelTools(request: RecordedRequest): ToolSchema[] {
	return [...offeredTools(request).values()].map((tool) => ({ name: tool.name, description: tool.description, schema: tool.parameters }));
}

/** What n8n sent the model, minus the model's own API key header (that one belongs there). */
export function modelTraffic(requests: readonly RecordedRequest[]): string {
	return JSON.stringify(
		requests.map((request) => {
			const headers = { ...request.headers };
			delete headers.authorization;
			return { ...request, headers };
		}),
	);
}

/** A tool as the model or an MCP client sees it. */
export interface ToolSchema {
	name: string;
	description?: string;
	/** `parameters` for the OpenAI API, `inputSchema` for MCP. */
	schema?: JsonSchemaObject;
}

export interface ExpectedTool {
	/** The CRM Lead tool node's name in the workflow. */
	node: string;
	/** The operation the description must name, e.g. /create/i. */
	operation: RegExp;
	/** The $fromAI keys without a default value. */
	required: string[];
	/** The $fromAI keys with a default value. */
	optional?: string[];
}

/** The tool name n8n derives from a node name (nodeNameToToolName: spaces become _). */
export const toolName = (nodeName: string): string => nodeName.replace(/ /g, '_');

/** Every expected tool is offered, with a useful description and exactly the $fromAI parameters. */
export function expectToolSchemas(offered: readonly ToolSchema[], expected: readonly ExpectedTool[]): void {
	expect(offered.map((tool) => tool.name).sort()).toEqual(expected.map((tool) => toolName(tool.node)).sort());
	for (const want of expected) {
		const tool = offered.find((candidate) => candidate.name === toolName(want.node));
		const properties = tool?.schema?.properties ?? {};
		expect({ tool: tool?.name, description: tool?.description }).toEqual({
			tool: toolName(want.node),
			description: expect.stringMatching(want.operation),
		});
		expect(tool?.description).toMatch(/lead/i);
		expect(tool?.schema?.type).toBe('object');
		expect([...(tool?.schema?.required ?? [])].sort()).toEqual([...want.required].sort());
		expect(Object.keys(properties).sort()).toEqual([...want.required, ...(want.optional ?? [])].sort());
		for (const [name, property] of Object.entries(properties)) {
			// the $fromAI description is the only guidance the model gets per parameter
			expect({ parameter: name, description: typeof property.description }).toEqual({ parameter: name, description: 'string' });
		}
	}
}

export interface ToolRun {
	/** What the model called the tool with (`inputOverride`, as the editor shows it). */
	input: Record<string, unknown>;
	/** The items the node returned to the agent. */
	output: Array<Record<string, unknown>>;
	status?: string;
	error?: NodeErrorJson;
}

/** The runs of a tool node in an agent's execution, in call order. */
export function toolRuns(result: ExecutionResult, nodeName: string): ToolRun[] {
	return (result.runData[nodeName] ?? []).map((task) => {
		const input = (task.inputOverride as { ai_tool?: Array<Array<{ json: Record<string, unknown> }>> } | undefined)?.ai_tool?.[0]?.[0]?.json;
		// n8n 1.x records the model's call id next to the tool's arguments; 2.41 does not
		const { toolCallId, ...args } = input ?? {};
		void toolCallId;
		return {
			input: args,
			output: (task.data?.ai_tool?.[0] ?? []).map((item) => item.json),
			status: task.executionStatus,
			error: task.error,
		};
	});
}

/** The tokens of the e2e stack: none may reach the model, the run data or the logs. */
export function stackSecrets(): Record<string, string> {
	const state = e2eState();
	return { 'CRM Lead token': state.sandboxToken, 'MCP bearer token': state.mcpToken, 'chat model API key': SCRIPTED_MODEL_API_KEY };
}

/** No secret in any of the named texts (n8n's log is always checked too). */
export function expectNoSecrets(texts: Record<string, string>, secrets: Record<string, string> = stackSecrets()): void {
	const all = { ...texts, "n8n's log": readFileSync(e2eState().n8nLogFile, 'utf8') };
	const leaks = Object.entries(all).flatMap(([where, text]) =>
		Object.entries(secrets)
			.filter(([, secret]) => text.includes(secret))
			.map(([what]) => `${what} in ${where}`),
	);
	expect(leaks).toEqual([]);
}

/** Keeps what a test saw (tool schemas, stored leads) in test/e2e/artifacts/ for people to read. */
export function writeArtifact(name: string, data: unknown): void {
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	writeFileSync(path.join(ARTIFACTS_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}
