/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The editor's schema preview in a real (headless) Chromium: a CRM Lead Get node that has never
 * run, and the node after it shows Get's output fields (lead field names) in its input panel —
 * from the node's output schema (GET /schemas/…), so fields can be mapped before a first run.
 * n8n 1.123 shows the same preview (same request, same fields). Screenshot:
 * test/e2e/artifacts/editor-schema-preview-get.png (n8n 1.x: …-get-n8n1.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, type ChromiumSession } from '../../scripts/e2e/browser';
import { ARTIFACTS_DIR, N8N_MAJOR, NODE_TYPE } from '../../scripts/e2e/paths';
import { e2eState, n8nClient } from './helpers';

const GET_NODE = 'Get Lead (never run)';
const NEXT_NODE = 'After Get';

let session: ChromiumSession | undefined;
let page: Page;
let workflowId: string;
const schemaRequests: Array<{ url: string; status: number }> = [];

beforeAll(async () => {
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const { good } = e2eState().credentials;
	const client = await n8nClient();
	workflowId = await client.createWorkflow({
		name: 'Schema preview of an unexecuted Get',
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'get',
				name: GET_NODE,
				type: NODE_TYPE,
				typeVersion: 2,
				position: [260, 0],
				parameters: { resource: 'lead', operation: 'get', leadId: { __rl: true, mode: 'id', value: 'L000001' } },
				credentials: { crmLeadApi: { id: good.id, name: good.name } },
			},
			{ id: 'next', name: NEXT_NODE, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [520, 0], parameters: {} },
		],
		connections: {
			Start: { main: [[{ node: GET_NODE, type: 'main', index: 0 }]] },
			[GET_NODE]: { main: [[{ node: NEXT_NODE, type: 'main', index: 0 }]] },
		},
	});

	session = await launchChromium();
	page = session.context.pages()[0] ?? (await session.context.newPage());
	page.setDefaultTimeout(60_000);
	page.on('response', (response) => {
		if (response.url().includes('/schemas/')) schemaRequests.push({ url: response.url(), status: response.status() });
	});
	const { n8nUrl, owner } = e2eState();
	const login = await page.request.post(`${n8nUrl}/rest/login`, { data: { emailOrLdapLoginId: owner.email, password: owner.password } });
	expect(login.status()).toBe(200);
}, 15 * 60_000);

afterAll(async () => {
	await session?.close();
});

it('the node after an unexecuted CRM Lead Get shows Get’s lead fields as a schema preview', async () => {
	await page.goto(`${e2eState().n8nUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-test-id="canvas-node"]');
	const next = page.locator(`[data-test-id="canvas-node"][data-node-name="${NEXT_NODE}"]`);
	// n8n 1.x: Playwright's dblclick can wait past the opened panel; a plain mouse double-click does not
	const box = N8N_MAJOR === 1 ? await next.boundingBox() : null;
	if (box) await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
	else await next.dblclick();
	const input = page.locator('[data-test-id="ndv-input-panel"]');
	await input.waitFor({ state: 'visible' });

	const schema = input.locator('[data-test-id="run-data-schema-item"]');
	await schema.first().waitFor({ state: 'visible' });
	const shown = await input.innerText();
	// Get's default output (Simplify on): the summary fields of a lead, by their API names
	for (const field of ['id', 'name', 'stage_id', 'email_from', 'partner_name', 'expected_revenue', 'write_date']) {
		expect(shown).toMatch(new RegExp(`(^|\\n)${field}(\\n|$)`));
	}
	expect(shown).toContain(GET_NODE);
	await page.screenshot({ path: path.join(ARTIFACTS_DIR, `editor-schema-preview-get${N8N_MAJOR === 1 ? '-n8n1' : ''}.png`) });

	// what the editor asked n8n for: the node type, the padded version, resource and operation
	expect(schemaRequests).toContainEqual({ url: `${e2eState().n8nUrl}/schemas/${NODE_TYPE}/2.0.0/lead/get.json`, status: 200 });
	// and the node really has not run: no execution of this workflow exists
	const client = await n8nClient();
	const { json } = await client.request<{ data: { results?: unknown[]; count?: number } }>(
		'GET',
		`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
	);
	expect(json.data.results ?? []).toHaveLength(0);
});
