/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Users, POST /v7/login in both flavours, token lifetimes and expiry, token header and prefix. */
import { createSandbox, type SandboxUser } from '../../../sandbox/server';
import { call, jwtPayload, login, startCli, tokenFor, useTestSandbox } from './helpers';

const USERS: SandboxUser[] = [
	{ loginname: 'alice', password: 'alice-pw-93', systemId: 'SYS', orgId: 'ORG' },
	{ loginname: 'bob', password: 'bob:pw,with|marks', domain: 'corp' },
	{ loginname: 'bot', password: 'bot-pw-17', kind: 'api' },
];
const TENANT = { srfsystemid: 'SYS', srforgid: 'ORG' };

const cloud = useTestSandbox({ flavour: 'cloud', users: USERS, tokenTtlS: 600 });
const classic = useTestSandbox({ flavour: 'classic', users: USERS, tokenTtlS: 600 });

describe('cloud login', () => {
	test('answers {token, expirein}: a JWT for the user name, and appdata only with both tenant headers', async () => {
		const reply = await login(cloud.sandbox, { loginname: 'alice', password: 'alice-pw-93' });
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), expirein: 600 });
		const payload = jwtPayload(reply.json.token);
		expect(payload).toMatchObject({ sub: 'alice' });
		expect((payload.exp as number) - (payload.iat as number)).toBe(600);
		expect((await call(cloud.sandbox, 'POST', '/crm_leads/fetch_default', { token: reply.json.token, headers: TENANT, body: {} })).status).toBe(200);

		const withTenant = await login(cloud.sandbox, { loginname: 'alice', password: 'alice-pw-93' }, TENANT);
		expect(withTenant.json.appdata).toEqual({ context: expect.objectContaining({ srfsystemid: 'SYS', srforgid: 'ORG', srfusername: 'alice' }), expirein: 600 });
		// API users get no appdata (CloudUAAUtilRuntimeBase.getAppData).
		expect((await login(cloud.sandbox, { loginname: 'bot', password: 'bot-pw-17' }, TENANT)).json.appdata).toBeUndefined();
	});

	test('/uaa/login is the same login; a domain logs in name|domain', async () => {
		const reply = await call(cloud.sandbox, 'POST', '/uaa/login', { token: null, body: { loginname: 'bob', password: 'bob:pw,with|marks', domain: 'corp', mode: 'x' } });
		expect(reply.status).toBe(200);
		expect(jwtPayload(reply.json.token).sub).toBe('bob|corp');
		expect((await login(cloud.sandbox, { loginname: 'bob', password: 'bob:pw,with|marks' })).status).toBe(500);
	});

	test('a wrong password, an unknown user or a missing field: HTTP 500 {"type":"RuntimeException","code":1,"message":"用户名或密码错误"}', async () => {
		for (const body of [{ loginname: 'alice', password: 'nope' }, { loginname: 'nobody', password: 'alice-pw-93' }, { loginname: 'alice' }]) {
			const reply = await login(cloud.sandbox, body);
			expect([reply.status, reply.text]).toEqual([500, '{"type":"RuntimeException","code":1,"message":"用户名或密码错误"}']);
		}
	});

	test('any property besides loginname, password, domain, mode, rememberme: HTTP 500 "登陆请求参数异常"', async () => {
		for (const body of [{ loginname: 'alice', password: 'alice-pw-93', username: 'alice' }, { loginname: 'alice', password: 'alice-pw-93', rememberme: 'yes' }]) {
			const reply = await login(cloud.sandbox, body);
			expect([reply.status, reply.json]).toEqual([500, { type: 'RuntimeException', code: 1, message: '登陆请求参数异常' }]);
		}
	});

	test('lifetimes: rememberme 30 days, API users 24 h, others tokenTtlS', async () => {
		const lifetime = async (body: Record<string, unknown>) => {
			const reply = await login(cloud.sandbox, body);
			const payload = jwtPayload(reply.json.token);
			expect(reply.json.expirein).toBe((payload.exp as number) - (payload.iat as number));
			return reply.json.expirein as number;
		};
		expect(await lifetime({ loginname: 'alice', password: 'alice-pw-93', rememberme: true })).toBe(30 * 24 * 3600);
		expect(await lifetime({ loginname: 'bot', password: 'bot-pw-17' })).toBe(24 * 3600);
		expect(await lifetime({ loginname: 'alice', password: 'alice-pw-93', rememberme: false })).toBe(600);
	});
});

describe('classic login', () => {
	test('answers {token, user}; unknown properties are ignored; only /v7/login exists', async () => {
		const reply = await login(classic.sandbox, { loginname: 'alice', password: 'alice-pw-93', rememberme: true, extra: 1 });
		expect(reply.status).toBe(200);
		expect(Object.keys(reply.json).sort()).toEqual(['token', 'user']);
		expect(reply.json.user).toMatchObject({ userid: expect.any(String), username: 'alice', personname: 'alice', orgid: 'ORG', srfsystemid: 'SYS', srfdcid: 'ORG', superuser: 0 });
		expect(reply.json.user).not.toHaveProperty('password');
		const payload = jwtPayload(reply.json.token);
		expect((payload.exp as number) - (payload.iat as number)).toBe(600); // no rememberme in classic
		expect((await call(classic.sandbox, 'GET', '/crm_leads/get_draft', { token: reply.json.token })).status).toBe(200);
		expect((await call(classic.sandbox, 'POST', '/uaa/login', { token: null, body: { loginname: 'alice', password: 'alice-pw-93' } })).status).toBe(401);
	});

	test('a wrong password: HTTP 400 problem JSON, X-ibz-error = the user name, X-ibz-params = IBZUSER', async () => {
		const reply = await login(classic.sandbox, { loginname: 'bob', domain: 'corp', password: 'wrong' });
		expect(reply.status).toBe(400);
		expect(reply.headers.get('content-type')).toBe('application/problem+json');
		expect(reply.json).toEqual({ type: expect.stringMatching(/\/problem-with-message$/), title: '用户名密码错误', status: 400, message: 'error.bob|corp', params: 'IBZUSER' });
		expect([reply.headers.get('x-ibz-error'), reply.headers.get('x-ibz-params')]).toEqual(['bob|corp', 'IBZUSER']);
	});

	test('a blank loginname or password: HTTP 400 constraint violation naming the fields', async () => {
		const reply = await login(classic.sandbox, { loginname: ' ' });
		expect(reply.status).toBe(400);
		expect(reply.json).toMatchObject({ title: '数据校验发生错误', status: 400, path: '/v7/login' });
		expect(reply.json.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['loginname', 'password']);
		expect(reply.headers.get('x-ibz-error')).toBeNull();
	});
});

test.each(['cloud', 'classic'] as const)('%s: expireTokens() ends every login token (the flavour\'s 401); the static token lives on', async (flavour) => {
	const sandbox = flavour === 'cloud' ? cloud.sandbox : classic.sandbox;
	const token = await tokenFor(sandbox, 'alice', 'alice-pw-93');
	const read = (t: string) => call(sandbox, 'GET', '/crm_leads/get_draft', { token: t, headers: TENANT });
	expect((await read(token)).status).toBe(200);
	sandbox.expireTokens();
	const expired = await read(token);
	expect(expired.status).toBe(401);
	if (flavour === 'cloud') expect(expired.text).toBe('');
	else expect(expired.json.message).toBe('账号身份已过期，请重新登录。');
	expect((await read(sandbox.token)).status).toBe(200);
	expect((await read(await tokenFor(sandbox, 'alice', 'alice-pw-93'))).status).toBe(200);
});

test('a token is refused once its lifetime is over, and a forged one never works', async () => {
	const sandbox = await createSandbox({ users: USERS, tokenTtlS: 1 });
	try {
		const token = await tokenFor(sandbox, 'bot', 'bot-pw-17', { rememberme: false });
		const [header, , signature] = token.split('.');
		const extended = Buffer.from(JSON.stringify({ ...jwtPayload(token), exp: 4102444800 })).toString('base64url');
		expect((await call(sandbox, 'GET', '/crm_leads/get_draft', { token: `${header}.${extended}.${signature}` })).status).toBe(401);
		expect((await call(sandbox, 'GET', '/crm_leads/get_draft', { token })).status).toBe(200); // API user: 24 h
		const short = await tokenFor(sandbox, 'alice', 'alice-pw-93');
		await new Promise((resolve) => setTimeout(resolve, 2100));
		expect((await call(sandbox, 'GET', '/crm_leads/get_draft', { token: short, headers: TENANT })).status).toBe(401);
	} finally {
		await sandbox.close();
	}
});

test('tokenHeader and tokenPrefix: the token travels where the server is configured to read it', async () => {
	const raw = await createSandbox({ token: 'static-1', tokenHeader: 'X-Auth-Token', tokenPrefix: '', users: USERS });
	const prefixed = await createSandbox({ token: 'static-2', tokenPrefix: 'Token' });
	try {
		const get = (sandbox: typeof raw, headers: Record<string, string>) => call(sandbox, 'GET', '/crm_leads/get_draft', { token: null, headers });
		expect((await get(raw, { 'X-Auth-Token': 'static-1' })).status).toBe(200);
		expect((await get(raw, { Authorization: 'Bearer static-1' })).status).toBe(401);
		expect((await get(raw, { 'X-Auth-Token': 'Bearer static-1' })).status).toBe(401);
		expect((await get(raw, { 'X-Auth-Token': await tokenFor(raw, 'bot', 'bot-pw-17') })).status).toBe(200);
		expect((await get(prefixed, { Authorization: 'Token static-2' })).status).toBe(200);
		expect((await get(prefixed, { Authorization: 'Bearer static-2' })).status).toBe(401);
	} finally {
		await Promise.all([raw.close(), prefixed.close()]);
	}
});

test('the request log names the principal and the tenant, logs logins, and never holds a token or password', async () => {
	const sandbox = cloud.sandbox;
	sandbox.resetRequests();
	await login(sandbox, { loginname: 'alice', password: 'wrong-pw-55' });
	const token = await tokenFor(sandbox, 'alice', 'alice-pw-93');
	await call(sandbox, 'POST', '/crm_leads/fetch_default', { token, headers: TENANT, body: {} });
	await call(sandbox, 'GET', '/crm_leads/get_draft', { headers: { srfsystemid: 'SYS' } });
	await call(sandbox, 'GET', '/crm_leads/get_draft', { token: null });
	expect(sandbox.requests.map(({ path, status, principal, tenant }) => ({ path, status, principal, tenant }))).toEqual([
		{ path: '/v7/login', status: 500, principal: 'alice', tenant: {} },
		{ path: '/v7/login', status: 200, principal: 'alice', tenant: {} },
		{ path: '/crm_leads/fetch_default', status: 200, principal: 'alice', tenant: TENANT },
		{ path: '/crm_leads/get_draft', status: 200, principal: 'token', tenant: { srfsystemid: 'SYS' } },
		{ path: '/crm_leads/get_draft', status: 401, principal: undefined, tenant: {} },
	]);
	const logged = JSON.stringify(sandbox.requests);
	for (const secret of [token, sandbox.token, 'alice-pw-93', 'wrong-pw-55']) expect(logged).not.toContain(secret);
});

test('users: a name given twice, a missing password or an unknown kind is refused at start', async () => {
	await expect(createSandbox({ users: [USERS[0], USERS[0]] })).rejects.toThrow(/twice/);
	await expect(createSandbox({ users: [{ loginname: 'x', password: '' }] })).rejects.toThrow(/password/);
	await expect(createSandbox({ users: [{ loginname: 'x', password: 'p', kind: 'root' as never }] })).rejects.toThrow(/kind/);
	await expect(createSandbox({ tokenTtlS: 0 })).rejects.toThrow(/tokenTtlS/);
});

test('CLI: --flavour, --user (domain, attributes, a password with ":"), --token-ttl-s', async () => {
	const { child, url } = await startCli(['--flavour', 'classic', '--user', 'carol|corp,system=S9,org=O9:pa:ss', '--token-ttl-s', '90']);
	try {
		const reply = await fetch(`${url}/v7/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ loginname: 'carol', domain: 'corp', password: 'pa:ss' }) });
		const answer = (await reply.json()) as { token: string; user: Record<string, unknown> };
		expect(answer.user).toMatchObject({ username: 'carol|corp', srfsystemid: 'S9', orgid: 'O9' });
		const payload = jwtPayload(answer.token);
		expect((payload.exp as number) - (payload.iat as number)).toBe(90);
	} finally {
		child.kill('SIGKILL');
	}
}, 20_000);
