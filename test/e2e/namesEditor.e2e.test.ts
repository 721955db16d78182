/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Names instead of IDs in the editor (version 3), in headless Chromium: the lead mapper's Stage
 * and Customer are drop-downs of the server's stages and contacts by name, searchable by typing;
 * Get Many's Stage filter is a record picker whose list searches the stages. Screenshots go to
 * test/e2e/artifacts/ (names-*.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, type ChromiumSession } from '../../scripts/e2e/browser';
import { ARTIFACTS_DIR } from '../../scripts/e2e/paths';
import { e2eState, runWorkflow } from './helpers';
import { assertSuccess, nodeJson } from '../../scripts/e2e/runData';

const WORKFLOW_ID = 'e2eLeadV3Names';

let session: ChromiumSession | undefined;
let page: Page;
const shot = async (name: string) => await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
const ndv = () => page.locator('[data-test-id="ndv"]');

async function openNode(name: string): Promise<void> {
	await page.goto(`${e2eState().n8nUrl}/workflow/${WORKFLOW_ID}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-test-id="canvas-node"]');
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await ndv().waitFor({ state: 'visible' });
}

beforeAll(async () => {
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	session = await launchChromium();
	page = session.context.pages()[0] ?? (await session.context.newPage());
	page.setDefaultTimeout(60_000);
	const { n8nUrl, owner } = e2eState();
	const login = await page.request.post(`${n8nUrl}/rest/login`, { data: { emailOrLdapLoginId: owner.email, password: owner.password } });
	expect(login.status()).toBe(200);
}, 15 * 60_000);

afterAll(async () => await session?.close());

test('the workflow runs: a lead created with a stage and customer, found by the picked stage', async () => {
	const result = assertSuccess(await runWorkflow(WORKFLOW_ID));
	expect(nodeJson(result, 'Create Qualified Lead')[0]).toMatchObject({ stage_id: 'qualified', partner_id: 'partner_2' });
	expect(nodeJson(result, 'Qualified Leads').every((lead) => lead.stage_id === 'qualified')).toBe(true);
});

test('the mapper’s Stage and Customer list the server’s stages and contacts by name, searchable', async () => {
	await openNode('Create Qualified Lead');
	const mapper = ndv().locator('[data-test-id="mapping-fields-container"]');
	await mapper.waitFor({ state: 'visible' });
	await expect(mapper.innerText()).resolves.toMatch(/Stage \(stage_id\)[\s\S]*Customer \(partner_id\)|Customer \(partner_id\)[\s\S]*Stage \(stage_id\)/);
	const stage = ndv().locator('[data-test-id="parameter-input-stage_id"]');
	await expect(stage.locator('.el-select').count()).resolves.toBe(1);
	await expect(stage.locator('input').first().inputValue()).resolves.toBe('Qualified (qualified)');
	await stage.locator('input').first().click();
	await page.keyboard.type('prop');
	const options = page.locator('.el-select-dropdown__item:visible');
	await options.first().waitFor({ state: 'visible' });
	expect(await options.allInnerTexts()).toEqual(['Proposition (proposition)']);
	await shot('names-mapper-stage');
	await page.keyboard.press('Escape');
	const customer = ndv().locator('[data-test-id="parameter-input-partner_id"]');
	await expect(customer.locator('input').first().inputValue()).resolves.toBe('Globex (partner_2)');
	await customer.locator('input').first().click();
	await page.keyboard.type('ac');
	await options.first().waitFor({ state: 'visible' });
	expect(await options.allInnerTexts()).toContain('Acme Corp (partner_1)');
	await shot('names-mapper-customer');
	await page.keyboard.press('Escape');
});

test('Get Many’s Stage filter is a record picker: From List searches the stages', async () => {
	await openNode('Qualified Leads');
	const picker = ndv().locator('[data-test-id="rlc-input"]').first();
	await picker.waitFor({ state: 'visible' });
	await expect(picker.inputValue()).resolves.toMatch(/Qualified/);
	await picker.click();
	const search = page.locator('[data-test-id="rlc-search"]:visible').first();
	await search.waitFor({ state: 'visible' });
	const input = (await search.evaluate((el) => el.tagName)) === 'INPUT' ? search : search.locator('input').first();
	await input.fill('wo');
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.filter({ hasText: 'Won (won)' }).first().waitFor({ state: 'visible' });
	// the search leaves only the stages matching it (the one already picked stays listed on top)
	const listed = await items.allInnerTexts();
	expect(listed).toContain('Won (won)');
	expect(listed.filter((text) => /New|Proposition/.test(text))).toEqual([]);
	await shot('names-filter-stage-picker');
});
