/**
 * CRM Lead tools for any MCP client: n8n 2.41's MCP Server Trigger exposes the tool nodes
 * connected to it. The official MCP TypeScript SDK client connects to the published workflow
 * (test/e2e/workflows/mcp-crm-lead-tools.json) over Streamable HTTP with a bearer token, lists
 * the tools and calls Create and Get; the sandbox holds the lead.
 */
// Node resolves these through the SDK's "./*" export pattern, which the lint's import resolver does not follow.
// eslint-disable-next-line import-x/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import-x/no-unresolved
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { expectNoSecrets, expectToolSchemas, writeArtifact } from './agentHelpers';
import { e2eState, n8nClient, sandboxRequest } from './helpers';
import type { JsonSchemaObject } from '../../scripts/scriptedModel/openAi';

const WORKFLOW_ID = 'e2eMcpCrmLeadTools';
const MCP_PATH = 'crm-lead-e2e';
const LEAD_NAME = 'MCP e2e lead';

const endpoint = () => new URL(`${e2eState().n8nUrl}/mcp/${MCP_PATH}`);

async function connect(token: string): Promise<Client> {
	const client = new Client({ name: 'n8n-nodes-crm-lead-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(endpoint(), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
	return client;
}

/** The text of a tool result (n8n returns the tool's output items as one JSON text). */
function resultText(result: Awaited<ReturnType<Client['callTool']>>): string {
	const [first] = result.content as Array<{ type: string; text?: string }>;
	expect(first?.type).toBe('text');
	return first.text ?? '';
}

describe('MCP Server Trigger with CRM Lead tools (MCP TypeScript SDK client)', () => {
	let mcp: Client;

	beforeAll(async () => {
		await (await n8nClient()).publishWorkflow(WORKFLOW_ID);
		mcp = await connect(e2eState().mcpToken);
	});
	afterAll(async () => await mcp?.close());

	it('refuses a client with a wrong bearer token', async () => {
		const refused = await connect('not-the-token').then(
			() => undefined,
			(error: unknown) => error as { code?: number; message?: string },
		);
		// the SDK's StreamableHTTPError carries the HTTP status as `code`
		expect([401, 403]).toContain(refused?.code);
	});

	it('lists the CRM Lead tools with their $fromAI parameters', async () => {
		expect(mcp.getServerVersion()?.name).toBe('CRM_Lead_MCP_Server');
		const { tools } = await mcp.listTools();
		// the SDK types inputSchema loosely; it is the JSON Schema n8n built from the $fromAI parameters
		const schemas = tools.map((tool) => ({ name: tool.name, description: tool.description, schema: tool.inputSchema as JsonSchemaObject }));
		expectToolSchemas(schemas, [
			{ node: 'Create Lead', operation: /create/i, required: ['type', 'name'] },
			{ node: 'Get Lead', operation: /get/i, required: ['leadId'] },
		]);
		writeArtifact('mcp-tools', { tools });
	});

	it('calls Create, then Get with the id it returned; the lead is stored', async () => {
		const created = await mcp.callTool({ name: 'Create_Lead', arguments: { type: 'opportunity', name: LEAD_NAME } });
		expect(created.isError).toBeFalsy();
		const [lead] = JSON.parse(resultText(created)) as Array<Record<string, unknown>>;
		expect(lead).toMatchObject({ name: LEAD_NAME, type: 'opportunity' });

		const fetched = await mcp.callTool({ name: 'Get_Lead', arguments: { leadId: lead.id } });
		expect(JSON.parse(resultText(fetched))).toEqual([expect.objectContaining({ id: lead.id, name: LEAD_NAME })]);

		const stored = await sandboxRequest<Record<string, unknown>>('GET', `/crm_leads/${String(lead.id)}`);
		expect(stored).toMatchObject({ status: 200, json: { id: lead.id, name: LEAD_NAME, type: 'opportunity' } });
		expectNoSecrets({ 'tool results': JSON.stringify([created, fetched]) });
		writeArtifact('mcp-create-get', { storedLeads: [stored.json] });
	});

	it('returns a tool error (isError) with the server message for an unknown id', async () => {
		const missing = await mcp.callTool({ name: 'Get_Lead', arguments: { leadId: 'no-such-lead-mcp' } });
		expect(missing.isError).toBe(true);
		expect(resultText(missing)).toContain("notFound: Lead 'no-such-lead-mcp' was not found");
		expectNoSecrets({ 'tool result': JSON.stringify(missing) });
	});
});
