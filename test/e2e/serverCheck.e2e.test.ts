/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * examples/server-check.json: a user with only n8n checks a server with the CRM Lead node's own
 * operations and reads a verdict from its last node. Run in the real n8n against both sandbox
 * flavours and against a server that ignores `page`, with and without the test lead's writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { EXAMPLES_DIR } from '../../scripts/e2e/paths';
import { assertSuccess, nodeJson } from '../../scripts/e2e/runData';
import type { WorkflowJson } from '../../scripts/e2e/n8n';
import { e2eState, n8nClient, runWorkflow, sandboxRequest } from './helpers';

const FILE = path.join(EXAMPLES_DIR, 'server-check.json');

interface VerdictRow {
	operation: string;
	verdict: string;
	details: string;
}

const READS = ['Lead: Get Many', 'CRM Lead Trigger', 'Lead: Get', 'Lead: Get Draft', 'Lead: Check Key', 'Error kinds (branching on errorKind)', 'Document: Print', 'Document: Report', 'Import / Export: Download Import Template', 'Import / Export: Export'];
const WRITES = ['Lead: Create or Update', 'Lead: Update', 'Lead: Post Message With Template', 'Lead: Delete'];

async function verdictOf(workflowId: string): Promise<Record<string, VerdictRow>> {
	const result = assertSuccess(await runWorkflow(workflowId));
	const rows = nodeJson(result, 'Verdict') as unknown as VerdictRow[];
	return Object.fromEntries(rows.map((row) => [row.operation, row]));
}

const verdicts = (rows: Record<string, VerdictRow>, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, rows[n]?.verdict]));
const all = (names: readonly string[], verdict: string) => Object.fromEntries(names.map((n) => [n, verdict]));

interface StoredNode {
	name: string;
	parameters?: { assignments?: { assignments?: Array<{ name: string; value: unknown }> } };
	credentials?: Record<string, unknown>;
}

/** A copy of the example stored in n8n: Write Test Lead on or off, and its CRM Lead nodes on another credential. */
async function storeVariant(name: string, options: { write: boolean; credential?: { id: string; name: string } }): Promise<string> {
	const workflow = JSON.parse(readFileSync(FILE, 'utf8')) as WorkflowJson & { nodes: StoredNode[] };
	for (const node of workflow.nodes) {
		if (node.name === 'Settings') {
			for (const a of node.parameters?.assignments?.assignments ?? []) if (a.name === 'writeTestLead') a.value = options.write;
		}
		if (options.credential && node.credentials?.crmLeadApi) node.credentials = { crmLeadApi: options.credential };
	}
	const client = await n8nClient();
	const { json } = await client.request<{ data: { id: string } }>('POST', '/rest/workflows', {
		name: `${workflow.name} (${name})`,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	});
	return json.data.id;
}

async function storeCredential(name: string, sandbox: Sandbox): Promise<{ id: string; name: string }> {
	const client = await n8nClient();
	const { json } = await client.request<{ data: { id: string; name: string } }>('POST', '/rest/credentials', {
		name,
		type: 'crmLeadApi',
		data: { baseUrl: sandbox.url, authentication: 'accessToken', accessToken: sandbox.token },
	});
	return { id: json.data.id, name: json.data.name };
}

describe('examples/server-check.json in the real n8n', () => {
	test('as imported (reads only) against the stack\'s cloud sandbox: the generation, every read works, writes not checked', async () => {
		const example = e2eState().workflows.find((w) => w.file === FILE);
		if (!example) throw new Error(`${FILE} was not imported`);
		const before = (await sandboxRequest<unknown[]>('GET', '/__sandbox/requests')).json.length;

		const rows = await verdictOf(example.id);

		expect(rows['Server generation']).toMatchObject({ verdict: 'cloud', details: expect.stringMatching(/missing lead answered HTTP 500/) });
		expect(verdicts(rows, READS)).toEqual(all(READS, 'works'));
		expect(verdicts(rows, WRITES)).toEqual(all(WRITES, 'not checked'));
		expect(rows.Summary.verdict).toBe('every checked operation works');
		// Reads only: nothing but reading requests reached the server.
		const requests = (await sandboxRequest<Array<{ method: string; path: string }>>('GET', '/__sandbox/requests')).json.slice(before);
		expect(requests.filter((r) => r.method !== 'GET' && !/fetch_default|check_key|exportdata|report/.test(r.path))).toEqual([]);
	});

	test('with Write Test Lead on (cloud): every checked operation works, and the test lead\'s key stays reserved', async () => {
		const rows = await verdictOf(await storeVariant('writes, cloud', { write: true }));
		expect(verdicts(rows, [...READS, ...WRITES])).toEqual(all([...READS, ...WRITES], 'works'));
		expect(rows['Server generation']).toMatchObject({ verdict: 'cloud', details: expect.stringMatching(/check_key answered 2 \(deleted\)/) });
		expect(rows.Summary.verdict).toBe('every checked operation works');
	});

	describe.each([
		['classic', 'no fault', 'classic'],
		['cloud', 'ignore-page', 'cloud'],
	] as const)('against a %s sandbox, %s', (flavour: Flavour, faultName, generation) => {
		const fault = faultName === 'ignore-page' ? faultName : undefined;
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await createSandbox({ flavour, seed: 10 });
			if (fault) sandbox.injectFault({ mode: fault });
		});
		afterAll(() => sandbox.close());

		test('the verdict names the generation and exactly the operations that will fail', async () => {
			const credential = await storeCredential(`CRM Lead ${flavour} ${fault ?? ''}`.trim(), sandbox);
			const rows = await verdictOf(await storeVariant(`${flavour} ${fault ?? ''}`, { write: true, credential }));

			expect(rows['Server generation'].verdict).toBe(generation);
			if (!fault) {
				expect(verdicts(rows, [...READS, ...WRITES])).toEqual(all([...READS, ...WRITES], 'works'));
				expect(rows.Summary.verdict).toBe('every checked operation works');
				return;
			}
			expect(verdicts(rows, ['Lead: Get Many', 'CRM Lead Trigger'])).toEqual(all(['Lead: Get Many', 'CRM Lead Trigger'], 'will fail'));
			expect(rows['Lead: Get Many'].details).toMatch(/ignore the "page" parameter.*To change: the server must serve page N/);
			expect(rows['Lead: Get'].verdict).toBe('not checked');
			const others = [...READS, ...WRITES].filter((n) => !['Lead: Get Many', 'CRM Lead Trigger', 'Lead: Get', 'Document: Print'].includes(n));
			expect(verdicts(rows, others)).toEqual(all(others, 'works'));
			expect(rows.Summary.verdict).toBe('2 will fail');
		});
	});
});
