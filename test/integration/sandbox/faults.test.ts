/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Fault injection: each mode, `times`, `pathIncludes`, and the admin endpoint's own rules. */
import { createSandbox } from '../../../sandbox/server';
import { call, useTestSandbox } from './helpers';

const env = useTestSandbox({ flavour: 'classic', seed: 50, faults: true });
const list = (body: unknown = {}) => call(env.sandbox, 'POST', '/crm_leads/fetch_default', { body });

afterEach(() => env.sandbox.clearFaults());

test('status faults hit `times` matching requests, then the server is healthy again', async () => {
	env.sandbox.injectFault({ mode: 'status-503', times: 2, retryAfter: 3 });
	const first = await call(env.sandbox, 'GET', '/crm_leads/L000001');
	expect(first.status).toBe(503);
	expect(first.headers.get('retry-after')).toBe('3');
	expect(first.json).toMatchObject({ status: 503 });
	expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(503);
	expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(200);
	expect(env.sandbox.requests.slice(-3).map((r) => r.status)).toEqual([503, 503, 200]);
});

test.each([
	['status-500', 500, 'application/problem+json'],
	['status-500-empty', 500, null],
	['status-502', 502, 'text/html'],
	['status-504', 504, 'text/html'],
	['status-429', 429, 'application/problem+json'],
	['html-error', 500, 'text/html;charset=UTF-8'],
] as const)('%s', async (mode, status, contentType) => {
	env.sandbox.injectFault({ mode, times: 1 });
	const reply = await call(env.sandbox, 'GET', '/crm_leads/L000001');
	expect(reply.status).toBe(status);
	expect(reply.headers.get('content-type')).toBe(contentType);
	if (mode === 'status-429') expect(reply.headers.get('retry-after')).toBe('1');
	if (mode === 'status-500-empty') expect(reply.text).toBe('');
	if (mode === 'status-502' || mode === 'status-504') expect(reply.headers.get('retry-after')).toBeNull();
});

test('502 and 504 send Retry-After only when the fault gives one (a proxy set up to)', async () => {
	env.sandbox.injectFault({ mode: 'status-502', times: 1, retryAfter: 0 });
	env.sandbox.injectFault({ mode: 'status-504', times: 1, retryAfter: 2 });
	expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).headers.get('retry-after')).toBe('0');
	expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).headers.get('retry-after')).toBe('2');
});

test('`after` lets that many matching requests through first: a fault at any position', async () => {
	env.sandbox.injectFault({ mode: 'status-502', after: 2, times: 2, pathIncludes: 'L000001' });
	const statuses: number[] = [];
	for (const key of ['L000001', 'L000002', 'L000001', 'L000001', 'L000001', 'L000001']) statuses.push((await call(env.sandbox, 'GET', `/crm_leads/${key}`)).status);
	// L000002 does not match, so it is not counted: the 3rd and 4th requests for L000001 are hit.
	expect(statuses).toEqual([200, 200, 200, 502, 502, 200]);
});

test('pathIncludes limits a fault to matching paths', async () => {
	env.sandbox.injectFault({ mode: 'status-500', pathIncludes: 'fetch_default' });
	expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(200);
	expect((await list()).status).toBe(500);
});

test('malformed-json and truncated-json break the body', async () => {
	env.sandbox.injectFault({ mode: 'malformed-json', times: 1 });
	const malformed = await call(env.sandbox, 'GET', '/crm_leads/L000001');
	expect(malformed.status).toBe(200);
	expect(malformed.json).toBeUndefined();
	env.sandbox.injectFault({ mode: 'truncated-json', times: 1 });
	await expect(call(env.sandbox, 'GET', '/crm_leads/L000001')).rejects.toThrow();
});

test('hang never answers; close() still ends the socket', async () => {
	const sandbox = await createSandbox({ faults: true });
	sandbox.injectFault({ mode: 'hang' });
	const pending = fetch(`${sandbox.url}/crm_leads/x`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
	const outcome = await Promise.race([pending.then(() => 'answered', () => 'failed'), new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
	expect(outcome).toBe('still waiting');
	expect(sandbox.requests).toMatchObject([{ path: '/crm_leads/x', status: 0 }]);
	const started = Date.now();
	await sandbox.close();
	expect(Date.now() - started).toBeLessThan(2000);
	await expect(pending).rejects.toThrow();
});

describe('paging faults on fetch_default', () => {
	test('ignore-page: page 0 whatever was asked, headers claiming a huge total', async () => {
		env.sandbox.injectFault({ mode: 'ignore-page' });
		const page0 = await list({ page: 0, size: 10 });
		const page3 = await list({ page: 3, size: 10 });
		expect(page3.json.map((l: { id: string }) => l.id)).toEqual(page0.json.map((l: { id: string }) => l.id));
		expect(page3.headers.get('x-page')).toBe('3');
		expect(Number(page3.headers.get('x-total'))).toBeGreaterThanOrEqual(1_000_000);
	});

	test('no-paging-headers, wrong-paging-headers, huge-page', async () => {
		env.sandbox.injectFault({ mode: 'no-paging-headers', times: 1 });
		const bare = await list({ size: 10 });
		expect(bare.json).toHaveLength(10);
		expect(bare.headers.get('x-total')).toBeNull();

		env.sandbox.injectFault({ mode: 'wrong-paging-headers', times: 1 });
		const wrong = await list({ page: 2, size: 10 });
		expect(wrong.json[0].id).toBe('L000021');
		expect([wrong.headers.get('x-page'), Number(wrong.headers.get('x-total')) > 50]).toEqual(['0', true]);

		env.sandbox.injectFault({ mode: 'huge-page', times: 1 });
		expect((await list({ page: 1, size: 10 })).json).toHaveLength(50);
	});

	test('ignore-sort, lie-x-total, silent-page-cap', async () => {
		env.sandbox.injectFault({ mode: 'ignore-sort', times: 1 });
		const unsorted = await list({ size: 3, sort: 'id,desc' });
		expect(unsorted.json.map((l: { id: string }) => l.id)).toEqual(['L000001', 'L000002', 'L000003']);

		env.sandbox.injectFault({ mode: 'lie-x-total', times: 1 });
		const lying = await list({ size: 10 });
		expect([lying.json.length, lying.headers.get('x-total')]).toEqual([10, String(Math.floor(50 / 3))]);

		env.sandbox.injectFault({ mode: 'lie-x-total', totalOffset: -1, times: 1 });
		expect((await list({ size: 10 })).headers.get('x-total')).toBe('49');
		env.sandbox.injectFault({ mode: 'lie-x-total', totalOffset: 1, times: 1 });
		expect((await list({ size: 10 })).headers.get('x-total')).toBe('51');

		env.sandbox.injectFault({ mode: 'silent-page-cap', pageCap: 7, times: 1 });
		const small = await list({ page: 1, size: 30 });
		expect([small.json.length, small.json[0].id, small.headers.get('x-per-page')]).toEqual([7, 'L000008', null]);

		env.sandbox.injectFault({ mode: 'silent-page-cap', times: 2 });
		const capped = await list({ page: 0, size: 30 });
		const next = await list({ page: 1, size: 30 });
		expect([capped.json.length, capped.headers.get('x-per-page'), capped.headers.get('x-total')]).toEqual([30, null, '50']);
		expect(next.json[0].id).toBe('L000031');
	});

	test('the Date header comes from the sandbox clock', async () => {
		env.sandbox.setNow(new Date('2026-03-01T10:00:00Z'));
		try {
			expect((await list({ size: 1 })).headers.get('date')).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
		} finally {
			env.sandbox.setNow(null);
		}
	});

	test('list faults do not touch other endpoints', async () => {
		env.sandbox.injectFault({ mode: 'huge-page', times: 1 });
		expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(200);
		expect((await list({ size: 5 })).json).toHaveLength(50);
	});
});

test('download-cut: full Content-Length, half the bytes, then the connection drops', async () => {
	env.sandbox.injectFault({ mode: 'download-cut', times: 1 });
	// A JSON endpoint is not a download: unaffected, and the fault is not used up.
	expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(200);
	await expect(call(env.sandbox, 'GET', '/crm_leads/printdata/L000001')).rejects.toThrow();
	expect((await call(env.sandbox, 'GET', '/crm_leads/printdata/L000001')).bytes.subarray(0, 5).toString()).toBe('%PDF-');
});

describe('admin endpoint', () => {
	test('POST adds, GET lists, DELETE clears; admin calls are not logged and not faulted', async () => {
		env.sandbox.resetRequests();
		const added = await call(env.sandbox, 'POST', '/__sandbox/faults', { body: { mode: 'status-500', times: 5 } });
		expect(added.json).toEqual([{ mode: 'status-500', times: 5 }]);
		expect((await call(env.sandbox, 'GET', '/__sandbox/faults')).json).toHaveLength(1);
		expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(500);
		expect((await call(env.sandbox, 'DELETE', '/__sandbox/faults')).status).toBe(200);
		expect((await call(env.sandbox, 'GET', '/crm_leads/L000001')).status).toBe(200);
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([500, 200]);
	});

	test('a bad fault spec is a 400; without `faults: true` the endpoint does not exist', async () => {
		expect((await call(env.sandbox, 'POST', '/__sandbox/faults', { body: { mode: 'explode' } })).json.detail).toMatch(/Unknown fault mode/);
		expect((await call(env.sandbox, 'POST', '/__sandbox/faults', { body: { mode: 'hang', times: 0 } })).status).toBe(400);
		for (const bad of [{ after: -1 }, { after: 1.5 }, { totalOffset: 'one' }, { pageCap: 0 }]) {
			expect((await call(env.sandbox, 'POST', '/__sandbox/faults', { body: { mode: 'lie-x-total', ...bad } })).status).toBe(400);
		}
		const plain = await createSandbox();
		try {
			expect((await call(plain, 'POST', '/__sandbox/faults', { body: { mode: 'hang' } })).status).toBe(404);
		} finally {
			await plain.close();
		}
	});
});
