/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * One benchmark case, run in its own process so its time and peak memory are its own:
 *   tsx bench/cases.ts <case> <json args>   → prints one JSON line {ms, maxRssMb, count}
 * The "node" side runs the CRM Lead node through n8n-core (scripts/runNode: WorkflowExecute
 * with n8n's real request helper); the "raw" side does the same HTTP calls with a keep-alive axios.
 */
import http from 'node:http';

import axios from 'axios';

import { registerNodeType, runNode } from '../scripts/runNode';
import { HelperFloorNode } from './helperFloorNode';

registerNodeType('bench.helperFloor', new HelperFloorNode());

interface CaseArgs {
	url: string;
	token: string;
	count: number;
	concurrency: number;
	prefix: string;
	pageSize: number;
}

const args = JSON.parse(process.argv[3]) as CaseArgs;
const credentials = { baseUrl: args.url, accessToken: args.token };
const raw = axios.create({
	baseURL: args.url,
	headers: { Authorization: `Bearer ${args.token}`, Accept: 'application/json' },
	httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
});

const ids = () => Array.from({ length: args.count }, (_, i) => `${args.prefix}-${i}`);
const seededIds = () => Array.from({ length: args.count }, (_, i) => `L${String((i % 100000) + 1).padStart(6, '0')}`);

/** Runs fn over all indices with at most `concurrency` in flight (the raw client's equivalent of the node's Batching). */
async function pool(count: number, concurrency: number, fn: (i: number) => Promise<unknown>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) await fn(next++);
		}),
	);
}

async function node(parameters: Record<string, unknown>, items: Array<Record<string, unknown>>) {
	const result = await runNode({
		credentials,
		parameters: { resource: 'lead', ...parameters, options: { ...(parameters.options as object), batching: { batch: { concurrency: args.concurrency } } } },
		items: items.map((json) => ({ json: json as never })),
	});
	if (result.error) throw new Error(result.error.message);
	return result.items.length;
}

/** The same requests through n8n's helper alone (see helperFloorNode.ts). */
async function helperFloor(method: string, path: string, body: Record<string, unknown> | undefined, list: string[]) {
	const result = await runNode({
		credentials,
		nodeType: 'bench.helperFloor',
		parameters: { request: { method, path, body, concurrency: args.concurrency } },
		items: list.map((id) => ({ json: { id } })),
	});
	if (result.error) throw new Error(result.error.message);
	return result.items.length;
}

const CASES: Record<string, () => Promise<number>> = {
	'helper:get': () => helperFloor('GET', '/crm_leads/:id', undefined, seededIds()),
	'helper:create': () => helperFloor('POST', '/crm_leads', { type: 'lead' }, ids()),
	'helper:update': () => helperFloor('PUT', '/crm_leads/:id', { city: 'Osaka', probability: 55 }, seededIds()),
	'node:get': () =>
		node({ operation: 'get', simplify: false, leadId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, seededIds().map((id) => ({ id }))),
	'raw:get': async () => {
		const list = seededIds();
		await pool(list.length, args.concurrency, (i) => raw.get(`/crm_leads/${encodeURIComponent(list[i])}`));
		return list.length;
	},
	'node:create': () =>
		node({ operation: 'create', dataMode: 'autoMapInputData' }, ids().map((id) => ({ id, type: 'lead', name: `Bench ${id}` }))),
	'raw:create': async () => {
		const list = ids();
		await pool(list.length, args.concurrency, (i) => raw.post('/crm_leads', { id: list[i], type: 'lead', name: `Bench ${list[i]}` }));
		return list.length;
	},
	'node:update': () =>
		node(
			{ operation: 'update', leadId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, dataMode: 'autoMapInputData' },
			seededIds().map((id) => ({ id, city: 'Osaka', probability: 55 })),
		),
	'raw:update': async () => {
		const list = seededIds();
		await pool(list.length, args.concurrency, (i) => raw.put(`/crm_leads/${encodeURIComponent(list[i])}`, { city: 'Osaka', probability: 55 }));
		return list.length;
	},
	'node:getAll': () => node({ operation: 'getMany', returnAll: true, simplify: false, options: { pageSize: args.pageSize } }, [{}]),
	'raw:getAll': async () => {
		const all: unknown[] = [];
		for (let page = 0; ; page++) {
			const { data } = await raw.post<unknown[]>('/crm_leads/fetch_default', { page, size: args.pageSize });
			all.push(...data);
			if (data.length < args.pageSize) break;
		}
		return all.length;
	},
};

async function main() {
	const name = process.argv[2];
	const run = CASES[name];
	if (!run) throw new Error(`unknown case ${name}`);
	// Warm up both sides the same way (one request, and for the node one execution, which loads
	// n8n-core's lazily required modules) so the timing is the steady per-item cost, as in a running n8n.
	await raw.post('/crm_leads/fetch_default', { page: 0, size: 1 });
	if (name.startsWith('node:')) await node({ operation: 'getMany', returnAll: false, limit: 1, simplify: true }, [{}]);
	const started = performance.now();
	const count = await run();
	const ms = performance.now() - started;
	console.log(JSON.stringify({ ms, count, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
