/**
 * Every kind of failure, in both generations of iBiz servers (the sandbox's flavours): the cloud
 * runtime answers nearly everything with HTTP 500 and `{type, code, message[, details]}`, classic
 * servers with their status and problem JSON. The node gives both the same kind and the same
 * English message, keeps the server's words and status in the description, and puts the kind into
 * the Continue On Fail item.
 */
import type { ExecutionError, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CrmLead } from '../../nodes/CrmLead/CrmLead.node';
import { registerNodeType, runNode, TestCredentialsHelper, type TestCredentials } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const PASSWORD = 'Kinds-Passw0rd!';
const httpCode = (error?: ExecutionError) => (error as { httpCode?: string } | undefined)?.httpCode;
const kindOf = (error?: ExecutionError) => (error?.context as { errorKind?: string } | undefined)?.errorKind;
const extra = (pairs: Record<string, string>) => ({ parameter: Object.entries(pairs).map(([name, value]) => ({ name, value })) });

describe.each([
	{ flavour: 'cloud' as const, missing: '500', duplicate: '500', invalid: '500', permission: '403', cloud: true },
	{ flavour: 'classic' as const, missing: '404', duplicate: '409', invalid: '400', permission: '403', cloud: false },
])('$flavour server', ({ flavour, missing, duplicate, invalid, permission, cloud }) => {
	const env = useSandbox({ flavour, readOnlyToken: `ro-${flavour}`, users: [{ loginname: 'alice', password: PASSWORD, systemId: 'S1', orgId: 'O1' }], faults: true });
	const run = (parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean; credentials?: TestCredentials | TestCredentialsHelper } = {}) =>
		runNode({
			credentials: options.credentials ?? env.credentials,
			parameters: { resource: 'lead', ...parameters },
			items: options.items,
			continueOnFail: options.continueOnFail,
		});
	afterEach(() => env.sandbox.clearFaults());

	test('notFound: Get, Update, Delete and Post Message of a missing lead name it, whatever the status', async () => {
		const { error } = await run({ operation: 'get', leadId: byId('HID-0') });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe("Lead 'HID-0' was not found");
		expect(kindOf(error)).toBe('notFound');
		expect(httpCode(error)).toBe(missing);
		expect(error?.description).toContain(`Get lead failed with HTTP ${missing}: `);
		expect(error?.description).toContain(cloud ? '无法获取指定数据[HID-0] (the record was not found)' : "No crm_lead with key 'HID-0'");

		const others = [
			{ operation: 'update', leadId: byId('HID-1'), updateFields: { name: 'x' } },
			{ operation: 'delete', leadId: byId('HID-1') },
			{ operation: 'postMessage', leadId: byId('HID-1'), template: 'crm.lead_welcome' },
		];
		for (const parameters of others) {
			const failed = (await run(parameters)).error;
			expect([parameters.operation, failed?.message, kindOf(failed)]).toEqual([parameters.operation, "Lead 'HID-1' was not found", 'notFound']);
		}
	});

	test('notFound with Continue On Fail: the item carries errorKind next to error, description and httpCode', async () => {
		env.sandbox.insertLeads([{ id: 'cof-there', type: 'lead', name: 'Here' }]);
		const { items, error } = await run(
			{ operation: 'get', leadId: '={{ $json.id }}', simplify: false },
			{ items: [{ json: { id: 'cof-gone' } }, { json: { id: 'cof-there' } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			errorKind: 'notFound',
			error: "Lead 'cof-gone' was not found",
			description: expect.stringContaining(`HTTP ${missing}`),
			httpCode: missing,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ id: 'cof-there' });
	});

	test('alreadyExists: a create with an ID that exists', async () => {
		env.sandbox.insertLeads([{ id: 'dup-1', type: 'lead', name: 'First' }]);
		const { error } = await run({ operation: 'create', type: 'lead', name: 'dup', additionalFields: { id: 'dup-1' } });
		expect([error?.message, kindOf(error), httpCode(error)]).toEqual(["A lead with ID 'dup-1' already exists", 'alreadyExists', duplicate]);
		expect(error?.description).toContain(cloud ? '标识(dup-1)[值重复错误] (the value already exists)' : "A crm_lead with id 'dup-1' already exists");
	});

	test('a deleted ID saved again: alreadyExists on cloud (the key stays taken), a new lead on classic', async () => {
		env.sandbox.insertLeads([{ id: 'del-again', type: 'lead', name: 'Gone soon' }]);
		expect((await run({ operation: 'delete', leadId: byId('del-again') })).error).toBeUndefined();
		const { error } = await run({ operation: 'upsert', id: 'del-again', name: 'Back', additionalFields: { type: 'lead' } });
		if (cloud) {
			expect(kindOf(error)).toBe('alreadyExists');
			expect(error?.message).toBe("The ID 'del-again' is taken: a lead with it exists or was deleted (iBiz cloud never reuses a deleted lead's ID); use a new ID");
			expect(error?.description).toContain("Duplicate entry 'del-again' for key 'PRIMARY'");
		} else {
			expect(error).toBeUndefined();
		}
	});

	test('invalidValue: a value outside its list and a missing Type, each field named', async () => {
		const { items } = await run(
			{ operation: 'create', dataMode: 'autoMapInputData', extraParameters: extra({ priority: '7' }) },
			{ items: [{ json: { id: 'bad-1', name: 'no type' } }], continueOnFail: true },
		);
		const item = items[0].json;
		expect([item.errorKind, item.httpCode, item.errorFields]).toEqual(['invalidValue', invalid, ['priority', 'type']]);
		expect(String(item.error)).toMatch(/^Lead 'bad-1': Field "priority" \(优先级\): /);
		expect(String(item.error)).toContain(cloud ? 'value 7 is not in its list (0, 1, 2, 3)' : 'must be one of: 0, 1, 2, 3');
		expect(String(item.error)).toContain('Field "type" (类型)');
		if (cloud) expect(String(item.description)).toContain('类型[数据输入为空错误]');
	});

	test('invalidValue: a value of the wrong type reaching the server names the field', async () => {
		const { error } = await run({ operation: 'create', type: 'lead', name: 'typed', extraParameters: extra({ color: 'blue' }) });
		expect([kindOf(error), httpCode(error)]).toEqual(['invalidValue', invalid]);
		expect(error?.message).toMatch(/^Field "color"/);
		expect(error?.message).toContain(cloud ? 'value blue has the wrong type (expected a whole number)' : 'must be an integer');
		if (cloud) expect(error?.description).toContain('转化数据[blue]至[整数型]发生异常');
	});

	test('permission: a token without the DELETE permission', async () => {
		env.sandbox.insertLeads([{ id: 'ro-1', type: 'lead', name: 'Protected' }]);
		const { error } = await run({ operation: 'delete', leadId: byId('ro-1') }, { credentials: { baseUrl: env.sandbox.url, accessToken: `ro-${flavour}` } });
		expect([kindOf(error), httpCode(error)]).toEqual(['permission', permission]);
		expect(error?.message).toMatch(/^Permission denied: /);
		if (cloud) expect(error?.message).toBe("Permission denied: the user may not DELETE Lead 'ro-1'");
	});

	test('tenant: an ordinary user without System ID / Organization ID (cloud only; classic has no tenant rule)', async () => {
		const store = new TestCredentialsHelper({ baseUrl: env.sandbox.url, authentication: 'password', username: 'alice', password: PASSWORD, sessionToken: '' } as never);
		const { error } = await run({ operation: 'getMany', limit: 1 }, { credentials: store });
		if (cloud) {
			expect([kindOf(error), httpCode(error)]).toEqual(['tenant', '403']);
			expect(error?.message).toMatch(/set System ID and Organization ID/);
		} else {
			expect(error).toBeUndefined();
		}
	});

	test('authentication: a wrong token, and a wrong password', async () => {
		const wrongToken = await run({ operation: 'get', leadId: byId('x') }, { credentials: { baseUrl: env.sandbox.url, accessToken: 'not-the-token' } });
		expect([kindOf(wrongToken.error), httpCode(wrongToken.error)]).toEqual(['authentication', '401']);
		expect(wrongToken.error?.message).toMatch(/Access Token .* is wrong or expired/);
		const store = new TestCredentialsHelper({ baseUrl: env.sandbox.url, authentication: 'password', username: 'alice', password: 'wrong-pass-1', systemId: 'S1', orgId: 'O1', sessionToken: '' } as never);
		const wrongPassword = await run({ operation: 'get', leadId: byId('x') }, { credentials: store });
		expect(kindOf(wrongPassword.error)).toBe('authentication');
		expect(wrongPassword.error?.message).toMatch(/^The server rejected the user name or password: 用户名(或)?密码错误/);
		expect(JSON.stringify(wrongPassword.error)).not.toContain('wrong-pass-1');
	});

	test('busy: 503 after the retries', async () => {
		env.sandbox.injectFault({ mode: 'status-503', retryAfter: 0 });
		const { error } = await run({ operation: 'get', leadId: byId('x'), options: { maxRetries: 1 } });
		expect([kindOf(error), httpCode(error)]).toEqual(['busy', '503']);
		expect(error?.message).toBe('The service is unavailable: try again later, or raise Options → Retries When Busy');
	});

	test('invalidRequest: no such endpoint under the Base URL', async () => {
		const { error } = await run({ operation: 'getMany', limit: 1 }, { credentials: { baseUrl: `${env.sandbox.url}/wrong-prefix`, accessToken: env.sandbox.token } });
		expect([kindOf(error), httpCode(error)]).toEqual(['invalidRequest', '404']);
		expect(error?.message).toMatch(/no endpoint for this call: check the Base URL/);
	});

	test('server: an internal error keeps the server’s words', async () => {
		env.sandbox.injectFault({ mode: 'status-500' });
		const { error } = await run({ operation: 'get', leadId: byId('x') });
		expect([kindOf(error), httpCode(error)]).toEqual(['server', '500']);
		expect(error?.message).toBe('The server had an internal error: Injected fault: internal server error');
	});
});

test('as an AI agent’s tool (n8n’s generated …Tool type): the error message the model gets starts with the kind', async () => {
	registerNodeType('n8n-nodes-crm-lead.crmLeadTool', new CrmLead() as never);
	const { error } = await runNode({
		credentials: { baseUrl: 'http://127.0.0.1:9', accessToken: 't' },
		nodeType: 'n8n-nodes-crm-lead.crmLeadTool',
		parameters: { resource: 'lead', operation: 'get', leadId: byId('x') },
	});
	expect(error?.message).toMatch(/^connection: Connection refused: check the Base URL in the credential\. Get lead failed: Connection refused/);
});

test('connection: nothing listens at the Base URL', async () => {
	const { error } = await runNode({ credentials: { baseUrl: 'http://127.0.0.1:9', accessToken: 't' }, parameters: { resource: 'lead', operation: 'get', leadId: byId('x') } });
	expect(kindOf(error)).toBe('connection');
	expect(error?.message).toMatch(/Connection refused: check the Base URL/);
});

describe('Extra Parameters reach the list body', () => {
	// The classic server names an unknown filter it received; the cloud runtime ignores it.
	const env = useSandbox({ flavour: 'classic', seed: 20 });

	test('an extra filter is sent (the server names it: invalidRequest) and an extra sort is applied', async () => {
		const getMany = (parameters: INodeParameters) =>
			runNode({ credentials: env.credentials, parameters: { resource: 'lead', operation: 'getMany', simplify: false, ...parameters } });
		const { error } = await getMany({ limit: 5, extraParameters: extra({ n_city_eq: 'Lyon' }) });
		expect([httpCode(error), kindOf(error)]).toEqual(['400', 'invalidRequest']);
		expect(`${error?.message}`).toContain('n_city_eq');
		const sorted = await getMany({ limit: 3, extraParameters: extra({ sort: 'name,asc' }) });
		const names = sorted.items.map((i) => String(i.json.name));
		expect(names).toEqual([...names].sort());
	});
});
