/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * How the property suites run: a few seeded cases in `npm test` (the same ones on every run, so CI
 * is reproducible), many more with SOAK=1 (a fresh seed each time). A failing run prints fast-check's
 * seed, path and shrunk case; replay it with FC_SEED=<seed> FC_PATH=<path> npx jest <file>.
 */
import fc from 'fast-check';

import type { RequestHook, Sandbox } from '../../sandbox/server';
import type { RunResult } from '../../scripts/runNode';

export const SOAK = process.env.SOAK === '1';

/** The seed `npm test` uses, unless FC_SEED replays another. */
const DEFAULT_SEED = 20261205;

export function propertyParameters<T>(quickRuns: number, soakRuns: number): fc.Parameters<T> {
	const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : SOAK ? Date.now() % 2 ** 31 : DEFAULT_SEED;
	return {
		seed,
		numRuns: SOAK ? Number(process.env.SOAK_RUNS ?? soakRuns) : quickRuns,
		...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
		verbose: 1,
	};
}

/** One line per property in soak mode: how many cases it tried (the console is held back by the quiet environment). */
export function reportCases(name: string, cases: number, seed: number | undefined): void {
	if (SOAK) process.stdout.write(`[soak] ${name}: ${cases} cases passed (seed ${seed})\n`);
}

/** Test timeout for a property: generous in soak mode. */
export const propertyTimeout = (quickMs: number) => (SOAK ? 6 * 60 * 60 * 1000 : quickMs);

/** Runs the node with the sandbox's request hook set; hook and faults are cleared whatever happens. */
export async function withServerBehaviour<T>(sandbox: Sandbox, hook: RequestHook, run: () => Promise<T>): Promise<T> {
	sandbox.onRequest(hook);
	try {
		return await run();
	} finally {
		sandbox.onRequest(undefined);
		sandbox.clearFaults();
	}
}

/** The run did not stop (Continue On Fail), and gave one output per input, in order, paired. */
export function expectOneOutputPerInput(result: RunResult, count: number): void {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(count);
	result.items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
}

/** A jest test that checks `check` on `quick` generated cases (SOAK=1: `soak` cases) and reports them in soak mode. */
export function propertyTest<T>(title: string, report: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, runs: { quick: number; soak: number }): void {
	test(
		title,
		async () => {
			const parameters = propertyParameters<[T]>(runs.quick, runs.soak);
			await fc.assert(fc.asyncProperty(arbitrary, check), parameters);
			reportCases(report, parameters.numRuns ?? 0, parameters.seed);
		},
		propertyTimeout(60_000),
	);
}
