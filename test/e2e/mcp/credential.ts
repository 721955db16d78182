/**
 * The bearer token MCP clients present to the e2e MCP Server Trigger
 * (test/e2e/workflows/mcp-crm-lead-tools.json references this credential by id).
 */
import type { CredentialDefinition } from '../../../scripts/e2e/n8n';

export const MCP_BEARER_CREDENTIAL = { id: 'mcpBearerE2e01', name: 'MCP clients (e2e bearer token)' } as const;

/** Random per suite run: tests assert it never shows up in run data or logs. */
export function mcpBearerCredential(token: string): CredentialDefinition {
	return { ...MCP_BEARER_CREDENTIAL, type: 'httpBearerAuth', data: { token } };
}
