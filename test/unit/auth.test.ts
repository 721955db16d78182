/** The credential's pure parts: headers, the login call and its answers, shared logins, error texts. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CrmLeadApi } from '../../credentials/CrmLeadApi.credentials';
import { credentialSecrets, tenantHeaders, tokenHeader } from '../../credentials/common/authHeaders';
import { loginFailure, loginRequest, tokenFromAnswer } from '../../credentials/common/login';
import { accountKey, sharedLogin } from '../../credentials/common/sharedLogin';

const passwordCredential = (extra: Record<string, unknown> = {}) =>
	({
		baseUrl: 'https://crm.example.com/api/',
		authentication: 'password',
		username: 'alice',
		password: 'S3cret-pass!',
		sessionToken: 'jwt.session.token',
		...extra,
	}) as ICredentialDataDecryptedObject;

/** What axios throws for an HTTP error answer (what n8n's httpRequest rejects with). */
const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
	Object.assign(new Error(`Request failed with status code ${status}`), { response: { status, data, headers } });

describe('headers on every request', () => {
	test('a pasted token goes as Authorization: Bearer by default', async () => {
		const options = await new CrmLeadApi().authenticate({ baseUrl: 'x', accessToken: ' tok-1 ' }, { url: 'x' });
		expect(options.headers).toEqual({ Authorization: 'Bearer tok-1' });
	});

	test('password mode sends the token of the last login, under the configured header and prefix, with the tenant', async () => {
		const options = await new CrmLeadApi().authenticate(
			passwordCredential({ authHeaderName: 'X-Auth', authHeaderPrefix: '', systemId: 'SYS', orgId: 'ORG', accessToken: 'ignored' }),
			{ url: 'x', headers: { Accept: 'application/json' } },
		);
		expect(options.headers).toEqual({ Accept: 'application/json', 'X-Auth': 'jwt.session.token', srfsystemid: 'SYS', srforgid: 'ORG' });
	});

	test('no token yet: no token header at all (the server answers 401 and n8n logs in)', async () => {
		const options = await new CrmLeadApi().authenticate(passwordCredential({ sessionToken: '' }), { url: 'x' });
		expect(options.headers).toEqual({});
	});

	test('tenant headers only for the IDs given', () => {
		expect(tenantHeaders({ systemId: ' S ', orgId: '' })).toEqual({ srfsystemid: 'S' });
		expect(tokenHeader({ accessToken: 't', authHeaderPrefix: 'Token' })).toEqual({ name: 'Authorization', value: 'Token t' });
	});

	test('every secret of the credential is known for scrubbing', () => {
		expect(credentialSecrets(passwordCredential({ accessToken: 'tok-1234' })).sort()).toEqual(
			['S3cret-pass!', 'jwt.session.token', 'tok-1234'].sort(),
		);
	});
});

describe('the login call', () => {
	test('only the properties the servers accept, at Login Path under the Base URL', () => {
		expect(loginRequest(passwordCredential())).toMatchObject({
			method: 'POST',
			url: 'https://crm.example.com/api/v7/login',
			body: { loginname: 'alice', password: 'S3cret-pass!' },
			// The password never follows a redirect; the answer is read within a size limit (logIn).
			disableFollowRedirect: true,
			encoding: 'stream',
		});
		const full = loginRequest(
			passwordCredential({ loginPath: 'uaa/login', domain: 'acme', rememberMe: true, systemId: 'S', orgId: 'O' }),
		);
		expect(full.url).toBe('https://crm.example.com/api/uaa/login');
		expect(full.body).toEqual({ loginname: 'alice', password: 'S3cret-pass!', domain: 'acme', rememberme: true });
		expect(full.headers).toMatchObject({ srfsystemid: 'S', srforgid: 'O' });
	});

	test.each([
		['http://other.host/v7/login', 'http://other.host/v7/login'],
		['https://crm.example.com/api/v7/login', 'https://crm.example.com/api/v7/login'],
		['//other.host/v7/login', '//other.host/v7/login'],
		// A query or fragment may hold a token, user info a password: the message says they are there, not what they hold.
		['/v7/login?x=1', '/v7/login?…'],
		['/v7/login#top', '/v7/login#…'],
		['https://alice:Pass-9f3@other.host/v7/login?token=T-77c1', 'https://***@other.host/v7/login?…'],
	])('Login Path %s is refused: it is a path below the Base URL, never glued onto it', (loginPath, shown) => {
		expect(() => loginRequest(passwordCredential({ loginPath }))).toThrow(
			`Login Path "${shown}" is not a path: give only the part after the Base URL, e.g. /v7/login or /uaa/login`,
		);
	});

	test('the token of either generation’s answer', () => {
		expect(tokenFromAnswer({ token: 'a.b.c', expirein: 7200 }, 'u')).toBe('a.b.c');
		expect(tokenFromAnswer({ token: 'a.b.c', user: { userid: '1' } }, 'u')).toBe('a.b.c');
		expect(() => tokenFromAnswer({ user: {} }, 'https://x/v7/login')).toThrow('holds no token');
	});

	test.each([
		['cloud: HTTP 500 with {type, code, message}', httpError(500, { type: 'RuntimeException', code: 1, message: '用户名或密码错误' }), 'The server rejected the user name or password: 用户名或密码错误 (HTTP 500)'],
		['classic: HTTP 400 problem JSON, words in the title', httpError(400, { title: '用户名密码错误', status: 400, message: 'error.alice', params: 'IBZUSER' }, { 'x-ibz-error': 'alice' }), 'The server rejected the user name or password: 用户名密码错误 (HTTP 400)'],
		['no such endpoint', httpError(404, ''), 'There is no login endpoint at https://crm.example.com/api/v7/login (HTTP 404): check Login Path'],
		['unreachable', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'Could not reach the login endpoint https://crm.example.com/api/v7/login: ECONNREFUSED'],
	])('a failed login says what went wrong — %s', (_, error, message) => {
		expect(loginFailure(error, passwordCredential()).message).toContain(message);
	});

	test('a server that echoes the password back does not get it into the message', () => {
		const error = httpError(500, { message: 'bad password S3cret-pass! for alice' });
		const { message } = loginFailure(error, passwordCredential());
		expect(message).not.toContain('S3cret-pass!');
		expect(message).toContain('bad password *** for alice');
	});
});

describe('one login per account at a time', () => {
	test('concurrent callers share the login in flight; once it is done, the next expiry logs in afresh', async () => {
		let logins = 0;
		let release!: (token: string) => void;
		const login = () => {
			logins++;
			return new Promise<string>((resolve) => (release = resolve));
		};
		const key = accountKey(['https://x', 'alice', 'pw-1']);
		const waiting = Array.from({ length: 8 }, async () => await sharedLogin(key, login));
		release('token-1');
		expect(await Promise.all(waiting)).toEqual(Array(8).fill('token-1'));
		expect(logins).toBe(1);
		const next = sharedLogin(key, login);
		release('token-2');
		expect(await next).toBe('token-2');
		expect(logins).toBe(2);
	});

	test('a failed login is shared by those waiting, and not remembered', async () => {
		const key = accountKey(['https://y', 'bob', 'pw']);
		const failing = async () => await Promise.reject(new Error('down'));
		await expect(Promise.all([sharedLogin(key, failing), sharedLogin(key, failing)])).rejects.toThrow('down');
		expect(await sharedLogin(key, async () => 't2')).toBe('t2');
	});

	test('different accounts (another password) do not share', () => {
		expect(accountKey(['u', 'alice', 'a'])).not.toBe(accountKey(['u', 'alice', 'b']));
	});
});
