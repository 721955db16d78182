/**
 * How the property suites run: seeded and reproducible.
 * - `npm test`: a modest number of cases per property from a fixed seed (QUICK_SEED), so CI is
 *   deterministic; FC_SEED picks another.
 * - `SOAK=1`: many more cases (SOAK_RUNS, default 1000 per property) from a fresh seed each run;
 *   each suite prints how many it tried.
 * - A failing run prints fast-check's seed, path and shrunk case; replay it exactly with
 *   `FC_SEED=<seed> FC_PATH=<path> npx jest <file>`.
 */
import fc from 'fast-check';

const soak = process.env.SOAK === '1';

/** The seed of the quick runs in `npm test`. */
export const QUICK_SEED = 20261205;

export function propertyRuns(quickRuns: number): number {
	if (!soak) return quickRuns;
	const runs = Number(process.env.SOAK_RUNS ?? 1000);
	return Number.isInteger(runs) && runs > 0 ? runs : 1000;
}

/** fast-check parameters: the seed and path to replay from the environment, else a fresh seed. */
export function propertyParameters<T>(quickRuns: number): fc.Parameters<T> {
	const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : soak ? undefined : QUICK_SEED;
	return {
		numRuns: propertyRuns(quickRuns),
		...(seed === undefined ? {} : { seed }),
		...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
		endOnFailure: false,
	};
}

/** Prints (past jest's console capture) how many cases a property tried, for the soak log. */
export function reportCases(name: string, cases: number): void {
	process.stderr.write(`[property] ${name}: ${cases} cases${soak ? ' (soak)' : ''}\n`);
}

/** Checks `check` on `quickRuns` generated cases (more under SOAK) and reports how many it tried. */
export async function checkProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, quickRuns: number): Promise<void> {
	let cases = 0;
	await fc.assert(
		fc.asyncProperty(arbitrary, async (value) => {
			cases++;
			await check(value);
		}),
		propertyParameters(quickRuns),
	);
	reportCases(name, cases);
}
