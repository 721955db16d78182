/** The same failures answered the cloud way and the classic way (docs/api/IBIZ-FLAVOURS.md). */
import { call, useTestSandbox, type Reply } from './helpers';

const cloud = useTestSandbox({ flavour: 'cloud', readOnlyToken: 'ro-cloud', faults: true });
const classic = useTestSandbox({ flavour: 'classic', readOnlyToken: 'ro-classic', faults: true });

const CLOUD_JSON = 'application/json;charset=UTF-8';

function expectCloud(reply: Reply, status: 500 | 403, body: Record<string, unknown>) {
	expect(reply.status).toBe(status);
	expect(reply.headers.get('content-type')).toBe(CLOUD_JSON);
	expect(reply.json).toEqual(body);
	expect(reply.headers.get('x-ibz-error')).toBeNull();
}

function expectClassic(reply: Reply, status: number, errorKey: string, detail: RegExp) {
	expect(reply.status).toBe(status);
	expect(reply.headers.get('content-type')).toBe('application/problem+json');
	expect(reply.json).toMatchObject({ status, errorKey, entityName: 'crm_lead' });
	expect(reply.json.detail).toMatch(detail);
	expect([reply.headers.get('x-ibz-error'), reply.headers.get('x-ibz-params')]).toEqual([errorKey, 'crm_lead']);
}

test('a missing record: cloud 500 INVALIDDATA (3) naming the key; classic 404', async () => {
	for (const [method, body] of [['GET', undefined], ['PUT', { name: 'x' }], ['DELETE', undefined]] as const) {
		expectCloud(await call(cloud.sandbox, method, '/crm_leads/nobody-here', { body }), 500, { type: 'DataEntityRuntimeException', code: 3, message: '无法获取指定数据[nobody-here]' });
		expectClassic(await call(classic.sandbox, method, '/crm_leads/nobody-here', { body }), 404, 'not_found', /nobody-here/);
	}
});

test('a duplicate key: cloud 500 EntityException INPUTERROR (5) with the key field in details; classic 409', async () => {
	for (const env of [cloud, classic]) await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'dup-1', type: 'lead' } });
	expectCloud(await call(cloud.sandbox, 'POST', '/crm_leads', { body: { id: 'dup-1', type: 'lead' } }), 500, {
		type: 'EntityException',
		code: 5,
		message: '标识(dup-1)[值重复错误]',
		details: [{ fieldname: 'id', fieldlogicname: '标识', fielderrortype: 4, fielderrorinfo: null }],
	});
	expectClassic(await call(classic.sandbox, 'POST', '/crm_leads', { body: { id: 'dup-1', type: 'lead' } }), 409, 'duplicate_key', /dup-1/);
});

test.each([
	['color', 'blue', '整数型', /'color' must be an integer/],
	['probability', 'likely', '数值型', /'probability' must be a number/],
	['date_deadline', '2024-03-01T10:00:00Z', '日期时间型', /'date_deadline' must be a timestamp formatted yyyy-MM-dd HH:mm:ss/],
])('a value of the wrong type (%s = %p): cloud 500 conversion error naming value, type and field; classic 400', async (field, value, typeName, reason) => {
	const body = { type: 'lead', [field]: value };
	const cloudReply = await call(cloud.sandbox, 'POST', '/crm_leads', { body });
	expect(cloudReply.status).toBe(500);
	expect(cloudReply.json).toEqual({ type: 'DataEntityRuntimeException', code: 1, message: expect.stringContaining(`转化数据[${value}]至[${typeName}]发生异常，`) });
	expect(cloudReply.json.message).toMatch(reason);
	expectClassic(await call(classic.sandbox, 'POST', '/crm_leads', { body }), 400, 'validation', reason);
});

test('a missing or unknown option value: cloud EntityException listing each field; classic 400', async () => {
	expectCloud(await call(cloud.sandbox, 'POST', '/crm_leads', { body: { name: 'no type', priority: '7' } }), 500, {
		type: 'EntityException',
		code: 5,
		message: `优先级(7)[值规则错误], field 'priority' must be one of: 0, 1, 2, 3 (got "7")\r\n类型[数据输入为空错误]`,
		details: [
			{ fieldname: 'priority', fieldlogicname: '优先级', fielderrortype: 3, fielderrorinfo: `field 'priority' must be one of: 0, 1, 2, 3 (got "7")` },
			{ fieldname: 'type', fieldlogicname: '类型', fielderrortype: 1, fielderrorinfo: null },
		],
	});
	expectClassic(await call(classic.sandbox, 'POST', '/crm_leads', { body: { name: 'no type', priority: '7' } }), 400, 'validation', /'priority' must be one of.*'type' is required/);
});

test('a missing permission: cloud 403 DEServiceAPIRuntimeException ACCESSDENY (2); classic 403', async () => {
	await call(cloud.sandbox, 'POST', '/crm_leads', { body: { id: 'ro-1', type: 'lead' } });
	expectCloud(await call(cloud.sandbox, 'DELETE', '/crm_leads/ro-1', { token: 'ro-cloud' }), 403, {
		type: 'DEServiceAPIRuntimeException',
		code: 2,
		message: '线索/商机[ro-1]不具备操作能力[DELETE]',
	});
	expectCloud(await call(cloud.sandbox, 'POST', '/crm_leads', { token: 'ro-cloud', body: { type: 'lead' } }), 403, {
		type: 'DEServiceAPIRuntimeException',
		code: 2,
		message: '线索/商机不具备操作能力[CREATE]',
	});
	expectClassic(await call(classic.sandbox, 'POST', '/crm_leads', { token: 'ro-classic', body: { type: 'lead' } }), 403, 'forbidden', /CREATE/);
});

test('no token or a wrong one: cloud 401 with an empty body; classic 401 "账号身份已过期，请重新登录。"', async () => {
	for (const token of [null, 'wrong-token']) {
		const cloudReply = await call(cloud.sandbox, 'GET', '/crm_leads/x', { token });
		expect([cloudReply.status, cloudReply.text, cloudReply.headers.get('www-authenticate')]).toEqual([401, '', null]);
		const classicReply = await call(classic.sandbox, 'GET', '/crm_leads/x', { token });
		expectClassic(classicReply, 401, 'unauthorized', /token/);
		expect(classicReply.json.message).toBe('账号身份已过期，请重新登录。');
		expect(classicReply.headers.get('www-authenticate')).toBe('Bearer');
	}
});

test('framework errors (no route, wrong method, unreadable body) keep their status; cloud answers with Spring Boot error JSON', async () => {
	const cases = [
		['GET', '/crm_leads/a/b/c', undefined, 404],
		['PATCH', '/crm_leads/x', {}, 405],
		['POST', '/crm_leads', '{"type": ', 400],
	] as const;
	for (const [method, path, body, status] of cases) {
		const reply = await call(cloud.sandbox, method, path, { body });
		expect(reply.status).toBe(status);
		expect(reply.headers.get('content-type')).toBe(CLOUD_JSON);
		expect(reply.json).toEqual({ timestamp: expect.any(String), status, error: expect.any(String), message: expect.any(String), path: path.replace(/\?.*/, '') });
		expect((await call(classic.sandbox, method, path, { body })).json).toMatchObject({ status });
	}
	expect((await call(cloud.sandbox, 'PATCH', '/crm_leads/x', { body: {} })).headers.get('allow')).toContain('PUT');
});

test('an injected internal error takes the flavour\'s shape; admin endpoint errors stay problem JSON', async () => {
	cloud.sandbox.injectFault({ mode: 'status-500', times: 1 });
	expectCloud(await call(cloud.sandbox, 'GET', '/crm_leads/x'), 500, { type: 'RuntimeException', code: 1, message: 'Injected fault: internal server error' });
	const adminError = await call(cloud.sandbox, 'POST', '/__sandbox/faults', { body: { mode: 'explode' } });
	expect([adminError.status, adminError.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
});
