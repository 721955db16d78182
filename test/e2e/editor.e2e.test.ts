/**
 * What a user sees: the n8n editor in a real (headless) Chromium shows the imported workflow
 * with the CRM Lead node drawn with its own icon (not the "?" of an unknown or broken node),
 * and the node panel shows the operation, the operations list and the credential.
 * Screenshots go to test/e2e/artifacts/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, type ChromiumSession } from '../../scripts/e2e/browser';
import { ARTIFACTS_DIR, NODE_TYPE, PACKAGE_NAME } from '../../scripts/e2e/paths';
import { e2eState } from './helpers';

const WORKFLOW_ID = 'e2eLeadCreateGet';
const NODE_NAME = 'Create Lead';

let session: ChromiumSession | undefined;
let page: Page;

const shot = async (name: string) => {
	await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
};

beforeAll(async () => {
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	session = await launchChromium();
	page = session.context.pages()[0] ?? (await session.context.newPage());
	page.setDefaultTimeout(60_000);
}, 15 * 60_000); // may install chromium with apt first

afterAll(async () => {
	await session?.close();
});

describe('the n8n editor with the CRM Lead node', () => {
	it('logs in and opens the workflow with the CRM Lead node drawn with its own icon', async () => {
		const { n8nUrl, owner } = e2eState();
		const login = await page.request.post(`${n8nUrl}/rest/login`, {
			data: { emailOrLdapLoginId: owner.email, password: owner.password },
		});
		expect(login.status()).toBe(200);

		// Not 'networkidle': the editor keeps retrying api.n8n.io, which is unreachable here.
		await page.goto(`${n8nUrl}/workflow/${WORKFLOW_ID}`, { waitUntil: 'domcontentloaded' });
		await page.waitForSelector('[data-test-id="canvas-node"]');
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		await expect(node.getAttribute('data-node-type')).resolves.toBe(NODE_TYPE);

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

	it('opens the node panel showing resource, operation and the credential', async () => {
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ state: 'visible' });

		await expect(ndv.locator('[data-test-id="parameter-input-resource"] input').inputValue()).resolves.toBe('Lead');
		await expect(ndv.locator('[data-test-id="parameter-input-operation"] input').inputValue()).resolves.toBe(
			'Create',
		);
		await expect(ndv.locator('[data-test-id="node-credentials-select"] input').inputValue()).resolves.toBe(
			e2eState().credentials.good.name,
		);
		// The node's own fields are rendered (the parameters of the description, not an error panel).
		await expect(ndv.locator('[data-test-id="parameter-input-name"] input').inputValue()).resolves.toBe(
			'E2E create-then-get lead',
		);
		await shot('editor-node-panel');
	});

	it('lists the lead operations in the Operation dropdown', async () => {
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.locator('[data-test-id="parameter-input-operation"]').click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor({ state: 'visible' });
		const labels = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
		expect(labels).toEqual(expect.arrayContaining(['Create', 'Get', 'Get Many', 'Update', 'Delete']));
		await shot('editor-operations');
		await page.keyboard.press('Escape');
	});
});
