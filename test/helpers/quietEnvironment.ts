/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Jest's node environment, except that what a test writes to the console (n8n's logger reports
 * every node error it sees, and many tests provoke errors on purpose) is held back and printed
 * only when that test fails.
 */
import type { Circus } from '@jest/types';
// The named export: Stryker's per-test coverage loads this file with Node's own TypeScript support
// (ESM), where a CommonJS default import is the whole module object.
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];

export default class QuietEnvironment extends NodeEnvironment {
	private held: Array<{ method: ConsoleMethod; args: unknown[] }> = [];

	/** Jest's own console of this test file (installed after setup(), so wrapped at the first event). */
	private jestConsole: Console | undefined;

	/** The console installed in its place. */
	private quiet: Console | undefined;

	private holdConsole(): void {
		const jestConsole = this.global.console;
		if (jestConsole === this.quiet) return;
		this.jestConsole = jestConsole;
		const quiet = Object.create(jestConsole) as Console;
		this.quiet = quiet;
		for (const method of METHODS) quiet[method] = (...args: unknown[]) => void this.held.push({ method, args });
		// winston (n8n's logger) writes to console._stdout / _stderr directly when they exist.
		const stream = (method: ConsoleMethod) => ({
			write: (text: string) => void this.held.push({ method, args: [String(text).replace(/\n$/, '')] }),
		});
		Object.assign(quiet, { _stdout: stream('log'), _stderr: stream('error') });
		this.global.console = quiet;
	}

	async handleTestEvent(event: Circus.Event): Promise<void> {
		// Before the test file's code runs: loggers bind console methods when they are created.
		this.holdConsole();
		if (event.name === 'test_start') this.held = [];
		if (event.name === 'test_done' && event.test.errors.length > 0) {
			for (const { method, args } of this.held) this.jestConsole?.[method](...args);
			this.held = [];
		}
	}
}
