/**
 * Logging in against a server that is busy, misconfigured or never accepts its own token, on both
 * generations (issue 26, defects 7 and 8): a busy login is retried per Retries When Busy and
 * reported busy; a login endpoint that answers 401 is not "a wrong password"; a token refused
 * right after a fresh login stops the logins of the execution.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, TestCredentialsHelper, type TestCredentials } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const PASSWORD = 'L0gin-Passw0rd!';
const users = [{ loginname: 'robot', password: PASSWORD, kind: 'api' as const }];

const items = (prefix: string, count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: { id: `${prefix}-${i}`, type: 'lead', name: `n${i}` } }));

describe.each(['cloud', 'classic'] as const)('%s server', (flavour) => {
	const env = useSandbox({ flavour, users, faults: true });
	beforeEach(() => {
		env.sandbox.resetRequests();
		env.sandbox.clearFaults();
	});
	const store = (extra: Partial<TestCredentials> = {}) =>
		new TestCredentialsHelper({
			baseUrl: env.sandbox.url,
			authentication: 'password',
			username: 'robot',
			password: PASSWORD,
			sessionToken: '',
			timeZone: 'Asia/Shanghai',
			...extra,
		} as unknown as ICredentialDataDecryptedObject);
	const logins = () => env.sandbox.requests.filter((r) => r.path.endsWith('/login'));
	const upsert = (credentials: TestCredentialsHelper, input: INodeExecutionData[], options: Record<string, unknown> = {}, continueOnFail = true) =>
		runNode({
			credentials,
			parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData', options },
			items: input,
			continueOnFail,
		});

	describe('defect 7: a transient login failure is retried and reported as what it is', () => {
		test.each(['status-503', 'status-429'] as const)('one %s on the login with Retries When Busy 3: logged in at the second try, nothing lost', async (mode) => {
			env.sandbox.injectFault({ mode, retryAfter: 0, pathIncludes: '/v7/login', times: 1 });
			const result = await upsert(store(), items(`${flavour}-${mode}`, 3), { maxRetries: 3 }, false);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.id)).toEqual(items(`${flavour}-${mode}`, 3).map((item) => item.json.id));
			expect(logins().map((r) => r.status)).toEqual([mode === 'status-503' ? 503 : 429, 200]);
		});

		test('a login that stays busy: tried 1 + Retries When Busy times, then kind busy, not a wrong password', async () => {
			env.sandbox.injectFault({ mode: 'status-503', retryAfter: 0, pathIncludes: '/v7/login' });
			const result = await upsert(store(), items(`${flavour}-busy`, 1), { maxRetries: 2 });
			expect(result.items[0].json.errorKind).toBe('busy');
			expect(String(result.items[0].json.error)).toMatch(/login/i);
			expect(String(result.items[0].json.error)).toMatch(/503/);
			expect(`${result.items[0].json.error} ${result.items[0].json.description}`).not.toMatch(/password/i);
			expect(logins()).toHaveLength(3);
		});

		test('a wrong Login Path that answers 401 is named as such, not as a wrong password', async () => {
			const result = await upsert(store({ loginPath: '/v7/not-the-login' }), items(`${flavour}-path`, 1));
			const { errorKind, error, description } = result.items[0].json;
			expect(errorKind).toBe('authentication');
			expect(String(error)).toMatch(/Login Path/);
			expect(String(error)).toMatch(/401/);
			expect(`${error} ${description}`).not.toMatch(/password/i);
		});

		test('a wrong Base URL whose login answers 401 is named as such, not as a wrong password', async () => {
			const result = await upsert(store({ baseUrl: `${env.sandbox.url}/wrong-prefix` }), items(`${flavour}-base`, 1));
			const { errorKind, error, description } = result.items[0].json;
			expect(errorKind).toBe('authentication');
			expect(String(error)).toMatch(/Base URL/);
			expect(`${error} ${description}`).not.toMatch(/password/i);
		});
	});

	describe('found by the login property: a second expiry inside one call', () => {
		test('a call that renewed a stale token, then met a real expiry during its busy retries, logs in again', async () => {
			env.sandbox.injectFault({ mode: 'status-429', retryAfter: 0, pathIncludes: '/crm_leads/save', times: 1 });
			let saves = 0;
			// The stale token is refused (save 0), the fresh one meets a 429 (save 1), then every token expires (save 2).
			env.sandbox.onRequest((request) => {
				if (request.path.endsWith('/crm_leads/save') && saves++ === 2) env.sandbox.expireTokens();
			});
			try {
				const result = await upsert(store({ sessionToken: 'a.stale.token' }), items(`${flavour}-twice`, 1), { maxRetries: 2 }, false);
				expect(result.error).toBeUndefined();
				expect(result.items[0].json.id).toBe(`${flavour}-twice-0`);
				expect(logins().map((r) => r.status)).toEqual([200, 200]);
			} finally {
				env.sandbox.onRequest(undefined);
			}
		});
	});

	describe('defect 8: no login storm when the server never accepts its own token', () => {
		test.each([1, 4])('Token Header Name wrong, 200 items, Continue On Fail, concurrency %i: one login, then every item fails with an authentication error that says so', async (concurrency) => {
			const result = await upsert(store({ authHeaderName: 'X-Not-Read' }), items(`${flavour}-storm`, 200), {
				batching: { batch: { concurrency } },
			});
			expect(result.items).toHaveLength(200);
			for (const item of result.items) {
				expect(item.json.errorKind).toBe('authentication');
				expect(String(item.json.error)).toMatch(/just issued/);
				expect(String(item.json.error)).toMatch(/Token Header Name/);
			}
			expect(logins()).toHaveLength(1);
			// The requests the one login's token went out with, no more.
			expect(env.sandbox.requests.length).toBeLessThanOrEqual(1 + concurrency);
			expect(JSON.stringify(result.items)).not.toContain(PASSWORD);
		});
	});
});
