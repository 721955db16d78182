/**
 * The classification of failures (transport/errorKinds.ts) on its own: the rules of
 * docs/api/IBIZ-FLAVOURS.md for both generations, the English renderings, and hostile answers.
 * The same rules against the real sandbox: test/integration/serverErrors.test.ts.
 */
import type { INode } from 'n8n-workflow';

import { classifyFailure, errorKindOf, type FailureContext } from '../../nodes/CrmLead/transport/errorKinds';
import type { HttpFailure } from '../../credentials/common/httpFailure';
import { toNodeApiError } from '../../nodes/CrmLead/transport/apiError';

const node = { name: 'CRM Lead', type: 'crmLead', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const classify = (failure: Partial<HttpFailure>, context: Partial<FailureContext> = {}) =>
	classifyFailure({ headers: {}, body: undefined, ...failure }, { operation: 'Get lead', ...context });
const cloud = (code: number, message: string, extra: Record<string, unknown> = {}) => ({ type: 'SomeException', code, message, ...extra });

describe('cloud: HTTP 500 for nearly everything; type, code, message and details decide', () => {
	test.each([
		['code 3 on a keyed call', cloud(3, '无法获取指定数据[L1]'), { recordKey: 'L1' }, 'notFound', "Lead 'L1' was not found"],
		['code 3 without a key, the phrase names it', cloud(3, '无法获取指定数据[L2]'), {}, 'notFound', "Lead 'L2' was not found"],
		['code 5, fielderrortype 4', cloud(5, '标识(L7)[值重复错误]', { details: [{ fieldname: 'id', fieldlogicname: '标识', fielderrortype: 4, fielderrorinfo: null }] }), {}, 'alreadyExists', "A lead with ID 'L7' already exists"],
		['code 6', cloud(6, 'duplicate'), { recordKey: 'L8' }, 'alreadyExists', "A lead with ID 'L8' already exists"],
		['code 1, Duplicate entry (a deleted key)', cloud(1, "Duplicate entry 'L9' for key 'PRIMARY'"), {}, 'alreadyExists', expect.stringContaining("The ID 'L9' is taken")],
		['code 1, conversion', cloud(1, '转化数据[abc]至[数值型]发生异常，For input string: "abc"'), {}, 'invalidValue', 'A field: value abc has the wrong type (expected a number)'],
		['code 5 lines without details', cloud(5, '优先级(7)[值规则错误], bad\r\n类型[数据输入为空错误]'), {}, 'invalidValue', 'Field "priority" (优先级): value 7 is not in its list (0, 1, 2, 3); Field "type" (类型) is required'],
		['code 2', cloud(2, '线索/商机[L1]不具备操作能力[UPDATE]'), { recordKey: 'L1' }, 'permission', "Permission denied: the user may not UPDATE Lead 'L1'"],
		['code 1, wrong password', cloud(1, '用户名或密码错误'), {}, 'authentication', 'The server refused the login: wrong user name or password'],
		['code 1, malformed login', cloud(1, '登陆请求参数异常'), {}, 'invalidRequest', expect.stringContaining('登陆请求参数异常')],
		['code 1, anything else', cloud(1, 'NullPointerException'), {}, 'server', 'The server had an internal error: NullPointerException'],
		['an unknown type/code combination', cloud(42, '新的错误'), {}, 'server', 'The server had an internal error: 新的错误'],
	])('%s', (_case, body, context, kind, message) => {
		const status = (body as { code: number }).code === 2 ? 403 : 500;
		expect(classify({ status, body }, context)).toMatchObject({ kind, message });
	});

	test('the field errors of an EntityException name the fields, the description keeps the words and the status', () => {
		const result = classify({
			status: 500,
			body: { type: 'EntityException', code: 5, message: '数据校验错误', details: [{ fieldname: 'probability', fielderrorinfo: '必须为数值' }] },
		});
		expect(result).toEqual({
			kind: 'invalidValue',
			message: 'Field "probability" (概率): 必须为数值',
			description: 'Get lead failed with HTTP 500: 数据校验错误',
			fields: ['probability'],
		});
	});

	test('empty 401 and 403: authentication and tenant, with what to check in each credential mode', () => {
		expect(classify({ status: 401 }, { auth: { mode: 'accessToken', tenant: false } })).toMatchObject({ kind: 'authentication', message: expect.stringContaining('expire after 2 hours') });
		expect(classify({ status: 401 }, { auth: { mode: 'password', tenant: false } }).message).toContain('even after logging in again');
		expect(classify({ status: 403 }, { auth: { mode: 'password', tenant: false } })).toMatchObject({ kind: 'tenant', message: expect.stringContaining('set System ID and Organization ID') });
		expect(classify({ status: 403 }, { auth: { mode: 'password', tenant: true } }).message).toContain('do not match the user');
		expect(classify({ status: 403 }).description).toBe('Get lead failed with HTTP 403 and an empty body');
	});

	test('Spring Boot error JSON (no route): invalidRequest even on a keyed call', () => {
		const body = { timestamp: 'now', status: 404, error: 'Not Found', message: 'No endpoint', path: '/x' };
		expect(classify({ status: 404, body }, { recordKey: 'L1' }).kind).toBe('invalidRequest');
	});
});

describe('classic: the status decides, X-ibz-error and the problem JSON give the words', () => {
	test.each([
		[404, { detail: "No crm_lead with key 'L1'" }, { recordKey: 'L1' }, 'notFound'],
		[404, { detail: 'No endpoint' }, {}, 'invalidRequest'],
		[409, { detail: "A crm_lead with id 'L1' already exists" }, { recordKey: 'L1' }, 'alreadyExists'],
		[400, { detail: "Invalid crm_lead: field 'type' is required" }, {}, 'invalidValue'],
		[400, { detail: "Unknown filter 'n_x_eq'" }, {}, 'invalidRequest'],
		[400, { title: '用户名密码错误', message: 'error.alice' }, {}, 'authentication'],
		[401, { message: '账号身份已过期，请重新登录。' }, {}, 'authentication'],
		[403, { detail: 'no CREATE' }, {}, 'permission'],
		[405, { detail: 'no PATCH' }, {}, 'invalidRequest'],
		[429, { detail: 'slow down' }, {}, 'busy'],
		[502, '<html>bad gateway</html>', {}, 'busy'],
		[504, '', {}, 'busy'],
		[500, { detail: 'boom' }, {}, 'server'],
	])('HTTP %i %j → %s', (status, body, context, kind) => {
		expect(classify({ status, body }, context as Partial<FailureContext>).kind).toBe(kind);
	});

	test('an empty body: the URL-encoded X-ibz-error or x-message header are the words', () => {
		expect(classify({ status: 400, body: '', headers: { 'x-ibz-error': encodeURIComponent('数据不存在') } }).message).toBe('The server refused the request as invalid: 数据不存在');
		expect(classify({ status: 500, body: '', headers: { 'x-message': encodeURIComponent('服务暂停') } }).message).toBe('The server had an internal error: 服务暂停');
	});
});

describe('hostile answers: a kind, a bounded message, never a crash', () => {
	test.each([
		['an HTML page', 500, '<!DOCTYPE html><html><body>oops</body></html>', 'server', 'The server had an internal error (it sent an HTML error page)'],
		['plain text', 500, 'Oops: the backend fell over', 'server', 'The server had an internal error: Oops: the backend fell over'],
		['JSON that is an array', 500, [1, 2], 'server', 'The server had an internal error'],
		['a number', 400, 42, 'invalidRequest', 'The server refused the request as invalid'],
		['null', 500, null, 'server', 'The server had an internal error'],
		['an unknown status', 418, { detail: 'teapot' }, 'invalidRequest', 'The server refused the request as invalid: teapot'],
		['a 3-digit status no one uses', 599, { message: 'odd' }, 'server', 'The server failed with HTTP 599: odd'],
	])('%s', (_case, status, body, kind, message) => {
		expect(classify({ status, body })).toMatchObject({ kind, message });
	});

	test('control characters become spaces, line breaks "; "', () => {
		const result = classify({ status: 500, body: cloud(1, 'a\u0000b\u001b[31mc\r\nd\u0007e\u009b') });
		expect(result.message).toBe('The server had an internal error: a b [31mc; d e');
		expect(`${result.message}${result.description}`).not.toMatch(/(?![\t\n])\p{Cc}/u);
	});

	test('a 100 KB message is cut, and says how much was left out', () => {
		const result = classify({ status: 500, body: cloud(1, 'x'.repeat(100_000)) }, { recordKey: 'k'.repeat(5000) });
		expect(result.message.length).toBeLessThan(400);
		expect(result.description.length).toBeLessThan(1200);
		expect(result.description).toContain('more characters)');
	});

	test.each([
		['cloud, code 5', 500, cloud(5, `${'优先级('.repeat(20_000)}[值规则错误]`)],
		['cloud, conversion', 500, cloud(1, `${'转化数据['.repeat(20_000)}]`)],
		['classic, 400', 400, { detail: `${"field '".repeat(20_000)}x` }],
	])('a 100 KB hostile message (%s) is classified quickly', (_case, status, body) => {
		const started = Date.now();
		const result = classify({ status, body });
		expect(Date.now() - started).toBeLessThan(500);
		expect(result.message.length).toBeLessThan(2500);
	});

	test('a network failure: connection, or busy for a timeout', () => {
		expect(classify({ code: 'ECONNREFUSED' }).kind).toBe('connection');
		expect(classify({ code: 'ECONNABORTED', networkMessage: 'timeout of 400ms exceeded' }, { timeoutMs: 400 })).toMatchObject({ kind: 'busy', message: expect.stringContaining('within 400 ms') });
	});

	test('a failed login is authentication, in its own words', () => {
		expect(classify({ loginMessage: 'The server rejected the user name or password: 用户名或密码错误 (HTTP 500)' })).toMatchObject({
			kind: 'authentication',
			message: 'The server rejected the user name or password: 用户名或密码错误 (HTTP 500)',
		});
	});
});

describe('the NodeApiError', () => {
	const error = (failure: Partial<HttpFailure>) =>
		toNodeApiError(node, { headers: {}, body: undefined, ...failure }, { operation: 'Get lead', recordKey: 'L1', secrets: ['tok-secret'] });

	test('carries the kind, the English message, the description and the status as sent', () => {
		const e = error({ status: 500, body: cloud(3, '无法获取指定数据[L1]') });
		expect([e.message, e.description, e.httpCode, errorKindOf(e)]).toEqual([
			"Lead 'L1' was not found",
			'Get lead failed with HTTP 500: 无法获取指定数据[L1] (the record was not found)',
			'500',
			'notFound',
		]);
	});

	test('no secret survives in message, description or body; a huge body is not kept', () => {
		const e = error({ status: 400, body: { message: 'token tok-secret is odd' } });
		expect(JSON.stringify({ m: e.message, d: e.description, c: e.cause, r: e.errorResponse })).not.toContain('tok-secret');
		const huge = error({ status: 500, body: cloud(1, 'y'.repeat(100_000)) });
		expect(JSON.stringify(huge).length).toBeLessThan(10_000);
	});

	test('a failed login has no status', () => {
		expect(error({ loginMessage: 'refused' }).httpCode).toBeNull();
	});
});
