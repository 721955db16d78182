/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * What a user sees: the n8n editor in a real (headless) Chromium shows the imported workflow with
 * the CRM Lead node drawn with its own icon (not the "?" of an unknown or broken node), the node
 * panel with the resource mapper (every field listed, each with the input of its type), Map
 * Automatically, Create or Update matching on the ID, and the node creator's entry with the
 * actions and triggers. Screenshots go to test/e2e/artifacts/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { launchChromium, type ChromiumSession } from '../../scripts/e2e/browser';
import { ARTIFACTS_DIR, E2E_WORKFLOWS_DIR, N8N_MAJOR, NODE_TYPE, PACKAGE_NAME } from '../../scripts/e2e/paths';
import { loadWorkflowFile } from '../../scripts/e2e/workflows';
import { e2eState, n8nClient } from './helpers';

const WORKFLOW_ID = 'e2eLeadCreateGet';
const NODE_NAME = 'Create Lead';

let session: ChromiumSession | undefined;
let page: Page;

const shot = async (name: string) => {
	await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
};
/** n8n's editor markup that differs between its lines (1.x: the older node panel and number input). */
const EDITOR = N8N_MAJOR === 1
	? { closeNode: '[data-test-id="back-to-canvas"]', numberInput: '.el-input-number' }
	: { closeNode: '[data-test-id="ndv-close-button"]', numberInput: '[data-test-id="input-number"]' };
const ndv = () => page.locator('[data-test-id="ndv"]');
const field = (name: string): Locator => ndv().locator(`[data-test-id="parameter-input-${name}"]`);

async function openWorkflow(workflowId: string): Promise<void> {
	// Not 'networkidle': the editor keeps retrying api.n8n.io, which is unreachable here.
	await page.goto(`${e2eState().n8nUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-test-id="canvas-node"]');
}

async function openNode(name: string): Promise<void> {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	const box = N8N_MAJOR === 1 ? await node.boundingBox() : null;
	// n8n 1.x: Playwright's dblclick can wait past the opened panel; a plain mouse double-click does not
	if (box) await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
	else await node.dblclick();
	await ndv().waitFor({ state: 'visible' });
}

async function closeNode(): Promise<void> {
	await page.locator(EDITOR.closeNode).first().click();
	await ndv().waitFor({ state: 'hidden' });
}

beforeAll(async () => {
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	session = await launchChromium();
	page = session.context.pages()[0] ?? (await session.context.newPage());
	page.setDefaultTimeout(60_000);
	const { n8nUrl, owner } = e2eState();
	const login = await page.request.post(`${n8nUrl}/rest/login`, {
		data: { emailOrLdapLoginId: owner.email, password: owner.password },
	});
	expect(login.status()).toBe(200);
}, 15 * 60_000); // may install chromium with apt first

afterAll(async () => {
	await session?.close();
	// n8n 2.x autosaves what the editor changed (here: Map Automatically); put the workflow back as
	// its file has it, so test files that run it later (in any order) get the stored mapping.
	const client = await n8nClient();
	const { versionId } = await client.getWorkflow(WORKFLOW_ID);
	const { json } = loadWorkflowFile(path.join(E2E_WORKFLOWS_DIR, 'lead-create-get.json'));
	await client.request('PATCH', `/rest/workflows/${WORKFLOW_ID}`, { nodes: json.nodes, connections: json.connections, versionId });
	const restored = await client.getWorkflow(WORKFLOW_ID);
	expect(restored.nodes.find((node) => node.name === NODE_NAME)?.parameters?.columns).toMatchObject({ mappingMode: 'defineBelow' });
});

describe('the n8n editor with the CRM Lead node', () => {
	it('opens the workflow with the CRM Lead node drawn with its own icon, subtitled with the operation’s name', async () => {
		await openWorkflow(WORKFLOW_ID);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		await expect(node.getAttribute('data-node-type')).resolves.toBe(NODE_TYPE);
		await expect(node.innerText()).resolves.toContain('Create: Lead');

		const icon = node.locator(`img[src*="/icons/${PACKAGE_NAME}/"]`);
		await icon.waitFor({ state: 'visible' });
		// loaded, not a broken image
		const loaded = async () =>
			await icon.evaluate((el) => {
				const img = el as unknown as { complete: boolean; naturalWidth: number };
				return img.complete && img.naturalWidth > 0;
			});
		const deadline = Date.now() + 15_000;
		while (!(await loaded()) && Date.now() < deadline) await page.waitForTimeout(250);
		expect(await loaded()).toBe(true);
		await shot('editor-canvas');
	});

	it('shows the resource mapper of Create with all 91 fields, each with the input of its type', async () => {
		await openNode(NODE_NAME);
		await expect(field('resource').locator('input').inputValue()).resolves.toBe('Lead');
		await expect(field('operation').locator('input').inputValue()).resolves.toBe('Create');
		await expect(ndv().locator('[data-test-id="node-credentials-select"] input').inputValue()).resolves.toBe(
			e2eState().credentials.good.name,
		);

		const mapper = ndv().locator('[data-test-id="mapping-fields-container"]');
		await mapper.waitFor({ state: 'visible' });
		// every field of the table is listed; Type, the required one, cannot be removed
		await expect(mapper.locator('[data-test-id^="remove-field-button-"]').count()).resolves.toBe(90);
		await expect(mapper.locator('[data-test-id="parameter-input-type"]').count()).resolves.toBe(1);
		await expect(mapper.locator('[data-test-id="remove-field-button-type"]').count()).resolves.toBe(0);
		await expect(mapper.innerText()).resolves.toMatch(/Type \(type\)[\s\S]*ID \(id\)[\s\S]*Name \(name\)/);

		// typed inputs: options, boolean, number, date and time, JSON
		await expect(field('type').locator('.el-select').count()).resolves.toBe(1);
		await expect(field('priority').locator('.el-select').count()).resolves.toBe(1);
		await expect(field('active').locator('.el-switch').count()).resolves.toBe(1);
		await expect(field('probability').locator(EDITOR.numberInput).count()).resolves.toBe(1);
		await expect(field('date_closed').locator('.el-date-editor').count()).resolves.toBe(1);
		await expect(field('activities').locator('.cm-editor').count()).resolves.toBe(1);
		await expect(field('city').locator('[data-test-id="parameter-input-field"]').count()).resolves.toBe(1);

		// the workflow's own values are shown in their fields
		await expect(field('type').locator('input').inputValue()).resolves.toBe('Lead');
		await expect(field('name').locator('input, textarea').first().inputValue()).resolves.toBe('E2E create-then-get lead');
		await shot('editor-resource-mapper');
	});

	it('switches the mapper to Map Automatically', async () => {
		await ndv().locator('[data-test-id="mapping-mode-select"]').click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor({ state: 'visible' });
		expect((await options.allInnerTexts()).map((text) => text.split('\n')[0].trim())).toEqual([
			'Map Each Column Manually',
			'Map Automatically',
		]);
		await options.filter({ hasText: 'Map Automatically' }).click();
		await expect(ndv().locator('[data-test-id="mapping-fields-container"]').count()).resolves.toBe(0);
		await expect(ndv().innerText()).resolves.toContain('make sure the incoming data fields are named the same');
		await shot('editor-map-automatically');
		await closeNode();
	});

	it('matches Create or Update on the lead ID', async () => {
		const lifecycle = e2eState().workflows.find((workflow) => workflow.file.endsWith('examples/lead-lifecycle.json'));
		await openWorkflow(lifecycle!.id);
		await openNode('Save Under Same ID');
		await expect(field('operation').locator('input').inputValue()).resolves.toBe('Create or Update');
		const parameters = await ndv().locator('[data-test-id="node-parameters"]').innerText();
		expect(parameters).toContain('Lead to Match On');
		expect(parameters).toMatch(/ID \(id\)\s*\(using to match\)/);
		await shot('editor-upsert-match-on-id');
		await closeNode();
	});

	it('finds one CRM Lead entry in the node panel, described by what the actions do, with its actions and triggers', async () => {
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await page.locator('[data-test-id="node-creator-search-bar"]').fill('CRM Lead');
		const entry = page.locator('[data-test-id="node-creator-action-item"], [data-test-id="node-creator-node-item"]').filter({
			hasText: 'CRM Lead',
		});
		await entry.first().waitFor({ state: 'visible' });
		await expect(entry.count()).resolves.toBe(1);
		// n8n 1.x draws a community node's search entry without its description (NodeItem renders
		// node-creator-item-description only when given one); the codex and description files are the same.
		const description = entry.locator('[data-test-id="node-creator-item-description"]');
		if (N8N_MAJOR === 1) await expect(description.count()).resolves.toBe(0);
		else await expect(description.innerText()).resolves.toMatch(/^Create, update, find, import, export and print CRM leads/);
		await shot('editor-node-panel-search');

		await entry.click();
		const creator = page.locator('[data-test-id="node-creator"]');
		await creator.getByText('Create a lead and get its ID', { exact: true }).waitFor({ state: 'visible' });
		const listed = await creator.innerText();
		for (const action of ['Create a lead and get its ID', 'Get many leads matching filters', 'Create or update a lead by its ID', 'Import leads from a spreadsheet', 'Print a lead as a document file']) {
			expect(listed).toContain(action);
		}
		// the lead's 18, and (version 3, the default) every entity's and Other Entity's
		expect(listed).toMatch(/Actions \(\d{2,3}\)/);
		expect(Number(/Actions \((\d+)\)/.exec(listed)?.[1])).toBeGreaterThan(18);
		// the trigger's two events, under the same entry
		await creator.getByText('Triggers (2)').click();
		await creator.getByText(/Lead Created/i).first().waitFor({ state: 'visible' });
		expect(await creator.innerText()).toMatch(/Lead Updated/i);
		await shot('editor-node-panel-actions');
		await page.keyboard.press('Escape');
	});
});
