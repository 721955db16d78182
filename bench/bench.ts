/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run bench`: the CRM Lead node against a raw keep-alive HTTP client, side by side in one run,
 * on the sandbox as users run it (SQLite file, WAL). Prints a table of ratios and writes
 * bench/results/<time>.json. Each measurement runs in a fresh process (bench/cases.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

interface Measurement {
	ms: number;
	count: number;
	maxRssMb: number;
}

const ROOT = join(__dirname, '..');
const QUICK = process.argv.includes('--quick');
const PER_ITEM = QUICK ? 300 : 1000;
const LIST_SIZE = QUICK ? 10_000 : 100_000;
const BULK = QUICK ? 1000 : 10_000;
const REMOTE_BULK = QUICK ? 200 : 1000;

async function startSandbox(dbPath: string, extra: string[] = []): Promise<{ url: string; token: string; stop: () => void }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--db', dbPath, '--print-json', ...extra], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	const { url, token } = JSON.parse(line) as { url: string; token: string };
	return { url, token, stop: () => child.kill('SIGTERM') };
}

function measure(name: string, args: Record<string, unknown>): Measurement {
	const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/cases.ts', name, JSON.stringify(args)], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return JSON.parse(out.trim().split('\n').at(-1)!) as Measurement;
}

const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {};
let uniq = 0;

/** Mean of two runs taken in mirrored order (a b c … c b a), so warm-up and drift cancel out. */
function mirrored(cases: string[], args: Record<string, unknown>): Measurement[][] {
	const order = [...cases, ...[...cases].reverse()];
	const runs = order.map((name) => measure(name, { ...args, prefix: `${name.replace(':', '-')}-${uniq++}` }));
	return cases.map((name) => runs.filter((_, i) => order[i] === name));
}
const meanMs = (runs: Measurement[]) => runs.reduce((sum, r) => sum + r.ms, 0) / runs.length;
const peakRss = (runs: Measurement[]) => Math.round(Math.max(...runs.map((r) => r.maxRssMb)));

/** Raw keep-alive client vs n8n's own request helper vs the CRM Lead node, same requests. */
function compare(label: string, op: string, args: Record<string, unknown>, withHelper = true) {
	const cases = withHelper ? [`raw:${op}`, `helper:${op}`, `node:${op}`] : [`raw:${op}`, `node:${op}`];
	const measured = mirrored(cases, args);
	const [raw, node] = [meanMs(measured[0]), meanMs(measured.at(-1)!)];
	const helper = withHelper ? meanMs(measured[1]) : undefined;
	rows.push({
		case: label,
		'raw ms': Math.round(raw),
		'n8n helper ms': helper === undefined ? '-' : Math.round(helper),
		'node ms': Math.round(node),
		'node vs raw': (raw / node).toFixed(2),
		'node vs helper': helper === undefined ? '-' : (helper / node).toFixed(2),
		'node peak RSS MB': peakRss(measured.at(-1)!),
		'raw peak RSS MB': peakRss(measured[0]),
	});
	results[label] = Object.fromEntries(cases.map((name, i) => [name, measured[i]]));
	console.log(`  ${label}: raw ${Math.round(raw)} ms${helper ? `, n8n helper ${Math.round(helper)} ms` : ''}, node ${Math.round(node)} ms`);
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'crm-lead-bench-'));
	const started = Date.now();
	console.log(`Seeding the sandbox with ${LIST_SIZE} leads (SQLite file with WAL)…`);
	const sandbox = await startSandbox(join(work, 'bench.db'), ['--seed', String(LIST_SIZE)]);
	try {
		const base = { url: sandbox.url, token: sandbox.token, pageSize: 1000 };
		for (const concurrency of [1, 8]) {
			for (const op of ['get', 'create', 'update']) {
				compare(`${op} ×${PER_ITEM}, concurrency ${concurrency}`, op, { ...base, count: PER_ITEM, concurrency });
			}
		}
		compare(`Return All over ${LIST_SIZE} leads (pages of 1000)`, 'getAll', { ...base, count: 0, concurrency: 1 }, false);

		const pageSizes: Record<string, Measurement> = {};
		for (const pageSize of [100, 500, 1000]) {
			pageSizes[pageSize] = measure('node:getAll', { ...base, pageSize, count: 0, concurrency: 1, prefix: 'p' });
			console.log(`  Return All, page size ${pageSize}: ${Math.round(pageSizes[pageSize].ms)} ms, peak RSS ${Math.round(pageSizes[pageSize].maxRssMb)} MB`);
		}
		results.pageSizes = pageSizes;

		const sequential = measure('node:create', { ...base, count: BULK, concurrency: 1, prefix: `bulk-seq` });
		const parallel = measure('node:create', { ...base, count: BULK, concurrency: 8, prefix: `bulk-par` });
		const speedup = sequential.ms / parallel.ms;
		console.log(`  bulk create ${BULK}: sequential ${Math.round(sequential.ms)} ms, concurrency 8 ${Math.round(parallel.ms)} ms → ${speedup.toFixed(2)}×`);
		results.bulkCreate = { sequential, parallel, speedup };
	} finally {
		sandbox.stop();
	}
	// The same bulk create against a server 20 ms away, as a hosted CRM is: concurrency hides latency.
	const remote = await startSandbox(join(work, 'remote.db'), ['--latency-ms', '20']);
	try {
		const remoteArgs = { url: remote.url, token: remote.token, pageSize: 1000, count: REMOTE_BULK };
		const sequential = measure('node:create', { ...remoteArgs, concurrency: 1, prefix: 'remote-seq' });
		const parallel = measure('node:create', { ...remoteArgs, concurrency: 8, prefix: 'remote-par' });
		results.remoteBulkCreate = { latencyMs: 20, sequential, parallel, speedup: sequential.ms / parallel.ms };
		console.log(`  bulk create ${REMOTE_BULK} at 20 ms latency: sequential ${Math.round(sequential.ms)} ms, concurrency 8 ${Math.round(parallel.ms)} ms → ${(sequential.ms / parallel.ms).toFixed(2)}×`);
	} finally {
		remote.stop();
	}
	console.log('\nPer-item operations and Return All (ratios > 1 mean the node is faster):');
	console.table(rows);
	const bulk = results.bulkCreate as { sequential: Measurement; parallel: Measurement; speedup: number };
	console.log(`Bulk create of ${BULK} leads through the node: sequential ${Math.round(bulk.sequential.ms)} ms, concurrency 8 ${Math.round(bulk.parallel.ms)} ms, speed-up ${bulk.speedup.toFixed(2)}×`);
	const remoteBulk = results.remoteBulkCreate as { sequential: Measurement; parallel: Measurement; speedup: number };
	console.log(`Bulk create of ${REMOTE_BULK} leads, server 20 ms away: sequential ${Math.round(remoteBulk.sequential.ms)} ms, concurrency 8 ${Math.round(remoteBulk.parallel.ms)} ms, speed-up ${remoteBulk.speedup.toFixed(2)}×`);
	const pages = results.pageSizes as Record<string, Measurement>;
	console.log(`Return All by page size: ${Object.entries(pages).map(([size, m]) => `${size}: ${Math.round(m.ms)} ms / ${Math.round(m.maxRssMb)} MB`).join(', ')}`);
	const seconds = Math.round((Date.now() - started) / 1000);
	console.log(`Benchmark finished in ${seconds} s on ${cpus().length} cores.`);
	mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
	const file = join(ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify({ quick: QUICK, seconds, rows, results }, null, 2));
	console.log(`Results: ${file}`);
	rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
