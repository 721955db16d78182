/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The credential against real iBiz behaviour (the sandbox's cloud and classic flavours): log in
 * with user name and password, keep and reuse the token across items and executions, log in again
 * once when it expires mid-run, send the tenant headers, say clearly what went wrong — and never
 * let a password or token into an output, an error or the server's request log.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode, TestCredentialsHelper, type RunResult, type TestCredentials } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const PASSWORD = 'S3cret-Passw0rd!';
const users = [
	{ loginname: 'alice', password: PASSWORD, systemId: 'SYS-1', orgId: 'ORG-1' },
	{ loginname: 'bob', password: PASSWORD, domain: 'corp', kind: 'api' as const },
];

const lead = (i: number) => ({ id: `sync-${i}`, type: 'lead', name: `Synced lead ${i}` });
const items = (count: number, from = 0): INodeExecutionData[] => Array.from({ length: count }, (_, i) => ({ json: lead(from + i) }));
const UPSERT: INodeParameters = { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData' };

describe.each(['cloud', 'classic'] as const)('%s server', (flavour) => {
	const env = useSandbox({ flavour, users, tokenTtlS: 7200 });
	const outputs: unknown[] = [];
	const stores: TestCredentialsHelper[] = [];

	/** A credential store as n8n keeps it: the stored login token survives between executions. */
	const passwordStore = (extra: Partial<TestCredentials> = {}) => {
		const store = new TestCredentialsHelper({
			baseUrl: env.sandbox.url,
			authentication: 'password',
			username: 'alice',
			password: PASSWORD,
			systemId: 'SYS-1',
			orgId: 'ORG-1',
			sessionToken: '',
			timeZone: 'Asia/Shanghai',
			...extra,
		} as unknown as ICredentialDataDecryptedObject);
		stores.push(store);
		return store;
	};
	const run = async (store: TestCredentialsHelper, parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) => {
		const result: RunResult = await runNode({ credentials: store, parameters, items: input, continueOnFail });
		outputs.push(result.items, result.error);
		return result;
	};
	const logins = () => env.sandbox.requests.filter((r) => r.path.endsWith('/v7/login'));
	const refused = () => env.sandbox.requests.filter((r) => r.status === 401);

	beforeEach(() => env.sandbox.resetRequests());

	test('logs in once for 1,000 items, sends the tenant headers with every request, and reuses the token in the next execution', async () => {
		const store = passwordStore();
		const first = await run(store, UPSERT, items(1000));
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(1000);
		expect(logins()).toHaveLength(1);
		expect(env.sandbox.requests).toHaveLength(1001);
		for (const request of env.sandbox.requests) expect(request.tenant).toEqual({ srfsystemid: 'SYS-1', srforgid: 'ORG-1' });
		expect(env.sandbox.requests.filter((r) => !r.path.endsWith('/v7/login')).every((r) => r.principal === 'alice')).toBe(true);
		expect(store.data.sessionToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // stored for the next execution

		env.sandbox.resetRequests();
		const second = await run(store, { resource: 'lead', operation: 'get', leadId: { __rl: true, mode: 'id', value: 'sync-7' } });
		expect(second.items[0].json).toMatchObject({ id: 'sync-7' });
		expect(logins()).toHaveLength(0);
	});

	test.each([1, 8])('a token that expires mid-run (concurrency %i): one login again, no item lost or repeated', async (concurrency) => {
		const store = passwordStore();
		await run(store, { resource: 'lead', operation: 'checkKey', leadId: 'warm-up' }); // logged in
		env.sandbox.resetRequests();
		// Expire every token once 250 of the 500 requests have been answered.
		const watcher = setInterval(() => {
			if (env.sandbox.requests.length >= 250) {
				env.sandbox.expireTokens();
				clearInterval(watcher);
			}
		}, 1);
		const { items: out, error } = await run(store, { ...UPSERT, options: { batching: { batch: { concurrency } } } }, items(500, 2000));
		clearInterval(watcher);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.id)).toEqual(items(500, 2000).map((item) => item.json.id));
		expect(out.map((item) => item.pairedItem)).toEqual(out.map((_, i) => ({ item: i })));
		expect(refused().length).toBeGreaterThanOrEqual(1);
		expect(logins()).toHaveLength(1); // one login again, however many requests were refused at once
		const saved = env.sandbox.requests.filter((r) => r.path.endsWith('/save') && r.status === 200);
		expect(saved).toHaveLength(500);
		expect(env.sandbox.countLeads({ n_name_like: 'Synced lead 2' })).toBeGreaterThanOrEqual(500);
	});

	test('tokens that live 2 seconds: a sync that takes longer logs in again after each expiry, and still loses nothing', async () => {
		const shortLived = await (await import('../../sandbox/server')).createSandbox({ flavour, users, tokenTtlS: 2 });
		try {
			const store = passwordStore({ baseUrl: shortLived.url });
			const started = Date.now();
			// A pause between requests stretches the run past the token's lifetime.
			const result = await runNode({
				credentials: store,
				parameters: { ...UPSERT, options: { batching: { batch: { concurrency: 1, intervalMs: 6 } } } },
				items: items(500, 5000),
			});
			outputs.push(result.items, result.error);
			const seconds = (Date.now() - started) / 1000;
			expect(result.error).toBeUndefined();
			expect(new Set(result.items.map((item) => item.json.id)).size).toBe(500);
			expect(seconds).toBeGreaterThan(2);
			const loginCount = shortLived.requests.filter((r) => r.path.endsWith('/v7/login')).length;
			const refusedCount = shortLived.requests.filter((r) => r.status === 401).length;
			expect(refusedCount).toBeGreaterThanOrEqual(1);
			expect(loginCount).toBe(1 + refusedCount); // each expiry: one refused request, one login, the request again
			expect(shortLived.requests.filter((r) => r.path.endsWith('/save') && r.status === 200)).toHaveLength(500);
		} finally {
			await shortLived.close();
		}
	});

	test('a wrong password is reported as such, without the password', async () => {
		const store = passwordStore({ password: 'wrong-password-123' });
		const { error } = await run(store, { resource: 'lead', operation: 'checkKey', leadId: 'x' });
		expect(error?.message).toMatch(/^The server rejected the user name or password/);
		expect(error?.message).toMatch(flavour === 'cloud' ? /: 用户名或密码错误 \(HTTP 500\)$/ : /: 用户名密码错误 \(HTTP 400\)$/);
		expect(JSON.stringify(error)).not.toContain('wrong-password-123');
		expect(logins().map((r) => r.status)).toEqual([flavour === 'cloud' ? 500 : 400]);
	});

	test('a domain logs in as user|domain; a custom token header and prefix are used', async () => {
		const custom = await (await import('../../sandbox/server')).createSandbox({
			flavour,
			users,
			tokenHeader: 'X-Auth-Token',
			tokenPrefix: flavour === 'cloud' ? '' : 'Bearer',
		});
		try {
			const store = passwordStore({
				baseUrl: custom.url,
				username: 'bob',
				domain: 'corp',
				systemId: '',
				orgId: '',
				authHeaderName: 'X-Auth-Token',
				authHeaderPrefix: flavour === 'cloud' ? '' : 'Bearer',
			});
			const { items: out, error } = await runNode({ credentials: store, parameters: { resource: 'lead', operation: 'checkKey', leadId: 'x' } });
			outputs.push(out, error);
			expect(error).toBeUndefined();
			expect(custom.requests.map((r) => r.principal)).toEqual(['bob|corp', 'bob|corp']);
		} finally {
			await custom.close();
		}
	});

	test('check_key: notFound, exists, and (cloud) deleted — what Create or Update does with a deleted key', async () => {
		const store = passwordStore();
		env.sandbox.insertLeads([{ id: 'ck-1', type: 'lead', name: 'To delete' }]);
		const check = async (id: string) => (await run(store, { resource: 'lead', operation: 'checkKey', leadId: id })).items[0].json;
		expect(await check('ck-none')).toMatchObject({ exists: false, state: 'notFound', result: 0 });
		expect(await check('ck-1')).toMatchObject({ exists: true, state: 'exists', result: 1 });
		await run(store, { resource: 'lead', operation: 'delete', leadId: { __rl: true, mode: 'id', value: 'ck-1' } });
		const save = await run(store, UPSERT, [{ json: { id: 'ck-1', type: 'lead', name: 'Back again?' } }], true);
		if (flavour === 'cloud') {
			expect(await check('ck-1')).toEqual({ id: 'ck-1', exists: false, state: 'deleted', result: 2, message: 'The lead with ID "ck-1" was deleted' });
			// The cloud runtime keeps the deleted row: Create or Update cannot bring the key back.
			expect(save.items[0].json).toMatchObject({ errorKind: 'alreadyExists', error: expect.stringContaining("The ID 'ck-1' is taken"), httpCode: '500' });
			expect(save.items[0].json.description).toMatch(/Duplicate entry 'ck-1'/);
		} else {
			expect(save.items[0].json).toMatchObject({ id: 'ck-1', name: 'Back again?' });
			expect(await check('ck-1')).toMatchObject({ exists: true, state: 'exists', result: 1 });
		}
	});

	if (flavour === 'cloud') {
		test('without System ID and Organization ID an ordinary user is refused with an empty 403: the error names them', async () => {
			const store = passwordStore({ systemId: '', orgId: '' });
			const { error } = await run(store, { resource: 'lead', operation: 'checkKey', leadId: 'x' });
			expect((error as { httpCode?: string }).httpCode).toBe('403');
			expect(error?.message).toContain('set System ID and Organization ID in the CRM Lead credential');
		});
	}

	afterAll(() => {
		// No password or token, in any output, any error, or the server's request log.
		const secrets = [PASSWORD, 'wrong-password-123', env.sandbox.token, ...stores.flatMap((store) => store.tokens)];
		expect(stores.flatMap((store) => store.tokens).length).toBeGreaterThan(0);
		const seen = JSON.stringify([outputs, env.sandbox.requests]);
		for (const secret of secrets) expect(seen).not.toContain(secret);
	});
});
