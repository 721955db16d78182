/** Cloud's tenant rule (MethodHandlerBase / SysUAAUtilRuntimeBase); classic has none. */
import { call, fileForm, tokenFor, useTestSandbox } from './helpers';

const USERS = [
	{ loginname: 'alice', password: 'alice-pw', systemId: 'SYS', orgId: 'ORG' },
	{ loginname: 'free', password: 'free-pw' },
	{ loginname: 'bot', password: 'bot-pw', kind: 'api' as const },
	{ loginname: 'root', password: 'root-pw', kind: 'super' as const },
];
const TENANT = { srfsystemid: 'SYS', srforgid: 'ORG' };

const cloud = useTestSandbox({ flavour: 'cloud', users: USERS, readOnlyToken: 'ro', faults: true, seed: 3 });
const classic = useTestSandbox({ flavour: 'classic', users: USERS, seed: 3 });

const list = (sandbox: typeof cloud.sandbox, token: string, headers: Record<string, string> = {}) =>
	call(sandbox, 'POST', '/crm_leads/fetch_default', { token, headers, body: {} });

describe('cloud', () => {
	test('an ordinary user needs both srfsystemid and srforgid, else 403 with an empty body', async () => {
		const token = await tokenFor(cloud.sandbox, 'alice', 'alice-pw');
		const partial: Array<Record<string, string>> = [{}, { srfsystemid: 'SYS' }, { srforgid: 'ORG' }, { srfsystemid: 'undefined', srforgid: 'ORG' }];
		for (const headers of partial) {
			const reply = await list(cloud.sandbox, token, headers);
			expect([reply.status, reply.text]).toEqual([403, '']);
		}
		expect((await list(cloud.sandbox, token, TENANT)).status).toBe(200);
	});

	test('the headers must name the user\'s own system and organisation; a user without them may name any', async () => {
		const alice = await tokenFor(cloud.sandbox, 'alice', 'alice-pw');
		expect((await list(cloud.sandbox, alice, { srfsystemid: 'SYS', srforgid: 'OTHER' })).status).toBe(403);
		expect((await list(cloud.sandbox, alice, { srfsystemid: 'OTHER', srforgid: 'ORG' })).status).toBe(403);
		expect((await list(cloud.sandbox, await tokenFor(cloud.sandbox, 'free', 'free-pw'), { srfsystemid: 'ANY', srforgid: 'WHERE' })).status).toBe(200);
	});

	test('the portal system needs no organisation; the API-mode headers are for API and super users only', async () => {
		const alice = await tokenFor(cloud.sandbox, 'alice', 'alice-pw');
		expect((await list(cloud.sandbox, alice, { srfsystemid: 'iBizPortal' })).status).toBe(200);
		const apiMode = { ...TENANT, srfdcid: 'DC', srfdcsystemid: 'DCS', srfuserid: 'U1' };
		expect((await list(cloud.sandbox, alice, apiMode)).status).toBe(403);
		expect((await list(cloud.sandbox, await tokenFor(cloud.sandbox, 'bot', 'bot-pw'), apiMode)).status).toBe(200);
	});

	test('API users, super users and the static tokens are exempt', async () => {
		expect((await list(cloud.sandbox, await tokenFor(cloud.sandbox, 'bot', 'bot-pw'))).status).toBe(200);
		expect((await list(cloud.sandbox, await tokenFor(cloud.sandbox, 'root', 'root-pw'))).status).toBe(200);
		expect((await list(cloud.sandbox, cloud.sandbox.token)).status).toBe(200);
		expect((await list(cloud.sandbox, 'ro')).status).toBe(200);
	});

	test('every service call is covered (records, files, upload), the test-only admin endpoints are not', async () => {
		const token = await tokenFor(cloud.sandbox, 'alice', 'alice-pw');
		expect((await call(cloud.sandbox, 'GET', '/crm_leads/L000001', { token })).status).toBe(403);
		expect((await call(cloud.sandbox, 'POST', '/crm_leads', { token, body: { type: 'lead' } })).status).toBe(403);
		expect((await call(cloud.sandbox, 'GET', '/crm_leads/importtemplate', { token })).status).toBe(403);
		expect((await call(cloud.sandbox, 'POST', '/ibizutil/upload', { token, form: fileForm(Buffer.from('id\n'), 'a.csv', 'text/csv') })).status).toBe(403);
		expect((await call(cloud.sandbox, 'GET', '/__sandbox/faults', { token })).status).toBe(200);
		expect(cloud.sandbox.countLeads()).toBe(3);
	});

	test('a refused call is logged with the user and the tenant it carried', async () => {
		const token = await tokenFor(cloud.sandbox, 'alice', 'alice-pw');
		cloud.sandbox.resetRequests();
		await list(cloud.sandbox, token, { srfsystemid: 'SYS' });
		expect(cloud.sandbox.requests).toMatchObject([{ status: 403, principal: 'alice', tenant: { srfsystemid: 'SYS' } }]);
	});
});

test('classic: no tenant rule (the organisation comes from the user record)', async () => {
	const token = await tokenFor(classic.sandbox, 'alice', 'alice-pw');
	expect((await list(classic.sandbox, token)).status).toBe(200);
	expect((await list(classic.sandbox, token, { srfsystemid: 'OTHER', srforgid: 'ELSEWHERE' })).status).toBe(200);
});
