/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The node against a misbehaving server: every fault mode of the sandbox, retries, timeouts,
 * paging that always ends, Continue On Fail at scale, and the token never leaking.
 */
import type { ExecutionError, INodeExecutionData } from 'n8n-workflow';

import type { FaultSpec } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const TOKEN = 'sandbox-secret-token-8c1f2e';
const env = useSandbox({ seed: 120, faults: true, token: TOKEN });
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const run = (parameters: Record<string, unknown>, items?: INodeExecutionData[], continueOnFail = false) =>
	runNode({ credentials: env.credentials, parameters: { resource: 'lead', ...parameters }, items, continueOnFail });

const leaks: string[] = [];
/** Everything the node produced for a run: error (all its fields) and output items. */
function expectNoLeak(result: { error?: ExecutionError; items: INodeExecutionData[] }, label: string) {
	const text = JSON.stringify({ error: result.error, description: result.error?.description, message: result.error?.message, items: result.items });
	if (text.includes(TOKEN)) leaks.push(label);
	expect(text).not.toContain(TOKEN);
}
const httpCode = (error?: ExecutionError) => (error as { httpCode?: string } | undefined)?.httpCode;
const kindOf = (error?: ExecutionError) => (error?.context as { errorKind?: string } | undefined)?.errorKind;

afterEach(() => env.sandbox.clearFaults());
afterAll(() => expect(leaks).toEqual([]));

const get = (options: Record<string, unknown> = {}) => run({ operation: 'get', leadId: byId('L000001'), options });
const inject = (fault: FaultSpec) => env.sandbox.injectFault(fault);

describe('HTTP error answers become NodeApiErrors with a kind, the status and an English message', () => {
	test.each([
		['status-500', '500', 'server', /^The server had an internal error: Injected fault/],
		['status-500-empty', '500', 'server', /^The server had an internal error$/],
		['status-502', '502', 'busy', /^Bad gateway/],
		['status-503', '503', 'busy', /^The service is unavailable/],
		['status-504', '504', 'busy', /^Gateway timeout/],
		['status-429', '429', 'busy', /^The server is rate limiting/],
		['html-error', '500', 'server', /^The server had an internal error \(it sent an HTML error page\)$/],
	] as const)('%s', async (mode, status, kind, message) => {
		inject({ mode });
		const result = await get();
		expect(result.error?.name).toBe('NodeApiError');
		expect(httpCode(result.error)).toBe(status);
		expect(kindOf(result.error)).toBe(kind);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toContain(`HTTP ${status}`);
		expect(result.error?.message).not.toMatch(/<html|<body/i);
		expectNoLeak(result, mode);
	});
});

describe('bodies that are not what they claim', () => {
	test('malformed JSON is an API error, not data', async () => {
		inject({ mode: 'malformed-json' });
		const result = await get();
		expect(result.error?.message).toMatch(/not valid JSON/);
		expect(kindOf(result.error)).toBe('server');
		expectNoLeak(result, 'malformed-json');
	});

	test('a truncated JSON answer fails instead of returning half a record', async () => {
		inject({ mode: 'truncated-json' });
		const result = await get();
		expect(result.error?.message).toMatch(/cut off/);
		expect(kindOf(result.error)).toBe('server');
		expect(result.items).toEqual([]);
		expectNoLeak(result, 'truncated-json');
	});

	test('a download that stops half-way fails instead of producing a broken file', async () => {
		inject({ mode: 'download-cut', pathIncludes: 'exportdata' });
		const result = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'importExport', operation: 'export', returnAll: true },
		});
		expect(result.error?.message).toMatch(/cut off/);
		expect(result.items).toEqual([]);
		expectNoLeak(result, 'download-cut');
	});
});

describe('timeouts and retries', () => {
	test('a server that never answers is cut off by the Timeout option', async () => {
		inject({ mode: 'hang', times: 1 });
		const started = Date.now();
		const result = await get({ timeout: 400 });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.error?.message).toMatch(/did not answer within 400 ms/);
		expect(kindOf(result.error)).toBe('busy');
		expectNoLeak(result, 'hang');
	});

	test('429 with Retry-After is retried after the wait the server asked for', async () => {
		inject({ mode: 'status-429', times: 2, retryAfter: 1 });
		env.sandbox.resetRequests();
		const started = Date.now();
		const result = await get({ maxRetries: 3 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe('L000001');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(env.sandbox.requests.filter((r) => r.path.endsWith('/L000001')).map((r) => r.status)).toEqual([429, 429, 200]);
	});

	test('retries give up after the configured count', async () => {
		inject({ mode: 'status-503', retryAfter: 0 });
		const result = await get({ maxRetries: 2 });
		expect(httpCode(result.error)).toBe('503');
		expect(env.sandbox.requests.filter((r) => r.status === 503)).toHaveLength(3);
	});

	test('a POST is not retried unless the user opts in', async () => {
		const create = (options: Record<string, unknown>, id: string) =>
			run({ operation: 'create', type: 'lead', name: 'retry', additionalFields: { id }, options });
		inject({ mode: 'status-503', times: 1, retryAfter: 0 });
		const refused = await create({ maxRetries: 3 }, 'retry-1');
		expect(httpCode(refused.error)).toBe('503');
		expect(env.sandbox.getLead('retry-1')).toBeUndefined();
		inject({ mode: 'status-503', times: 1, retryAfter: 0 });
		const retried = await create({ maxRetries: 3, retryNonIdempotent: true }, 'retry-2');
		expect(retried.error).toBeUndefined();
		expect(env.sandbox.getLead('retry-2')).toBeDefined();
	});
});

describe('paging always ends', () => {
	const getAll = () => run({ operation: 'getMany', returnAll: true, simplify: false, options: { pageSize: 25 } });

	test('a server that ignores `page` stops with a clear error after two requests', async () => {
		inject({ mode: 'ignore-page' });
		env.sandbox.resetRequests();
		const result = await getAll();
		expect(result.error?.message).toMatch(/ignore the "page" parameter/);
		expect(kindOf(result.error)).toBe('server');
		expect(env.sandbox.requests.length).toBe(2);
		expectNoLeak(result, 'ignore-page');
	});

	test('wrong-paging-headers (x-total ten times the truth) is an error naming x-total, not a list that may be short', async () => {
		inject({ mode: 'wrong-paging-headers' });
		const result = await getAll();
		expect(result.items).toEqual([]);
		expect(result.error?.message).toMatch(/^The server's x-total header says \d+ rows, but its list ended after/);
		expect(kindOf(result.error)).toBe('server');
		expectNoLeak(result, 'wrong-paging-headers');
	});

	test.each(['no-paging-headers', 'huge-page'] as const)('%s still returns every lead once', async (mode) => {
		inject({ mode });
		const result = await getAll();
		expect(result.error).toBeUndefined();
		const total = env.sandbox.countLeads();
		expect(result.items).toHaveLength(total);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(total);
	});
});

describe('Continue On Fail at scale', () => {
	/** Deterministic pseudo-random choice of which items fail (LCG). */
	function failingPattern(count: number, seed: number): boolean[] {
		let state = seed;
		return Array.from({ length: count }, () => {
			state = (state * 1103515245 + 12345) % 2 ** 31;
			return state % 5 === 0;
		});
	}

	test.each([1, 8])('1,000 items, random failures, concurrency %i: one output per input, in order, paired', async (concurrency) => {
		const fails = failingPattern(1000, 42 + concurrency);
		const items = fails.map((fail, i) => ({
			json: fail
				? i % 2
					? { id: `cof${concurrency}-${i}`, type: 'lead', name: `bad ${i}`, probability: 'lots' }
					: { id: `cof${concurrency}-${i}`, name: `no type ${i}` }
				: { id: `cof${concurrency}-${i}`, type: 'lead', name: `good ${i}` },
		}));
		const result = await run(
			{ operation: 'upsert', dataMode: 'autoMapInputData', options: { batching: { batch: { concurrency } } } },
			items,
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			if (fails[i]) expect(item.json).toMatchObject({ error: expect.any(String), errorKind: 'invalidValue' });
			else expect(item.json.id).toBe(`cof${concurrency}-${i}`);
		});
		const failed = fails.filter(Boolean).length;
		expect(failed).toBeGreaterThan(100);
		for (let i = 0; i < 1000; i++) expect(env.sandbox.getLead(`cof${concurrency}-${i}`) !== undefined).toBe(!fails[i]);
		expectNoLeak(result, `continue-on-fail-${concurrency}`);
	});
});

describe.each(['cloud', 'classic'] as const)('bad answers from a %s server: a kind, a bounded message, nothing secret, no crash', (flavour) => {
	const server = useSandbox({ flavour, faults: true, token: TOKEN });
	afterEach(() => server.sandbox.clearFaults());
	const getOne = async (continueOnFail = false) =>
		await runNode({
			credentials: server.credentials,
			parameters: { resource: 'lead', operation: 'get', leadId: byId('L1') },
			continueOnFail,
		});

	test.each([
		['status-500-text', 'server', /^The server had an internal error: Oops: the backend fell over$/],
		['html-error', 'server', /HTML error page/],
		['malformed-json', 'server', /not valid JSON/],
		['truncated-json', 'server', /cut off/],
		['unknown-error-code', flavour === 'cloud' ? 'server' : 'invalidRequest', /新的错误类型|never seen/],
		['control-characters', 'server', /^The server had an internal error: Injected fault/],
		['huge-message', 'server', /^The server had an internal error: Injected fault: 很长的错误信息/],
	] as const)('%s', async (mode, kind, message) => {
		server.sandbox.injectFault({ mode });
		const result = await getOne();
		expect(kindOf(result.error)).toBe(kind);
		expect(result.error?.message).toMatch(message);
		const shown = `${result.error?.message} ${result.error?.description}`;
		expect(shown).not.toMatch(/(?![\t\n])\p{Cc}/u);
		expect(result.error?.message.length).toBeLessThan(400);
		expect(result.error?.description?.length ?? 0).toBeLessThan(1300);
		expect(JSON.stringify(result.error).length).toBeLessThan(12_000);
		expectNoLeak(result, `${flavour} ${mode}`);

		server.sandbox.injectFault({ mode, times: 1 });
		const continued = await getOne(true);
		expect(continued.items[0].json).toMatchObject({ errorKind: kind, error: expect.stringMatching(message) });
	});
});
