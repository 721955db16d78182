/** The test-only views for clients in another process: the request log and expiring login tokens. */
import { createSandbox, type Sandbox } from '../../../sandbox/server';
import { call } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await createSandbox({ users: [{ loginname: 'ines', password: 'Pw-123456', kind: 'api' }] });
});
afterAll(() => sandbox.close());

test('GET /__sandbox/requests is the request log (without itself), with no token or password in it', async () => {
	sandbox.resetRequests();
	const login = await call(sandbox, 'POST', '/v7/login', { body: { loginname: 'ines', password: 'Pw-123456' }, token: null });
	await call(sandbox, 'POST', '/crm_leads/check_key', { body: { id: 'x' }, token: login.json.token });
	const log = await call(sandbox, 'GET', '/__sandbox/requests');
	expect(log.status).toBe(200);
	expect(log.json.map((r: { method: string; path: string; principal?: string }) => [r.method, r.path, r.principal])).toEqual([
		['POST', '/v7/login', 'ines'],
		['POST', '/crm_leads/check_key', 'ines'],
	]);
	expect(log.text).not.toContain('Pw-123456');
	expect(log.text).not.toContain(login.json.token);
});

test('POST /__sandbox/tokens/expire ends every login token at once', async () => {
	const login = await call(sandbox, 'POST', '/v7/login', { body: { loginname: 'ines', password: 'Pw-123456' }, token: null });
	expect((await call(sandbox, 'POST', '/crm_leads/check_key', { body: { id: 'x' }, token: login.json.token })).status).toBe(200);
	expect((await call(sandbox, 'POST', '/__sandbox/tokens/expire')).status).toBe(200);
	expect((await call(sandbox, 'POST', '/crm_leads/check_key', { body: { id: 'x' }, token: login.json.token })).status).toBe(401);
	expect((await call(sandbox, 'POST', '/crm_leads/check_key', { body: { id: 'x' } })).status).toBe(200); // the static token lives on
});

test('logBodies keeps each API call\'s JSON body, also of a call a fault answered, never a login\'s', async () => {
	const logging = await createSandbox({ logBodies: true, faults: true, users: [{ loginname: 'ines', password: 'Pw-123456', kind: 'api' }] });
	try {
		logging.injectFault({ mode: 'status-503', times: 1, pathIncludes: '/crm_leads/save' });
		const body = [{ id: 'B1', type: 'lead', name: 'one' }];
		expect((await call(logging, 'POST', '/crm_leads/save', { body })).status).toBe(503);
		expect((await call(logging, 'POST', '/crm_leads/save', { body })).status).toBe(200);
		await call(logging, 'POST', '/v7/login', { body: { loginname: 'ines', password: 'Pw-123456' }, token: null });
		await call(logging, 'GET', '/crm_leads/B1');
		expect(logging.requests.map((r) => [r.status, r.body])).toEqual([
			[503, JSON.stringify(body)],
			[200, JSON.stringify(body)],
			[200, undefined],
			[200, undefined],
		]);
		expect(logging.getLead('B1')?.name).toBe('one');
		// Without the option nothing is kept.
		await call(sandbox, 'POST', '/crm_leads/check_key', { body: { id: 'x' } });
		expect(sandbox.requests.at(-1)?.body).toBeUndefined();
	} finally {
		await logging.close();
	}
});
