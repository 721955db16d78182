/** Keys, base URLs and values chosen to break things: none may change where a request goes or what is stored. */
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await createSandbox({ basePath: '/api/v7' });
});
afterAll(async () => sandbox.close());

const credentials = () => ({ baseUrl: `${sandbox.url}/`, accessToken: sandbox.token });
const get = (key: string) =>
	runNode({
		credentials: credentials(),
		parameters: { resource: 'lead', operation: 'get', simplify: false, leadId: { __rl: true, mode: 'id', value: key } },
	});

const HOSTILE_KEYS = ['../../admin', 'http://other.host/x', 'a/b', 'q?x=1', 'hash#frag', '100%', 'back\\slash', 'two words', '线索 🚀', '%2e%2e', '...'];

test.each(HOSTILE_KEYS)('key %j stays one path segment under /crm_leads on the configured host and round-trips', async (key) => {
	const create = await runNode({
		credentials: credentials(),
		parameters: { resource: 'lead', operation: 'create', type: 'lead', name: `key ${key}`, additionalFields: { id: key } },
	});
	expect(create.error).toBeUndefined();
	sandbox.resetRequests();
	const { items, error } = await get(key);
	expect(error).toBeUndefined();
	expect(items[0].json.id).toBe(key);
	expect(sandbox.requests).toHaveLength(1);
	const [request] = sandbox.requests;
	expect(request.rawUrl.startsWith('/api/v7/crm_leads/')).toBe(true);
	expect(request.rawUrl.slice('/api/v7/crm_leads/'.length)).not.toContain('/');
	expect(request.status).toBe(200);
});

test('"." and ".." are refused before any request, naming the problem', async () => {
	sandbox.resetRequests();
	for (const key of ['.', '..']) {
		const { error } = await get(key);
		expect(error?.message).toBe(`"${key}" cannot be used as a record key: it is not addressable in a URL`);
	}
	expect(sandbox.requests).toHaveLength(0);
});

test.each([
	['ftp://127.0.0.1/api', 'must start with http:// or https://'],
	['http://user:pw@127.0.0.1/api', 'must not contain a user name or password'],
	['not a url', 'not a valid URL'],
])('base URL %j is rejected with a clear message', async (baseUrl, message) => {
	const { error } = await runNode({
		credentials: { baseUrl, accessToken: 'x' },
		parameters: { resource: 'lead', operation: 'get', leadId: { __rl: true, mode: 'id', value: 'a' } },
	});
	expect(error?.name).toBe('NodeOperationError');
	expect(error?.message).toContain(message);
});

test('very long strings and emoji round-trip unchanged through create and get', async () => {
	const long = `${'🚀漢字é'.repeat(20000)}\u0000?&#%`;
	const created = await runNode({
		credentials: credentials(),
		parameters: { resource: 'lead', operation: 'create', type: 'lead', name: 'long one', additionalFields: { id: 'long-1', description: long } },
	});
	expect(created.error).toBeUndefined();
	// Compared as booleans: a failing toBe would print 100,000 characters.
	expect(sandbox.getLead('long-1')?.description === long).toBe(true);
	const { items } = await get('long-1');
	expect((items[0].json.description as string).length).toBe(long.length);
	expect(items[0].json.description === long).toBe(true);
});

test('wrong value types name the field: text in a number, an unparsable date, a non-JSON object field', async () => {
	const cases: Array<[Record<string, unknown>, string]> = [
		[{ expected_revenue: 'a lot' }, 'Field "expected_revenue" expects a number'],
		[{ date_deadline: '31/31/2026' }, 'Field "date_deadline" expects a date and time'],
		[{ followers: '{not json' }, 'Field "followers" expects JSON'],
		[{ active: 'perhaps' }, 'Field "active" expects true/false'],
	];
	for (const [fields, message] of cases) {
		const { error } = await runNode({
			credentials: credentials(),
			parameters: { resource: 'lead', operation: 'create', type: 'lead', name: 'typed', additionalFields: fields },
		});
		expect(error?.message).toContain(message);
	}
});
