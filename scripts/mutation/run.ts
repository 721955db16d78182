/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run test:mutation [-- --property-only] [--force] [--report] [--concurrency N]`
 *
 * Mutation testing of the modules that keep the README's promises (StrykerJS; the module list is
 * PROMISE_MODULES in stryker.config.mjs). Runs incrementally: only mutants in code or tests that
 * changed since the last run are tested again (Stryker's incremental file, kept in
 * reports/mutation/, which git ignores). Then prints the score per module, the surviving mutants
 * and the exclusions, and fails when the score is below what CONTRIBUTING holds it to: 90 % with
 * the suites of `npm test`, 75 % with the property suites alone (--property-only).
 *
 * --force         test every mutant again (a fresh incremental file)
 * --report        run nothing: print the table of the last runs of both (Markdown, for CONTRIBUTING)
 * --concurrency   test runners at once (default: the config's, 2)
 * --unit-only     the unit tests alone: a lower bound in minutes (stryker.unit.config.mjs)
 * --mutate a,b    only these modules of PROMISE_MODULES (e.g. the one you changed); the rest keep their last results
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { describeMutant, explanationOf, mutantsOf, scores, scoreTable, unexplainedSurvivors, type MutationReport } from './report';

const ROOT = resolve(__dirname, '../..');

interface Run {
	title: string;
	config: string;
	/** The score this run must reach, in percent. */
	target: number;
}

const FULL: Run = { title: 'npm test', config: 'stryker.config.mjs', target: 90 };
const PROPERTY: Run = { title: 'property suites', config: 'stryker.property.config.mjs', target: 75 };
/** A lower bound in minutes: what the unit tests alone kill (no target: the other suites kill more). */
const UNIT: Run = { title: 'unit tests alone (a lower bound)', config: 'stryker.unit.config.mjs', target: 0 };

interface StrykerConfig {
	mutate: string[];
	jsonReporter: { fileName: string };
}

async function loadConfig(run: Run): Promise<StrykerConfig> {
	const url = pathToFileURL(join(ROOT, run.config)).href;
	return ((await import(url)) as { default: StrykerConfig }).default;
}

function readReport(config: StrykerConfig): MutationReport | undefined {
	const path = join(ROOT, config.jsonReporter.fileName);
	return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as MutationReport) : undefined;
}

function printRun(run: Run, config: StrykerConfig, report: MutationReport): boolean {
	const result = scores(report, config.mutate);
	console.log(`\n${run.title}: score per module (killed / (killed + survived); equivalent and ignored mutants left out)\n`);
	console.log(scoreTable([{ title: run.title, scores: result }]));
	const all = mutantsOf(report);
	const ignored = new Map<string, number>();
	for (const m of all.filter((m) => m.status === 'Ignored')) ignored.set(m.reason ?? '?', (ignored.get(m.reason ?? '?') ?? 0) + 1);
	if (ignored.size > 0) {
		console.log('\nIgnored (scripts/mutation/ignorers.mjs):');
		for (const [reason, count] of ignored) console.log(`  ${count} × ${reason}`);
	}
	const equivalent = all.filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && explanationOf(m));
	if (equivalent.length > 0) {
		console.log(`\nEquivalent, left out of the score (scripts/mutation/equivalent.ts): ${equivalent.length}`);
		for (const m of equivalent) console.log(`  ${describeMutant(m)}\n      ${explanationOf(m)!.reason}`);
	}
	const survivors = unexplainedSurvivors(report);
	console.log(`\nSurvivors that need a test or an explanation: ${survivors.length}`);
	for (const m of survivors) console.log(`  ${describeMutant(m)}`);
	const score = result.total.score ?? 0;
	const held = score >= run.target;
	console.log(`\n${run.title}: ${score.toFixed(1)} % of ${result.total.killed + result.total.survived} mutants killed (target ${run.target} %): ${held ? 'held' : 'BELOW TARGET'}`);
	return held;
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const flag = (name: string) => args.includes(name);
	const valueOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

	if (flag('--report')) {
		const runs = [];
		for (const run of [FULL, PROPERTY, UNIT]) {
			const config = await loadConfig(run);
			const report = readReport(config);
			if (report) runs.push({ title: run.title, scores: scores(report, config.mutate) });
			else console.log(`(no report of "${run.title}" yet: ${config.jsonReporter.fileName})`);
		}
		if (runs.length > 0) console.log(scoreTable(runs));
		return 0;
	}

	const run = flag('--property-only') ? PROPERTY : flag('--unit-only') ? UNIT : FULL;
	const config = await loadConfig(run);
	// --mutate a.ts,b.ts: only those of PROMISE_MODULES (the module you changed); the others keep their last results.
	const only = valueOf('--mutate')?.split(',').filter(Boolean);
	const unknown = only?.filter((file) => !config.mutate.includes(file)) ?? [];
	if (unknown.length > 0) throw new Error(`--mutate takes modules of PROMISE_MODULES (stryker.config.mjs); not one: ${unknown.join(', ')}`);
	if (only) config.mutate = only;
	const strykerArgs = [
		'run',
		run.config,
		...(flag('--force') ? ['--force'] : []),
		...(valueOf('--concurrency') ? ['--concurrency', valueOf('--concurrency')!] : []),
		...(only ? ['--mutate', only.join(',')] : []),
	];
	const started = Date.now();
	const stryker = spawnSync(join(ROOT, 'node_modules/.bin/stryker'), strykerArgs, { cwd: ROOT, stdio: 'inherit' });
	console.log(`\nStryker took ${Math.round((Date.now() - started) / 1000)} s (exit ${stryker.status})`);
	if (stryker.status !== 0) return stryker.status ?? 1;
	const report = readReport(config);
	if (!report) {
		console.log(`No report at ${config.jsonReporter.fileName}`);
		return 1;
	}
	return printRun(run, config, report) ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
