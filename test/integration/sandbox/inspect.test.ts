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
