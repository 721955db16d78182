/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Login renewal (User Name & Password) under random busy answers (429/502/503/504) at any login
 * or call, tokens that expire mid-run, a stale stored token, and a server that never accepts its
 * own token, per item and in bulk (issues 26, 35). The model:
 *  - at most one successful login per token expiry per account (plus the first one);
 *  - a busy login is retried per Retries When Busy: when all busy answers together are no more
 *    than Retries When Busy, every lead is saved; otherwise the leads that fail are kind `busy`,
 *    never `authentication`;
 *  - a token refused right after a fresh login stops the logins: one login, every item an
 *    `authentication` error that says the token it had just issued was refused;
 *  - one output per input, paired.
 */
import fc from 'fast-check';
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import type { FaultSpec, Flavour, SandboxRequest } from '../../sandbox/server';
import { runNode, TestCredentialsHelper } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';
import { expectOneOutputPerInput, propertyTest, withServerBehaviour } from './settings';

const PASSWORD = 'Pr0perty-Passw0rd';

/** Busy answers (429/502/503/504) to `times` matching requests in a row, after letting `after` through: at any login or call. */
const busyArb = (pathIncludes: string): fc.Arbitrary<FaultSpec> =>
	fc.record({
		mode: fc.constantFrom('status-429' as const, 'status-502' as const, 'status-503' as const, 'status-504' as const),
		times: fc.integer({ min: 1, max: 2 }),
		after: fc.nat({ max: 4 }),
		pathIncludes: fc.constant(pathIncludes),
		retryAfter: fc.constant(0),
	});

const caseArb = fc.record({
	leads: fc.integer({ min: 1, max: 25 }),
	concurrency: fc.integer({ min: 1, max: 4 }),
	/** Leads Per Request: 1 (a request per lead) or bulk. */
	leadsPerRequest: fc.constantFrom(1, 1, 3, 8),
	maxRetries: fc.constantFrom(0, 1, 2, 3),
	loginFaults: fc.array(busyArb('/v7/login'), { maxLength: 2 }),
	callFaults: fc.array(busyArb('/crm_leads/save'), { maxLength: 2 }),
	/** Every token expires before the API call with this number is handled. */
	expiries: fc.array(fc.nat({ max: 30 }), { maxLength: 2 }),
	staleToken: fc.boolean(),
	tokenNeverAccepted: fc.nat({ max: 99 }).map((n) => n < 15),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const timesOf = (faults: FaultSpec[]) => faults.reduce((sum, f) => sum + (f.times ?? 0), 0);

describe.each(['cloud', 'classic'] as Flavour[])('%s: login renewal', (flavour) => {
	const env = useSandbox({ flavour, faults: true, users: [{ loginname: 'prop', password: PASSWORD, kind: 'api' }] });
	let caseNumber = 0;

	async function check(c: Case): Promise<void> {
		const prefix = `${flavour}-l${++caseNumber}`;
		const store = new TestCredentialsHelper({
			baseUrl: env.sandbox.url,
			authentication: 'password',
			username: 'prop',
			password: PASSWORD,
			sessionToken: c.staleToken ? 'a.stale.token' : '',
			timeZone: 'Asia/Shanghai',
			...(c.tokenNeverAccepted ? { authHeaderName: 'X-Not-Read' } : {}),
		} as unknown as ICredentialDataDecryptedObject);
		const items: INodeExecutionData[] = Array.from({ length: c.leads }, (_, i) => ({ json: { id: `${prefix}-${i}`, type: 'lead', name: `n${i}` } }));

		env.sandbox.resetRequests();
		env.sandbox.clearFaults();
		for (const fault of [...c.loginFaults, ...c.callFaults]) env.sandbox.injectFault(fault);
		let calls = 0;
		let callsSinceLogin = 0;
		let expiriesHappened = 0;
		const expireBetweenCalls = (request: SandboxRequest) => {
			if (request.path.endsWith('/login')) {
				callsSinceLogin = 0;
				return;
			}
			// A token expires long after it was issued: never under the calls a fresh login's token went out with.
			if (c.expiries.includes(calls) && callsSinceLogin >= c.concurrency) {
				env.sandbox.expireTokens();
				expiriesHappened++;
			}
			calls++;
			callsSinceLogin++;
		};
		const result = await withServerBehaviour(env.sandbox, expireBetweenCalls, () =>
			runNode({
				credentials: store,
				parameters: {
					resource: 'lead',
					operation: 'upsert',
					dataMode: 'autoMapInputData',
					options: { maxRetries: c.maxRetries, leadsPerRequest: c.leadsPerRequest, batching: { batch: { concurrency: c.concurrency } } },
				},
				items,
				continueOnFail: true,
			}),
		);
		expectOneOutputPerInput(result, c.leads);
		const logins = env.sandbox.requests.filter((r) => r.path.endsWith('/login'));
		const loggedIn = logins.filter((r) => r.status === 200).length;
		const kinds = result.items.map((item) => item.json.errorKind);

		if (c.tokenNeverAccepted) {
			expect(loggedIn).toBeLessThanOrEqual(1);
			// The calls in flight with the stale token, then those with the fresh one: no more.
			expect(env.sandbox.requests.filter((r) => r.status === 401).length).toBeLessThanOrEqual(c.concurrency * (c.staleToken ? 2 : 1));
			result.items.forEach((item) => {
				expect(['authentication', 'busy']).toContain(item.json.errorKind);
				if (item.json.errorKind === 'authentication') expect(String(item.json.error)).toMatch(/just issued/);
			});
			return;
		}
		expect(loggedIn).toBeLessThanOrEqual(1 + expiriesHappened);
		// Busy logins and busy calls are busy, never "check your password".
		kinds.forEach((kind) => expect([undefined, 'busy']).toContain(kind));
		if (timesOf(c.loginFaults) + timesOf(c.callFaults) <= c.maxRetries) expect(kinds.every((kind) => kind === undefined)).toBe(true);
		result.items.forEach((item, i) => {
			if (item.json.errorKind === undefined) expect(item.json.id).toBe(`${prefix}-${i}`);
		});
	}

	propertyTest('any busy answers, expiries and stored tokens', `login ${flavour}`, caseArb, check, { quick: 15, soak: 300 });
});

/**
 * What a login that does not give a token means, in the README's words ("Login renewal",
 * Troubleshooting): a wrong password is "rejected the user name or password"; a Login Path with
 * no endpoint is "There is no login endpoint at …"; a login address that answers 401 is a wrong
 * Login Path or Base URL, not a wrong password; a Login Path that is a URL "is not a path"; a
 * server that cannot be reached is kind `connection`. Every item fails so, paired, and the
 * password is in no output.
 */
type LoginAnswer = 'accepted' | 'wrong password' | 'no endpoint' | 'wants a token' | 'not a path' | 'unreachable';

const answerCaseArb = fc.record({
	answer: fc.constantFrom<LoginAnswer>('accepted', 'wrong password', 'no endpoint', 'wants a token', 'not a path', 'unreachable'),
	leads: fc.integer({ min: 1, max: 5 }),
	concurrency: fc.integer({ min: 1, max: 3 }),
	leadsPerRequest: fc.constantFrom(1, 3),
	/** Spaces around the user name, as pasted: not part of it. */
	padded: fc.boolean(),
});

type AnswerCase = typeof answerCaseArb extends fc.Arbitrary<infer T> ? T : never;

const SAYS: Record<Exclude<LoginAnswer, 'accepted' | 'unreachable'>, { says: RegExp; notSays?: RegExp }> = {
	'wrong password': { says: /rejected the user name or password/ },
	'no endpoint': { says: /There is no login endpoint at/, notSays: /password/ },
	'wants a token': { says: /Login Path.*Base URL/, notSays: /rejected the user name or password/ },
	'not a path': { says: /Login Path "[^"]*" is not a path/ },
};

describe.each(['cloud', 'classic'] as Flavour[])('%s: login answers', (flavour) => {
	const env = useSandbox({ flavour, faults: true, users: [{ loginname: 'prop', password: PASSWORD, kind: 'api' }] });
	let caseNumber = 0;

	async function check(c: AnswerCase): Promise<void> {
		const prefix = `${flavour}-la${++caseNumber}`;
		const loginPath = { 'wants a token': '/crm_leads/fetch_default', 'not a path': `${env.sandbox.url}/v7/login` }[c.answer as string];
		env.sandbox.clearFaults();
		// A server without the login route: Spring Boot's own 404.
		if (c.answer === 'no endpoint') env.sandbox.injectFault({ mode: 'no-endpoint', pathIncludes: '/v7/login' });
		const store = new TestCredentialsHelper({
			// A port nothing listens on: the sandbox's own, after it is closed, is not available here, so port 1.
			baseUrl: c.answer === 'unreachable' ? 'http://127.0.0.1:1' : env.sandbox.url,
			authentication: 'password',
			username: c.padded ? ' prop ' : 'prop',
			password: c.answer === 'wrong password' ? `${PASSWORD}-wrong` : PASSWORD,
			timeZone: 'Asia/Shanghai',
			...(loginPath ? { loginPath } : {}),
		} as unknown as ICredentialDataDecryptedObject);
		const items: INodeExecutionData[] = Array.from({ length: c.leads }, (_, i) => ({ json: { id: `${prefix}-${i}`, type: 'lead', name: `n${i}` } }));
		const result = await withServerBehaviour(env.sandbox, () => undefined, () =>
			runNode({
				credentials: store,
				parameters: {
					resource: 'lead',
					operation: 'upsert',
					dataMode: 'autoMapInputData',
					options: { leadsPerRequest: c.leadsPerRequest, batching: { batch: { concurrency: c.concurrency } } },
				},
				items,
				continueOnFail: true,
			}),
		);
		expectOneOutputPerInput(result, c.leads);
		expect(JSON.stringify(result.items)).not.toContain(PASSWORD);
		result.items.forEach((item, i) => {
			if (c.answer === 'accepted') return void expect(item.json).toMatchObject({ id: `${prefix}-${i}`, name: `n${i}` });
			if (c.answer === 'unreachable') return void expect(item.json.errorKind).toBe('connection');
			const { says, notSays } = SAYS[c.answer];
			expect(String(item.json.error)).toMatch(says);
			if (notSays) expect(String(item.json.error)).not.toMatch(notSays);
			expect(env.sandbox.getLead(`${prefix}-${i}`)).toBeUndefined();
		});
	}

	propertyTest('any login answer: saved, or the error the README names, on every item', `login answers ${flavour}`, answerCaseArb, check, { quick: 10, soak: 200 });
});
