/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Workflow JSON files → what gets imported: stable ids, and CRM Lead credential references
 * pointed at the credentials the harness imports.
 *
 * Workflow files reference the credential by the fixed id SANDBOX_CREDENTIAL.id (or
 * BAD_TOKEN_CREDENTIAL.id for the wrong-token scenario). Any other crmLeadApi reference
 * (a placeholder in examples/*.json, or none at all on a CRM Lead node) is rewritten to the
 * sandbox credential.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_TYPE, NODE_TYPE } from './paths';
import type { CredentialDefinition, WorkflowJson } from './n8n';

export const SANDBOX_CREDENTIAL = { id: 'crmLeadSandbox01', name: 'CRM Lead sandbox' } as const;
export const BAD_TOKEN_CREDENTIAL = { id: 'crmLeadBadToken1', name: 'CRM Lead sandbox (wrong token)' } as const;
export const LOGIN_CREDENTIAL = { id: 'crmLeadLogin0001', name: 'CRM Lead sandbox (user name & password)' } as const;

/** The sandbox user behind LOGIN_CREDENTIAL: an ordinary iBiz user, so it needs both tenant IDs. */
export const SANDBOX_LOGIN = {
	username: 'demo-user',
	password: 'Demo-Passw0rd-2024',
	systemId: 'SYS-DEMO',
	orgId: 'ORG-DEMO',
} as const;

/** The sandbox's --user flag for SANDBOX_LOGIN (sandbox/README.md). */
export function sandboxUserFlag(): string[] {
	const { username, password, systemId, orgId } = SANDBOX_LOGIN;
	return ['--user', `${username},system=${systemId},org=${orgId}:${password}`];
}

export interface LoadedWorkflow {
	/** The file it came from. */
	file: string;
	id: string;
	name: string;
	json: WorkflowJson;
}

/** Reads every *.json workflow in `dir` (sorted by file name). */
export function loadWorkflowFiles(dir: string): LoadedWorkflow[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => loadWorkflowFile(path.join(dir, file)));
}

export function loadWorkflowFile(file: string): LoadedWorkflow {
	const json = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
	if (!Array.isArray(json.nodes) || typeof json.connections !== 'object') {
		throw new Error(`${file} is not a workflow (needs "nodes" and "connections")`);
	}
	const id = json.id && /^[A-Za-z0-9]{1,36}$/.test(json.id) ? json.id : stableId(path.basename(file), 16);
	return { file, id, name: json.name ?? path.basename(file, '.json'), json: { ...json, id } };
}

/** The workflow as it is imported: ids filled in, CRM Lead credentials pointed at ours. */
export function prepareForImport(
	workflow: LoadedWorkflow,
	credentials: readonly Pick<CredentialDefinition, 'id' | 'name'>[],
	fallback: Pick<CredentialDefinition, 'id' | 'name'> = SANDBOX_CREDENTIAL,
): WorkflowJson {
	const known = new Map(credentials.map((credential) => [credential.id, credential]));
	const nodes = workflow.json.nodes.map((node, index) => {
		const copy = { ...node, id: node.id ?? stableUuid(`${workflow.id}:${node.name}:${index}`) };
		const reference = node.credentials?.[CREDENTIAL_TYPE];
		if (reference || node.type === NODE_TYPE) {
			const target = (reference?.id && known.get(reference.id)) || fallback;
			copy.credentials = { ...(node.credentials ?? {}), [CREDENTIAL_TYPE]: { id: target.id, name: target.name } };
		}
		return copy;
	});
	return {
		active: false,
		settings: { executionOrder: 'v1' },
		...workflow.json,
		id: workflow.id,
		name: workflow.name,
		nodes,
	};
}

/** The CRM Lead nodes of a workflow. */
export function crmLeadNodes(workflow: WorkflowJson) {
	return workflow.nodes.filter((node) => node.type === NODE_TYPE);
}

function stableId(seed: string, length: number): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function stableUuid(seed: string): string {
	const hex = stableId(seed, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
