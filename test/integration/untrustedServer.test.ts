/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The server is untrusted input (issue 32): each finding of the review against 0.4.0, with a
 * server — or something in front of it — that answers as an attacker or a broken proxy would
 * (test/helpers/hostileServer.ts, in front of the sandbox of each generation):
 *   1. credentials follow a redirect to another origin;
 *   2. an empty, null, number, array or string answer where a lead is read;
 *   3. Check Key reads an empty answer as "not found";
 *   4. no limit on an answer's size (gzip bombs, huge bodies);
 *   5. Timeout is an idle timeout, not a deadline (login included);
 *   9. a JSON string answer parsed twice.
 * Every test here failed on 0.4.0. The hostile-answer property suite (test/property/hostile…)
 * generalises them.
 */
import { brotliCompressSync, constants as zlibConstants, deflateSync } from 'node:zlib';
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { runNode, TestCredentialsHelper, type RunResult, type TestCredentials } from '../../scripts/runNode';
import { ContractCheckError, runContractCheck } from '../../scripts/contract/index';
import { testCredential } from '../helpers/credentialTest';
import { createHostileServer, gzipBomb, type HostileAnswer, type HostileServer, type SeenRequest } from '../helpers/hostileServer';
import { MB, peakGrowth } from '../helpers/memoryPeak';
import { operationCases, type OperationCase } from '../helpers/operationCases';
import { triggerHarness } from '../helpers/pollTrigger';
import { buildSheet } from '../helpers/workbook';

const TOKEN = 'door-static-token-5e1c9a77';
const PASSWORD = 'Door-Passw0rd-2026';
const SYSTEM_ID = 'SYS-DOOR-7';
const ORG_ID = 'ORG-DOOR-7';

const isLogin = (request: SeenRequest) => request.url.includes('/v7/login');
const json = (value: unknown, status = 200): HostileAnswer => ({
	status,
	headers: [['Content-Type', 'application/json']],
	body: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

/** Nothing secret anywhere in what the run produced. */
function expectNoSecret(result: RunResult | unknown, secrets: readonly string[]): void {
	const text = JSON.stringify(result);
	for (const secret of secrets) expect(text).not.toContain(secret);
}

/** Continue On Fail: one output per input, paired, each an error item of `kind`. */
function expectErrorItems(result: RunResult, count: number, kind: string): INodeExecutionData[] {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(count);
	result.items.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json.errorKind).toBe(kind);
	});
	return result.items;
}

let spreadsheet: Buffer;
// About 200 KB of gzip that decodes to 200 MB.
const bomb = gzipBomb(200 * MB);
beforeAll(async () => {
	spreadsheet = await buildSheet([['name', 'type'], ['from a file', 'lead']]);
});

describe.each(['cloud', 'classic'] as Flavour[])('%s server behind a hostile proxy', (flavour) => {
	let sandbox: Sandbox;
	let hostile: HostileServer;
	beforeAll(async () => {
		sandbox = await createSandbox({ flavour, seed: 20, token: TOKEN, users: [{ loginname: 'door', password: PASSWORD, systemId: SYSTEM_ID, orgId: ORG_ID }] });
		hostile = await createHostileServer(sandbox.url);
	});
	afterAll(async () => {
		await hostile.close();
		await sandbox.close();
	});
	afterEach(() => hostile.reset());

	const tokenCredentials = (extra: Partial<TestCredentials> = {}): TestCredentials => ({ baseUrl: hostile.url, accessToken: TOKEN, ...extra });
	const passwordStore = () =>
		new TestCredentialsHelper({
			baseUrl: hostile.url,
			authentication: 'password',
			username: 'door',
			password: PASSWORD,
			systemId: SYSTEM_ID,
			orgId: ORG_ID,
			authHeaderName: 'X-Auth-Token',
			authHeaderPrefix: '',
			timeZone: 'Asia/Shanghai',
		} as unknown as ICredentialDataDecryptedObject);
	const run = (operation: OperationCase, credentials: TestCredentials | TestCredentialsHelper, count = 1, options: Record<string, unknown> = {}) =>
		runNode({
			credentials,
			parameters: { ...operation.parameters, options: { ...((operation.parameters.options as object) ?? {}), ...options } },
			items: operation.items(count),
			continueOnFail: true,
		});
	const cases = () => operationCases(spreadsheet);
	const named = (name: string) => cases().find((c) => c.name === name)!;

	describe('1. credentials stay at the Base URL’s origin', () => {
		const REDIRECTS = [301, 302, 303, 307, 308];

		test('every operation: a redirect to another origin is not followed; the item is a `connection` error naming where it pointed and what to put in Base URL', async () => {
			for (const [i, operation] of cases().entries()) {
				const status = REDIRECTS[i % REDIRECTS.length];
				const store = passwordStore();
				hostile.answer((request) => (isLogin(request) ? 'forward' : { status, headers: [['Location', `${hostile.other.url}${request.url}`]], body: Buffer.from('moved') }));
				const result = await run(operation, i % 2 ? store : tokenCredentials(), 2);
				const items = expectErrorItems(result, 2, 'connection');
				for (const item of items) {
					expect(item.json.error).toContain(`a redirect to ${hostile.other.url}`);
					expect(item.json.error).toMatch(/does not follow redirects/);
				}
				expect(hostile.other.requests).toEqual([]);
				expectNoSecret(result, [TOKEN, PASSWORD, ...store.tokens]);
				hostile.reset();
			}
		}, 60_000);

		test('the login: a 307 to another origin does not re-send the user name and password there', async () => {
			hostile.answer((request) => (isLogin(request) ? { status: 307, headers: [['Location', `${hostile.other.url}/v7/login`]] } : 'forward'));
			const store = passwordStore();
			const result = await run(named('Get'), store);
			const [item] = expectErrorItems(result, 1, 'connection');
			expect(item.json.error).toContain(`a redirect to ${hostile.other.url}/v7/login`);
			expect(hostile.other.requests).toEqual([]);
			expect(store.tokens).toEqual([]);
			expectNoSecret(result, [PASSWORD]);
		});

		test('an Import upload answered 307: the spreadsheet and the token do not travel to the other origin', async () => {
			hostile.answer((request) => (request.url.includes('importdata') ? { status: 307, headers: [['Location', `${hostile.other.url}/upload`]] } : 'forward'));
			const result = await run(named('Import'), tokenCredentials({ authHeaderName: 'X-Auth-Token' }));
			expectErrorItems(result, 1, 'connection');
			expect(hostile.other.requests).toEqual([]);
		});

		test('a redirect on the same host names the Base URL it suggests, and is not followed either', async () => {
			hostile.answer((request) => ({ status: 301, headers: [['Location', `${hostile.url}/v2${request.url}`]] }));
			const result = await run(named('Get'), tokenCredentials());
			const [item] = expectErrorItems(result, 1, 'connection');
			expect(item.json.error).toContain(`set Base URL to ${hostile.url}/v2`);
			expect(hostile.requests).toHaveLength(1);
		});

		test('the trigger’s poll: not followed, a clear error', async () => {
			hostile.answer((request) => ({ status: 302, headers: [['Location', `${hostile.other.url}${request.url}`]] }));
			const trigger = triggerHarness(tokenCredentials(), { event: 'created' });
			await expect(trigger.poll()).rejects.toThrow(/redirect/);
			expect(hostile.other.requests).toEqual([]);
		});

		test('Test connection: a redirected list call, or a redirected login, sends nothing to the other origin and says it was a redirect', async () => {
			hostile.answer((request) => (isLogin(request) ? 'forward' : { status: 302, headers: [['Location', `${hostile.other.url}/crm_leads/fetch_default`]] }));
			const list = await testCredential(passwordStore());
			expect(list.status).toBe('Error');
			expect(list.message).toMatch(/redirect \(HTTP 302\)/);
			hostile.answer((request) => (isLogin(request) ? { status: 308, headers: [['Location', `${hostile.other.url}/v7/login`]] } : 'forward'));
			const login = await testCredential(passwordStore());
			expect(login).toMatchObject({ status: 'Error' });
			expect(login.message).toContain(`a redirect to ${hostile.other.url}/v7/login`);
			expect(hostile.other.requests).toEqual([]);
			expectNoSecret([list, login], [PASSWORD, TOKEN]);
		});

		test('the contract check (npm run contract): a redirected login or list call stops the check, naming the redirect; nothing reaches the other origin', async () => {
			hostile.answer((request) => ({ status: 307, headers: [['Location', `${hostile.other.url}${request.url}?token=${TOKEN}`]] }));
			await expect(runContractCheck({ baseUrl: hostile.url, token: TOKEN })).rejects.toThrow(/redirects \(HTTP 307/);
			await expect(runContractCheck({ baseUrl: hostile.url, user: 'door', password: PASSWORD, systemId: SYSTEM_ID, orgId: ORG_ID })).rejects.toThrow(ContractCheckError);
			expect(hostile.other.requests).toEqual([]);
		});
	});

	describe('2. and 3. with each generation’s own answers', () => {
		test('three Creates, the second answered with an empty body: three outputs, the second an error saying the lead may already be saved', async () => {
			let creates = 0;
			// The second is saved by the server, and its answer lost on the way back.
			hostile.answer((request) => (request.method === 'POST' && /\/crm_leads$/.test(request.url) && ++creates === 2 ? { status: 200, body: Buffer.alloc(0), afterForward: true } : 'forward'));
			const before = sandbox.countLeads();
			const result = await run(named('Create'), tokenCredentials(), 3);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.errorKind)).toEqual([undefined, 'server', undefined]);
			expect(result.items[1].json.error).toMatch(/may already have been carried out/);
			expect(result.items[0].json.name).toBe('hostile 0');
			expect(result.items[2].json.name).toBe('hostile 2');
			expect(sandbox.countLeads() - before).toBe(3);
		});

		test('the answers of both generations: 0, 1 and 2 (cloud), true and false (classic generated servers)', async () => {
			for (const [answer, state] of [[0, 'notFound'], [1, 'exists'], [2, 'deleted'], [true, 'exists'], [false, 'notFound']] as const) {
				hostile.answer(() => json(JSON.stringify(answer)));
				const { items, error } = await run(named('Check Key'), tokenCredentials());
				expect(error).toBeUndefined();
				expect(items[0].json).toMatchObject({ state, exists: state === 'exists' });
			}
			hostile.reset();
			const { items } = await run(named('Check Key'), tokenCredentials());
			expect(items[0].json).toMatchObject({ id: 'L000001', exists: true, state: 'exists', result: 1 });
		});
	});
});

describe('hostile answers, whatever the generation behind', () => {
	let sandbox: Sandbox;
	let hostile: HostileServer;
	beforeAll(async () => {
		sandbox = await createSandbox({ seed: 20, token: TOKEN });
		hostile = await createHostileServer(sandbox.url);
	});
	afterAll(async () => {
		await hostile.close();
		await sandbox.close();
	});
	afterEach(() => hostile.reset());

	const tokenCredentials = (extra: Partial<TestCredentials> = {}): TestCredentials => ({ baseUrl: hostile.url, accessToken: TOKEN, ...extra });
	const run = (operation: OperationCase, credentials: TestCredentials, count = 1, options: Record<string, unknown> = {}) =>
		runNode({
			credentials,
			parameters: { ...operation.parameters, options: { ...((operation.parameters.options as object) ?? {}), ...options } },
			items: operation.items(count),
			continueOnFail: true,
		});
	const named = (name: string) => operationCases(spreadsheet).find((c) => c.name === name)!;

	describe('2. every answer is checked for the shape the operation reads', () => {
		const NOT_A_LEAD: Array<[string, HostileAnswer, RegExp]> = [
			['an empty body', { status: 200, body: Buffer.alloc(0) }, /with an empty body where a record/],
			['null', json('null'), /with null where a record/],
			['a number', json('42'), /with the number 42 where a record/],
			['an array', json([{ id: 'L1' }, { id: 'L2' }]), /with an array of 2 values where a record/],
			['a string', json('"saved"'), /with the JSON string "saved" where a record/],
		];

		test.each(['Get', 'Get (Simplify)', 'Create', 'Update', 'Create or Update', 'Post Message', 'Get Draft'])(
			'%s: an answer that is not a lead is a `server` error saying what came — never {json: null}, a TypeError or the value as the item',
			async (name) => {
				const operation = named(name);
				for (const [, answer, said] of NOT_A_LEAD) {
					hostile.answer(() => answer);
					const result = await run(operation, tokenCredentials());
					const [item] = expectErrorItems(result, 1, 'server');
					expect(item.json.error).toMatch(said);
					expect(item.json.error).toMatch(operation.writes ? /may already have been carried out/ : /^(?!.*carried out)/);
					hostile.reset();
				}
				// Without Continue On Fail: the run fails with that error, not with n8n-core's TypeError.
				hostile.answer(() => json('null'));
				const stopped = await runNode({ credentials: tokenCredentials(), parameters: operation.parameters, items: operation.items(1) });
				expect(stopped.error?.message).toMatch(/with null where a record/);
				expect(stopped.error?.message).not.toMatch(/Cannot read properties/);
			},
		);

		test.each([
			['a null row', [{ id: 'L1' }, null], /row 2 of 2 is null/],
			['a number row', [7], /row 1 of 1 is the number 7/],
			['an object instead of a list', { id: 'L1' }, /with an object where a list of records/],
		])('Get Many: %s is a `server` error naming it, never a TypeError', async (_, page, said) => {
			hostile.answer(() => json(page));
			const [item] = expectErrorItems(await run(named('Get Many'), tokenCredentials()), 1, 'server');
			expect(item.json.error).toMatch(said);
		});

		test('the trigger: a null row is a clear error, never a TypeError', async () => {
			hostile.answer(() => json([null]));
			const trigger = triggerHarness(tokenCredentials(), { event: 'created' });
			await expect(trigger.poll()).rejects.toThrow(/row 1 of 1 is null/);
		});
	});

	describe('3. Check Key reads only the answers the servers give', () => {
		test.each([
			['an empty body', { status: 200, body: Buffer.alloc(0) } as HostileAnswer],
			['null', json('null')],
			['[]', json('[]')],
			['""', json('""')],
			['"1"', json('"1"')],
			['{}', json('{}')],
			['3', json('3')],
		])('%s is a `server` error, never exists: false', async (_, answer) => {
			hostile.answer(() => answer);
			const [item] = expectErrorItems(await run(named('Check Key'), tokenCredentials()), 1, 'server');
			expect(item.json.exists).toBeUndefined();
			expect(item.json.error).toMatch(/where a key state/);
		});

	});

	describe('4. answers are bounded in size, counted after decoding', () => {
		test('a gzip bomb (200 KB decoding to 200 MB) where a lead is read: stopped at the 32 MB JSON limit, naming it and the option; memory grows far less than 200 MB', async () => {
			hostile.answer(() => ({ status: 200, headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], body: bomb }));
			const { result, growthBytes } = await peakGrowth(() => run(named('Get'), tokenCredentials()));
			const [item] = expectErrorItems(result, 1, 'server');
			expect(item.json.error).toMatch(/larger than 32 MB/);
			expect(item.json.error).toMatch(/Options → Max Answer Size/);
			expect(growthBytes).toBeLessThan(100 * MB);
		});

		test('a gzip bomb on Print: Max Answer Size 8 stops it at 8 MB; deflate and br bombs alike', async () => {
			const bombs: Array<[string, Buffer | ReturnType<typeof gzipBomb>]> = [
				['gzip', bomb],
				['deflate', deflateSync(Buffer.alloc(64 * MB, 0x62), { level: 9 })],
				['br', brotliCompressSync(Buffer.alloc(64 * MB, 0x63), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })],
			];
			for (const [encoding, body] of bombs) {
				hostile.answer(() => ({ status: 200, headers: [['Content-Type', 'application/pdf'], ['Content-Encoding', encoding]], body }));
				const { result, growthBytes } = await peakGrowth(() => run(named('Print'), tokenCredentials(), 1, { maxAnswerSize: 8 }));
				const [item] = expectErrorItems(result, 1, 'server');
				expect(item.json.error).toMatch(/larger than 8 MB/);
				expect(growthBytes).toBeLessThan(48 * MB);
				hostile.reset();
			}
		});

		test('a 200 MB JSON string: the node stops reading at the limit, without taking the rest', async () => {
			hostile.answer(() => ({ status: 200, headers: [['Content-Type', 'application/json']], body: { prefix: Buffer.from('"'), repeat: Buffer.from('x'.repeat(4096)), total: 200 * MB } }));
			const { result, growthBytes } = await peakGrowth(() => run(named('Get'), tokenCredentials(), 1, { maxAnswerSize: 4 }));
			const [item] = expectErrorItems(result, 1, 'server');
			expect(item.json.error).toMatch(/larger than 4 MB/);
			expect(hostile.bytesSent()).toBeLessThan(24 * MB);
			expect(growthBytes).toBeLessThan(48 * MB);
		});

		test('an error answer is bounded too: a 500 with 200 MB of text', async () => {
			hostile.answer(() => ({ status: 500, headers: [['Content-Type', 'text/plain']], body: { repeat: Buffer.from('boom '), total: 200 * MB } }));
			const { result, growthBytes } = await peakGrowth(() => run(named('Get'), tokenCredentials(), 1, { maxAnswerSize: 4 }));
			expectErrorItems(result, 1, 'server');
			expect(hostile.bytesSent()).toBeLessThan(24 * MB);
			expect(growthBytes).toBeLessThan(48 * MB);
		});

		test('a big but honest answer within the limits works: a 20 MB file', async () => {
			const file = (total: number): HostileAnswer => ({
				status: 200,
				headers: [['Content-Type', 'application/octet-stream'], ['Content-Length', String(total)], ['Content-Disposition', 'attachment; filename="export.xlsx"']],
				body: { repeat: Buffer.from('0123456789abcdef'), total },
			});
			hostile.answer(() => file(20 * MB));
			const twenty = await run(named('Export'), tokenCredentials());
			expect(twenty.items[0].json).toMatchObject({ fileName: 'export.xlsx', fileSize: 20 * MB });
		});
	});

	describe('5. Timeout is a deadline for the whole request', () => {
		const trickle = (head: boolean): HostileAnswer => ({
			status: 200,
			headers: [['Content-Type', 'application/json']],
			body: Buffer.from(JSON.stringify({ id: 'L000001', name: 'x'.repeat(100) })),
			trickle: { bytes: 1, everyMs: 400, head },
		});

		test.each([
			['the body', false],
			['the status line and headers', true],
		])('Timeout 1,000 ms and a server that sends %s one byte every 400 ms: the item fails after about 1 s, kind busy', async (_, head) => {
			hostile.answer(() => trickle(head));
			const started = Date.now();
			const result = await run(named('Get'), tokenCredentials(), 1, { timeout: 1000 });
			const elapsed = Date.now() - started;
			const [item] = expectErrorItems(result, 1, 'busy');
			expect(item.json.error).toMatch(/within 1000 ms/);
			// Without a deadline the answer takes about 45 s (a byte every 400 ms); the slack is for a loaded machine.
			expect(elapsed).toBeLessThan(1000 + 6000);
		});

		test('an error whose message is 256 KB of white space is read in linear time (found by the hostile-answer suite: quadratic, about 2 minutes)', async () => {
			hostile.answer(() => json({ type: 'RuntimeException', code: 1, message: `boom${' '.repeat(256 * 1024)}!` }, 500));
			const started = Date.now();
			const [item] = expectErrorItems(await run(named('Get'), tokenCredentials()), 1, 'server');
			expect(item.json.error).toMatch(/^The server had an internal error: boom/);
			expect(Date.now() - started).toBeLessThan(3000);
		});

		test('Stop (n8n cancelling the execution) still stops a request under way', async () => {
			hostile.answer(() => ({ status: 200, hang: true }));
			const stop = new AbortController();
			const started = Date.now();
			const running = runNode({ credentials: tokenCredentials(), parameters: named('Get').parameters, signal: stop.signal });
			await new Promise((resolve) => setTimeout(resolve, 300));
			stop.abort();
			await running;
			expect(Date.now() - started).toBeLessThan(5000);
			// The node's request was closed, not left waiting for its 60 s Timeout.
			for (let waited = 0; hostile.openConnections() > 0 && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
			expect(hostile.openConnections()).toBe(0);
		});
	});

	describe('9. a JSON answer is parsed once', () => {
		test('"ok" is the string ok (not "not valid JSON"); a string holding JSON stays a string, never a record', async () => {
			hostile.answer(() => json('"ok"'));
			const [ok] = expectErrorItems(await run(named('Get'), tokenCredentials()), 1, 'server');
			expect(ok.json.error).toMatch(/the JSON string "ok" where a record/);
			hostile.answer(() => json(JSON.stringify(JSON.stringify({ id: 'L9' }))));
			const [nested] = expectErrorItems(await run(named('Get'), tokenCredentials()), 1, 'server');
			expect(nested.json.id).toBeUndefined();
			expect(nested.json.error).toMatch(/the JSON string .*where a record/);
		});
	});
});

describe('5. the login’s 30 s is a deadline too, in a run and in Test connection', () => {
	let sandbox: Sandbox;
	let hostile: HostileServer;
	beforeAll(async () => {
		sandbox = await createSandbox({ users: [{ loginname: 'door', password: PASSWORD }] });
		hostile = await createHostileServer(sandbox.url);
	});
	afterAll(async () => {
		await hostile.close();
		await sandbox.close();
	});

	test('a login answer trickled one byte every 400 ms fails after 30 s: the item is kind busy, Test connection says so', async () => {
		hostile.answer((request) =>
			isLogin(request)
				? { status: 200, headers: [['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify({ token: 'a'.repeat(400) })), trickle: { bytes: 1, everyMs: 400 } }
				: 'forward',
		);
		const credentials = () =>
			new TestCredentialsHelper({ baseUrl: hostile.url, authentication: 'password', username: 'door', password: PASSWORD, timeZone: 'UTC' } as unknown as ICredentialDataDecryptedObject);
		const started = Date.now();
		const [login, tested] = await Promise.all([
			runNode({ credentials: credentials(), parameters: { resource: 'lead', operation: 'get', leadId: { __rl: true, mode: 'id', value: 'L1' } }, continueOnFail: true }),
			testCredential(credentials()),
		]);
		const elapsed = Date.now() - started;
		expect(login.items[0].json.errorKind).toBe('busy');
		expect(login.items[0].json.error).toMatch(/did not answer within 30 s/);
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(/did not answer within 30 s/);
		expect(elapsed).toBeGreaterThan(29_000);
		// Without a deadline: about 3 minutes (a byte every 400 ms).
		expect(elapsed).toBeLessThan(30_000 + 10_000);
	}, 60_000);
});
