/**
 * Issue 32, item 6: a server (or a WAF, gateway or proxy in front of it) that echoes the request —
 * token, login body — in any status, as JSON or not, in every encoding, gets no secret into an
 * item, an error (message, description, stored body, errorFields, cause, stack) or a log line;
 * errorFields stays small whatever the server names. Over real HTTP, both server generations.
 */
import type { ExecutionError, ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import type { FaultSpec, Flavour } from '../../sandbox/server';
import { runNode, TestCredentialsHelper, type RunResult, type TestCredentials } from '../../scripts/runNode';
import { triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';
import { leaksIn } from '../helpers/secretLeaks';

/** A token with a quote and a backslash: JSON text escapes both. */
const TOKEN = 'tok"en\\quote-5e1b9c07d4a2f86b';
/** A password with two spaces in a row, a quote, a backslash and a non-ASCII letter. */
const PASSWORD = 'Pa  ss"wö\\rd-73c0a9e1';
const USER = 'echo-user';

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const kindOf = (error?: ExecutionError) => (error?.context as { errorKind?: string } | undefined)?.errorKind;
/** Everything a run produced: the items and the error with all its properties (message, description, stack, cause, context, errorResponse). */
const produced = (result: RunResult) => ({ items: result.items, error: result.error });

describe.each(['cloud', 'classic'] as Flavour[])('%s server echoing the request', (flavour) => {
	const env = useSandbox({ flavour, faults: true, token: TOKEN, users: [{ loginname: USER, password: PASSWORD, kind: 'api' }] });
	afterEach(() => env.sandbox.clearFaults());
	const inject = (fault: FaultSpec) => env.sandbox.injectFault(fault);
	const get = (continueOnFail = false, credentials: TestCredentials | TestCredentialsHelper = env.credentials) =>
		runNode({ credentials, parameters: { resource: 'lead', operation: 'get', leadId: byId('L1') }, continueOnFail });
	const withPassword = () => ({ baseUrl: env.sandbox.url, authentication: 'password' as const, username: USER, password: PASSWORD });

	test.each([200, 400, 403, 500, 502])('a text answer with HTTP %i that echoes the token in every encoding leaves no trace of it', async (status) => {
		inject({ mode: 'echo-request', status, pathIncludes: 'crm_leads' });
		const stopped = await get();
		expect(stopped.error).toBeDefined();
		expect(leaksIn(produced(stopped), [TOKEN])).toEqual([]);

		inject({ mode: 'echo-request', status, pathIncludes: 'crm_leads' });
		const continued = await get(true);
		expect(continued.items[0].json.errorKind).toEqual(expect.any(String));
		expect(leaksIn(produced(continued), [TOKEN])).toEqual([]);
	});

	test('an error body that names the echoed token as refused fields: errorFields, message, description and the stored body are scrubbed', async () => {
		inject({ mode: 'echo-request-json', pathIncludes: 'crm_leads' });
		const stopped = await get();
		expect(kindOf(stopped.error)).toBe('invalidValue');
		// The body is kept for the editor's details panel: scrubbed in its parsed form, not only as JSON text.
		expect((stopped.error as unknown as { errorResponse?: { body?: unknown } }).errorResponse?.body).toBeDefined();
		expect(leaksIn(produced(stopped), [TOKEN])).toEqual([]);

		inject({ mode: 'echo-request-json', pathIncludes: 'crm_leads' });
		const continued = await get(true);
		expect(continued.items[0].json).toMatchObject({ errorKind: 'invalidValue', errorFields: [expect.any(String)] });
		expect(leaksIn(produced(continued), [TOKEN])).toEqual([]);
	});

	test('a login answer that echoes the password (two spaces, a quote, a backslash) leaves none of its characters', async () => {
		for (const fault of [{ mode: 'echo-request-json' }, { mode: 'echo-request', status: 500 }, { mode: 'echo-request', status: 400 }] as const) {
			inject({ ...fault, pathIncludes: '/v7/login' });
			const result = await get(true, withPassword());
			expect(result.items[0].json.errorKind).toBe('authentication');
			expect(result.items[0].json.error).toMatch(/^The server rejected the user name or password/);
			expect(leaksIn(produced(result), [PASSWORD])).toEqual([]);
		}
	});

	test('a call that echoes the token a login issued, in a 200 that is not JSON, leaves no trace of it or the password', async () => {
		inject({ mode: 'echo-request', status: 200, pathIncludes: 'crm_leads' });
		const store = new TestCredentialsHelper({ ...withPassword(), timeZone: 'Asia/Shanghai' } as unknown as ICredentialDataDecryptedObject);
		const result = await get(true, store);
		expect(result.items[0].json.errorKind).toBe('server');
		expect(store.tokens).toHaveLength(1);
		expect(leaksIn(produced(result), [PASSWORD, ...store.tokens])).toEqual([]);
	});

	test('2,001 refused fields of 600 characters: errorFields keeps at most 100 names of at most 100 characters, the message counts them all', async () => {
		inject({ mode: 'many-fields', pathIncludes: 'crm_leads' });
		const stopped = await get();
		const fields = (stopped.error?.context as { errorFields?: string[] }).errorFields ?? [];
		expect(fields.length).toBeGreaterThan(0);
		expect(fields.length).toBeLessThanOrEqual(100);
		for (const field of fields) expect(field.length).toBeLessThanOrEqual(130);
		expect(stopped.error?.message).toMatch(/and 1996 more fields/);
		expect(JSON.stringify(stopped.error).length).toBeLessThan(40_000);

		inject({ mode: 'many-fields', pathIncludes: 'crm_leads' });
		const continued = await get(true);
		expect((continued.items[0].json.errorFields as string[]).length).toBeLessThanOrEqual(100);
		expect(JSON.stringify(continued.items[0].json).length).toBeLessThan(40_000);
	});

	test('the trigger: a poll answered by an echo page leaves no trace of the token', async () => {
		inject({ mode: 'echo-request', status: 200, pathIncludes: 'fetch_default' });
		const trigger = triggerHarness(env.credentials, { event: 'created' });
		const error = await trigger.poll('manual').then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeDefined();
		expect(leaksIn(error, [TOKEN])).toEqual([]);
	});
});

test('Continue On Fail × 50 items against an echoing server: every item an error of a kind, none holding the token', async () => {
	const env = { sandbox: await (await import('../../sandbox/server')).createSandbox({ faults: true, token: TOKEN }) };
	try {
		env.sandbox.injectFault({ mode: 'echo-request', status: 200, pathIncludes: 'crm_leads' });
		const items: INodeExecutionData[] = Array.from({ length: 50 }, (_, i) => ({ json: { id: `L${i}` } }));
		const result = await runNode({
			credentials: { baseUrl: env.sandbox.url, accessToken: TOKEN },
			parameters: { resource: 'lead', operation: 'get', leadId: byId('={{ $json.id }}'), options: { batching: { batch: { concurrency: 4 } } } },
			items,
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(50);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.errorKind).toBe('server');
		});
		expect(leaksIn(produced(result), [TOKEN])).toEqual([]);
	} finally {
		await env.sandbox.close();
	}
});

test('an unparsable Base URL with user info is refused without repeating the user info, before any request', async () => {
	for (const baseUrl of ['https://u:Secret-5b2@host:99999/api', 'https://u:Sec/ret-5b2@host/api', 'http://[u:Secret-5b2@host/api?token=T-0a9f']) {
		const result = await runNode({ credentials: { baseUrl, accessToken: 'T-0a9f-token' }, parameters: { resource: 'lead', operation: 'get', leadId: byId('a') } });
		expect(result.error?.message).toMatch(/is not a valid URL|must not contain/);
		expect(leaksIn(produced(result), ['Secret-5b2', 'Sec/ret-5b2', 'T-0a9f'])).toEqual([]);
	}
});
