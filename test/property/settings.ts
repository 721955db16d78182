/**
 * How the property suites run: a few seeded cases in `npm test` (the same ones on every run, so CI
 * is reproducible), many more with SOAK=1 (a fresh seed each time). A failing run prints fast-check's
 * seed, path and shrunk case; replay it with FC_SEED=<seed> FC_PATH=<path> npx jest <file>.
 */
import fc from 'fast-check';

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
