/**
 * What differs between the n8n lines the harness runs (2.41.1 by default, 1.123.x for the
 * compatibility subset) and is not about our package: n8n's own node versions. Workflow files
 * are written for 2.41; on an n8n that lacks a node version they use, the harness imports the
 * node at the newest version that n8n has (the parameters used by the e2e workflows are the
 * same in both).
 */
import { N8N_MAJOR } from './paths';
import type { WorkflowJson } from './n8n';

/** n8n 1.123's newest version of n8n's own nodes whose 2.41 version the e2e workflows use. */
const NEWEST_IN_N8N1: Record<string, number> = {
	// 2.41 has AI Agent 3.1; 1.123 stops at 3 (same prompt, options and connections)
	'@n8n/n8n-nodes-langchain.agent': 3,
};

/** The workflow as the running n8n line can load it (unchanged on the default line). */
export function forRunningN8n(workflow: WorkflowJson, major = N8N_MAJOR): WorkflowJson {
	if (major !== 1) return workflow;
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			const newest = NEWEST_IN_N8N1[node.type];
			return newest !== undefined && (node.typeVersion ?? 1) > newest ? { ...node, typeVersion: newest } : node;
		}),
	};
}
