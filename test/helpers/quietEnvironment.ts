/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
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

/**
 * Mutation runs only (`npm run test:mutation`, jest.mutation.config.js; `npm test` never sets
 * either). Stryker sets __STRYKER_ACTIVE_MUTANT__ to the mutant it tests: one failing test kills
 * it, so the rest of that mutant's tests are skipped (Stryker's jest runner turns jest's own `bail`
 * off). The state lives in this module, which jest loads once per process, so it carries across
 * the test files of one mutant's run. `leaveOut` (testEnvironmentOptions) names tests a mutation
 * run skips, dry run included.
 */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
let killedMutant: string | undefined;

function fullName(test: Circus.TestEntry): string {
	const names: string[] = [test.name];
	for (let block: Circus.DescribeBlock | undefined = test.parent; block; block = block.parent) names.unshift(block.name);
	return names.join(' ');
}

function skipForMutationRun(event: Circus.Event, leaveOut: readonly string[]): void {
	if (event.name === 'test_start' && leaveOut.some((part) => fullName(event.test).includes(part))) event.test.mode = 'skip';
	const mutant = process.env[ACTIVE_MUTANT];
	if (mutant === undefined) return;
	if (event.name === 'test_done' && event.test.errors.length > 0) killedMutant = mutant;
	if (killedMutant !== mutant) return;
	if (event.name === 'run_describe_start') event.describeBlock.mode = 'skip';
	if (event.name === 'test_start') event.test.mode = 'skip';
}
const METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];

export default class QuietEnvironment extends NodeEnvironment {
	/** Tests a mutation run leaves out (jest.mutation.config.js); empty otherwise. */
	private readonly leaveOut: readonly string[];

	constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
		super(...args);
		const options = args[0].projectConfig.testEnvironmentOptions as { leaveOut?: string[] };
		this.leaveOut = options.leaveOut ?? [];
	}

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
		skipForMutationRun(event, this.leaveOut);
		if (event.name === 'test_start') this.held = [];
		if (event.name === 'test_done' && event.test.errors.length > 0) {
			for (const { method, args } of this.held) this.jestConsole?.[method](...args);
			this.held = [];
		}
	}
}
