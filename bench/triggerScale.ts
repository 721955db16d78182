/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run bench:trigger`: the CRM Lead Trigger's costs at 100,000 leads (README, "The trigger
 * and Get Many"), measured against the sandbox as users run it (its own process, SQLite file):
 * - Lead Deleted: requests, polls and seconds per check of the whole list, static data bytes,
 *   and the trigger's peak memory while it checks — for seeded IDs (L000001…) and for UUIDs —
 *   with no deletion and with 1,000 deletions; the cost of an idle poll between checks.
 * - Start From: The First Lead over leads written in the past year: how many executions the backlog
 *   takes, the largest one, requests per poll, static data bytes.
 * Prints a table and writes bench/results/trigger-<time>.json. `--leads N` for another size.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { demoLeads } from '../sandbox/seed';
import { createSandbox } from '../sandbox/server';
import { triggerHarness, type TriggerHarness } from '../scripts/pollTrigger';

const ROOT = join(__dirname, '..');
const argument = (name: string, fallback: number) => {
	const at = process.argv.indexOf(name);
	return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const LEADS = argument('--leads', 100_000);
const PAGE_SIZE = argument('--page-size', 1000);
const DELETIONS = Math.min(1000, Math.floor(LEADS / 100));

interface Server {
	url: string;
	token: string;
	stop: () => void;
}

async function startSandbox(args: string[]): Promise<Server> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--print-json', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
	const line = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	const { url, token } = JSON.parse(line) as { url: string; token: string };
	return { url, token, stop: () => child.kill('SIGTERM') };
}

const call = async <T>(server: Server, method: string, path: string, body?: unknown, tries = 3): Promise<T> => {
	try {
		const response = await fetch(`${server.url}${path}`, {
			method,
			headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as T;
	} catch (error) {
		// A kept-alive connection the sandbox closed meanwhile: ask again on a new one.
		if (tries <= 1) throw error;
		return await call<T>(server, method, path, body, tries - 1);
	}
};
const requestCount = async (server: Server) => await call<number>(server, 'GET', '/__sandbox/requests/count');

/** Peak RSS and heap of this process (the trigger's side) while `run` runs, above what it used before. */
async function peakMemory<T>(run: () => Promise<T>): Promise<{ result: T; rssMb: number; heapMb: number }> {
	globalThis.gc?.();
	const before = process.memoryUsage();
	let rss = before.rss;
	let heap = before.heapUsed;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		rss = Math.max(rss, now.rss);
		heap = Math.max(heap, now.heapUsed);
	}, 10);
	try {
		const result = await run();
		return { result, rssMb: round((rss - before.rss) / 1e6), heapMb: round((heap - before.heapUsed) / 1e6) };
	} finally {
		clearInterval(sampler);
	}
}

const round = (value: number) => Math.round(value * 10) / 10;
const bytes = (trigger: TriggerHarness) => JSON.stringify(trigger.staticData()).length;

/** Polls until a check of the whole list is over (the state holds no running check). */
async function check(server: Server, trigger: TriggerHarness): Promise<{ polls: number; requests: number; seconds: number; emitted: number; largest: number }> {
	const before = await requestCount(server);
	const started = Date.now();
	let polls = 0;
	let emitted = 0;
	let largest = 0;
	do {
		const items = await trigger.poll();
		polls++;
		emitted += items.length;
		largest = Math.max(largest, items.length);
	} while ((trigger.staticData().state as { check?: unknown; missing?: string }).check !== undefined || (trigger.staticData().state as { missing?: string }).missing !== 'a');
	return { polls, requests: (await requestCount(server)) - before, seconds: round((Date.now() - started) / 1000), emitted, largest };
}

async function deletions(label: string, server: Server, ids: string[]): Promise<Record<string, unknown>> {
	const credentials = { baseUrl: server.url, accessToken: server.token, timeZone: 'UTC' };
	const trigger = triggerHarness(credentials, { event: 'deleted', options: { pageSize: PAGE_SIZE, checkDeletionsEvery: 0 } });
	const first = await peakMemory(() => check(server, trigger));
	const quiet = await peakMemory(() => check(server, trigger));
	for (const id of ids.slice(0, DELETIONS)) await call(server, 'DELETE', `/crm_leads/${encodeURIComponent(id)}`);
	const busy = await peakMemory(() => check(server, trigger));
	const idle = triggerHarness(credentials, { event: 'deleted', options: { pageSize: PAGE_SIZE, checkDeletionsEvery: 60 } });
	await check(server, idle);
	const before = await requestCount(server);
	await idle.poll();
	const idleRequests = (await requestCount(server)) - before;
	return {
		ids: label,
		staticDataBytes: bytes(trigger),
		firstCheck: { ...first.result, peakRssMb: first.rssMb, peakHeapMb: first.heapMb },
		checkNoDeletion: { ...quiet.result, peakRssMb: quiet.rssMb, peakHeapMb: quiet.heapMb },
		[`check${DELETIONS}Deleted`]: { ...busy.result, peakRssMb: busy.rssMb, peakHeapMb: busy.heapMb },
		idlePollRequests: idleRequests,
	};
}

async function backfill(server: Server): Promise<Record<string, unknown>> {
	const trigger = triggerHarness({ baseUrl: server.url, accessToken: server.token, timeZone: 'UTC' }, { event: 'created', startFrom: 'beginning', options: { pageSize: PAGE_SIZE } });
	const started = Date.now();
	let executions = 0;
	let largest = 0;
	let emitted = 0;
	let maxBytes = 0;
	let maxRequests = 0;
	let polls = 0;
	const measured = await peakMemory(async () => {
		for (;;) {
			const before = await requestCount(server);
			const items = await trigger.poll();
			polls++;
			maxRequests = Math.max(maxRequests, (await requestCount(server)) - before);
			maxBytes = Math.max(maxBytes, bytes(trigger));
			if (items.length === 0 && !(trigger.staticData().state as { catchUp?: unknown }).catchUp) return;
			if (items.length > 0) executions++;
			emitted += items.length;
			largest = Math.max(largest, items.length);
		}
	});
	return { leads: emitted, executions, largestExecution: largest, polls, maxRequestsPerPoll: maxRequests, maxStaticDataBytes: maxBytes, seconds: round((Date.now() - started) / 1000), peakRssMb: measured.rssMb, peakHeapMb: measured.heapMb };
}

async function main(): Promise<void> {
	const work = mkdtempSync(join(tmpdir(), 'crm-trigger-scale-'));
	const results: Record<string, unknown> = { leads: LEADS, pageSize: PAGE_SIZE, maxLeadsPerPoll: 1000 };
	try {
		// Seeded IDs (L000001…), as iBiz servers that count their keys.
		let server = await startSandbox(['--seed', String(LEADS), '--db', join(work, 'seeded.db')]);
		try {
			const seeded = Array.from({ length: LEADS }, (_, i) => `L${String(i + 1).padStart(6, '0')}`);
			results.deletedSeededIds = await deletions('L000001…', server, seeded.filter((_, i) => i % 97 === 0));
		} finally {
			server.stop();
		}
		// UUIDs, as most iBiz servers generate them, on leads written over the past year (one every
		// five minutes): the demo seed's dates run into the future past ~50,000 leads.
		const uuidDb = join(work, 'uuids.db');
		const filler = await createSandbox({ dbPath: uuidDb });
		const uuids = Array.from({ length: LEADS }, () => randomUUID());
		const now = Date.now();
		const stamp = (i: number) => new Date(now - (LEADS - i) * 300_000 - 60_000).toISOString().slice(0, 19).replace('T', ' ');
		filler.insertLeads(demoLeads(LEADS).map((lead, i) => ({ ...lead, id: uuids[i], create_date: stamp(i), write_date: stamp(i) })));
		await filler.close();
		server = await startSandbox(['--db', uuidDb, '--time-zone', 'UTC']);
		try {
			results.backfill = await backfill(server);
			results.deletedUuids = await deletions('UUID', server, uuids);
		} finally {
			server.stop();
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	console.log(JSON.stringify(results, null, 2));
	mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
	const file = join(ROOT, 'bench', 'results', `trigger-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify(results, null, 2));
	console.log(`written to ${file}`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
