/**
 * What the server answers when a call fails, in both generations of iBiz servers (the sandbox's
 * flavours): the node reports the server's own words and status, whatever the shape — the
 * cloud runtime's HTTP 500 `{type, code, message}`, or the classic problem JSON with its status.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../helpers/runNode';
import { useSandbox } from '../helpers/sandbox';

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe.each([
	{
		flavour: 'cloud' as const,
		duplicate: { status: '500', message: '标识(dup-1)[值重复错误] (HTTP 500)', fields: '标识 (id)' },
		missing: { status: '500', message: '无法获取指定数据[nope] (HTTP 500)' },
		template: { status: '500', words: 'source_ref' },
		noType: { status: '500', words: '类型[数据输入为空错误]' },
	},
	{
		flavour: 'classic' as const,
		duplicate: { status: '409', message: "A crm_lead with id 'dup-1' already exists (HTTP 409)", fields: undefined },
		missing: { status: '404', message: "No crm_lead with key 'nope' (HTTP 404)" },
		template: { status: '400', words: 'source_ref' },
		noType: { status: '400', words: 'type' },
	},
])('$flavour server', ({ flavour, duplicate, missing, template, noType }) => {
	const env = useSandbox({ flavour });
	const run = (parameters: INodeParameters, items?: Array<{ json: Record<string, unknown> }>, continueOnFail = false) =>
		runNode({ credentials: env.credentials, parameters: { resource: 'lead', ...parameters }, items: items as never, continueOnFail });
	const httpCode = (error: unknown) => (error as { httpCode?: string } | undefined)?.httpCode;

	test('a duplicate ID: the server’s message and status, and the fields it names', async () => {
		env.sandbox.insertLeads([{ id: 'dup-1', type: 'lead', name: 'First' }]);
		const { error } = await run({ operation: 'create', type: 'lead', name: 'dup', additionalFields: { id: 'dup-1' } });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(duplicate.message);
		expect(httpCode(error)).toBe(duplicate.status);
		if (duplicate.fields) expect(error?.description).toContain(duplicate.fields);
	});

	test('a missing lead: Get and a second Delete fail with the server’s words', async () => {
		const { error } = await run({ operation: 'get', leadId: byId('nope') });
		expect(error?.message).toBe(missing.message);
		expect(httpCode(error)).toBe(missing.status);
		env.sandbox.insertLeads([{ id: 'del-1', type: 'lead', name: 'Gone soon' }]);
		expect((await run({ operation: 'delete', leadId: byId('del-1') })).items[0].json).toEqual({ id: 'del-1', deleted: true });
		expect(httpCode((await run({ operation: 'delete', leadId: byId('del-1') })).error)).toBe(missing.status);
	});

	test('an unknown template: the server names source_ref', async () => {
		env.sandbox.insertLeads([{ id: 'msg-err-1', type: 'lead', name: 'Message target' }]);
		const { error } = await run({ operation: 'postMessage', leadId: byId('msg-err-1'), template: 'no.such.template' });
		expect(httpCode(error)).toBe(template.status);
		expect(`${error?.message} ${error?.description}`).toContain(template.words);
	});

	test('a server-side validation error keeps the server message in the Continue On Fail error item', async () => {
		const { items } = await run({ operation: 'create', dataMode: 'autoMapInputData' }, [{ json: { name: 'no type' } }], true);
		expect(items[0].json.httpCode).toBe(noType.status);
		expect(String(items[0].json.error)).toContain(noType.words);
	});
});

describe('Extra Parameters reach the list body', () => {
	// The classic server names an unknown filter it received; the cloud runtime ignores it.
	const env = useSandbox({ flavour: 'classic', seed: 20 });

	test('an extra filter is sent (the server names it) and an extra sort is applied', async () => {
		const getMany = (parameters: INodeParameters) =>
			runNode({ credentials: env.credentials, parameters: { resource: 'lead', operation: 'getMany', simplify: false, ...parameters } });
		const { error } = await getMany({ limit: 5, extraParameters: { parameter: [{ name: 'n_city_eq', value: 'Lyon' }] } });
		expect((error as { httpCode?: string }).httpCode).toBe('400');
		expect(`${error?.message}`).toContain('n_city_eq');
		const sorted = await getMany({ limit: 3, extraParameters: { parameter: [{ name: 'sort', value: 'name,asc' }] } });
		const names = sorted.items.map((i) => String(i.json.name));
		expect(names).toEqual([...names].sort());
	});
});
