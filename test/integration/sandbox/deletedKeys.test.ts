/** check_key states, cloud's deleted keys, and one DTO or an array in create/save. */
import { call, fileForm, useTestSandbox } from './helpers';

const cloud = useTestSandbox({ flavour: 'cloud' });
const classic = useTestSandbox({ flavour: 'classic' });

const checkKey = async (env: typeof cloud, id: string) => (await call(env.sandbox, 'POST', '/crm_leads/check_key', { body: { id } })).text;

describe('check_key and DELETE', () => {
	test('cloud: 0 = no such key, 1 = exists, 2 = deleted; the deleted record is gone from GET and lists', async () => {
		await call(cloud.sandbox, 'POST', '/crm_leads', { body: { id: 'gone-1', type: 'lead', name: 'Gone soon' } });
		expect([await checkKey(cloud, 'gone-1'), await checkKey(cloud, 'never-1')]).toEqual(['1', '0']);
		expect((await call(cloud.sandbox, 'DELETE', '/crm_leads/gone-1')).text).toBe('true');
		expect(await checkKey(cloud, 'gone-1')).toBe('2');
		expect((await call(cloud.sandbox, 'GET', '/crm_leads/gone-1')).json).toMatchObject({ code: 3 });
		expect((await call(cloud.sandbox, 'POST', '/crm_leads/fetch_default', { body: { n_id_eq: 'gone-1' } })).json).toEqual([]);
		expect(cloud.sandbox.getLead('gone-1')).toBeUndefined();
		expect(cloud.sandbox.deletedKeys()).toContain('gone-1');
		// Deleting it again: the record is not there.
		expect((await call(cloud.sandbox, 'DELETE', '/crm_leads/gone-1')).json).toMatchObject({ code: 3 });
	});

	test('classic: 0/1 only; a deleted key is simply free again', async () => {
		await call(classic.sandbox, 'POST', '/crm_leads', { body: { id: 'gone-2', type: 'lead' } });
		await call(classic.sandbox, 'DELETE', '/crm_leads/gone-2');
		expect(await checkKey(classic, 'gone-2')).toBe('0');
		expect(classic.sandbox.deletedKeys()).toEqual([]);
		expect((await call(classic.sandbox, 'POST', '/crm_leads/save', { body: { id: 'gone-2', type: 'lead', name: 'Back' } })).json).toMatchObject({ id: 'gone-2', name: 'Back' });
	});
});

describe('cloud: a deleted key cannot be created again', () => {
	const duplicateEntry = (key: string) => ({ type: 'RuntimeException', code: 1, message: `Duplicate entry '${key}' for key 'PRIMARY'` });

	beforeAll(async () => {
		await call(cloud.sandbox, 'POST', '/crm_leads', { body: { id: 'gone-3', type: 'lead' } });
		await call(cloud.sandbox, 'DELETE', '/crm_leads/gone-3');
	});

	test('save (which creates, since the key does not EXIST) and create both fail with the database\'s duplicate entry', async () => {
		for (const path of ['/crm_leads/save', '/crm_leads']) {
			const reply = await call(cloud.sandbox, 'POST', path, { body: { id: 'gone-3', type: 'lead', name: 'Again' } });
			expect([reply.status, reply.json]).toEqual([500, duplicateEntry('gone-3')]);
		}
		expect(cloud.sandbox.getLead('gone-3')).toBeUndefined();
		expect(await checkKey(cloud, 'gone-3')).toBe('2');
	});

	test('PUT on a deleted key is a missing record; an import row with it fails', async () => {
		expect((await call(cloud.sandbox, 'PUT', '/crm_leads/gone-3', { body: { name: 'x' } })).json).toMatchObject({ code: 3, message: '无法获取指定数据[gone-3]' });
		const form = fileForm(Buffer.from('id,type\ngone-3,lead\nfresh-3,lead\n'), 'rows.csv', 'text/csv');
		const imported = await call(cloud.sandbox, 'POST', '/crm_leads/importdata', { form });
		expect(imported.json).toMatchObject({ total: 2, success: 1, failed: 1, errors: [{ row: 2, column: 'id', reason: expect.stringMatching(/deleted/) }] });
	});

	test('insertLeads refuses a deleted key too', () => {
		expect(() => cloud.sandbox.insertLeads([{ id: 'gone-3', type: 'lead' }])).toThrow(/deleted/);
	});
});

describe('one DTO or an array', () => {
	test('cloud: create and save take an array and answer an array, in order', async () => {
		const created = await call(cloud.sandbox, 'POST', '/crm_leads', { body: [{ id: 'arr-1', type: 'lead' }, { type: 'opportunity', name: 'Generated' }] });
		expect(created.status).toBe(200);
		expect(created.json).toHaveLength(2);
		expect(created.json[0]).toMatchObject({ id: 'arr-1', type: 'lead' });
		expect(created.json[1]).toMatchObject({ id: expect.any(String), name: 'Generated' });
		const saved = await call(cloud.sandbox, 'POST', '/crm_leads/save', { body: [{ id: 'arr-1', name: 'Updated' }, { id: 'arr-2', type: 'lead' }] });
		expect(saved.json.map((r: { id: string; name: string | null }) => [r.id, r.name])).toEqual([['arr-1', 'Updated'], ['arr-2', null]]);
		expect((await call(cloud.sandbox, 'POST', '/crm_leads', { body: [] })).json).toEqual([]);
		expect(Array.isArray((await call(cloud.sandbox, 'POST', '/crm_leads', { body: { type: 'lead' } })).json)).toBe(false);
	});

	test('cloud: item by item, so the items before a failing one stay written', async () => {
		const reply = await call(cloud.sandbox, 'POST', '/crm_leads', { body: [{ id: 'arr-3', type: 'lead' }, { id: 'arr-4', type: 'nope' }, { id: 'arr-5', type: 'lead' }] });
		expect(reply.status).toBe(500);
		expect(reply.json.message).toMatch(/'type' must be one of/);
		expect([cloud.sandbox.getLead('arr-3')?.id, cloud.sandbox.getLead('arr-4'), cloud.sandbox.getLead('arr-5')]).toEqual(['arr-3', undefined, undefined]);
	});

	test('classic: a single DTO only; an array is a 400', async () => {
		const reply = await call(classic.sandbox, 'POST', '/crm_leads', { body: [{ type: 'lead' }] });
		expect([reply.status, reply.json.errorKey]).toEqual([400, 'bad_body']);
	});
});
