/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser): installed with apt
 * when missing, started headless with a fresh profile.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

import { E2E_DIR } from './paths';
import { run, stopwatch } from './proc';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Installs Debian's chromium (apt-get, about 50 s) unless it is there. */
export async function ensureChromium(log: (message: string) => void = (m) => process.stderr.write(`[e2e] ${m}\n`)) {
	if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM_PATH} is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium`);
	}
	log('installing Debian chromium (apt-get)…');
	const elapsed = stopwatch();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
	await run('apt-get', ['install', '-y', 'chromium'], { env, timeoutMs: 15 * 60_000 });
	if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is missing`);
	log(`chromium installed in ${elapsed()}`);
	return CHROMIUM_PATH;
}

export interface ChromiumSession {
	context: BrowserContext;
	close(): Promise<void>;
}

/** A headless Chromium with a fresh user-data dir (removed again by close()). */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}) {
	const executablePath = await ensureChromium();
	const userDataDir = path.join(E2E_DIR, 'chromium', `profile-${process.pid}-${Date.now()}`);
	mkdirSync(userDataDir, { recursive: true });
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: options.viewport ?? { width: 1440, height: 900 },
		timeout: 60_000,
	});
	const session: ChromiumSession = {
		context,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
	return session;
}
