/**
 * Arrays of leads, as each generation's generated code takes them (docs/api/IBIZ-FLAVOURS.md,
 * "Arrays"): cloud item by item on save/create, keeping the items before a failure; classic on
 * /batch and /savebatch, all or nothing, answering true; neither with acceptArrays false.
 * Cloud's save answering the records of an array in order is the contract check's save.array
 * (test/integration/contract.test.ts), not repeated here.
 */
import { call, useTestSandbox } from './helpers';

const lead = (id: string, withType = true) => ({ id, name: `array ${id}`, ...(withType ? { type: 'lead' } : {}) });

describe('cloud', () => {
	const env = useTestSandbox({ flavour: 'cloud' });

	test('a failing item answers its error; the items before it stay written, the ones after are never tried', async () => {
		const reply = await call(env.sandbox, 'POST', '/crm_leads/save', { body: [lead('cf-1'), lead('cf-2', false), lead('cf-3')] });
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ type: 'EntityException', details: [expect.objectContaining({ fieldname: 'type' })] });
		expect([env.sandbox.getLead('cf-1'), env.sandbox.getLead('cf-2'), env.sandbox.getLead('cf-3')].map(Boolean)).toEqual([true, false, false]);
	});

	test('there is no /savebatch', async () => {
		expect((await call(env.sandbox, 'POST', '/crm_leads/savebatch', { body: [lead('cb-1')] })).status).toBe(405);
	});
});

describe('classic', () => {
	const env = useTestSandbox({ flavour: 'classic' });

	test('save refuses an array (400); savebatch answers true and writes every lead', async () => {
		expect((await call(env.sandbox, 'POST', '/crm_leads/save', { body: [lead('k-1')] })).status).toBe(400);
		const reply = await call(env.sandbox, 'POST', '/crm_leads/savebatch', { body: [lead('k-1'), lead('k-2')] });
		expect([reply.status, reply.json]).toEqual([200, true]);
		expect(env.sandbox.getLead('k-2')).toMatchObject({ name: 'array k-2' });
	});

	test('savebatch and batch are all or nothing: one failing lead, none written, the error names its field', async () => {
		for (const path of ['/crm_leads/savebatch', '/crm_leads/batch']) {
			const reply = await call(env.sandbox, 'POST', path, { body: [lead(`${path}-1`), lead(`${path}-2`, false)] });
			expect(reply.status).toBe(400);
			expect(reply.json.detail).toMatch(/type/);
			expect(env.sandbox.getLead(`${path}-1`)).toBeUndefined();
		}
	});
});

describe('a server that takes no arrays (acceptArrays: false)', () => {
	const cloud = useTestSandbox({ flavour: 'cloud', acceptArrays: false });
	const classic = useTestSandbox({ flavour: 'classic', acceptArrays: false });

	test('cloud refuses an array on save (400); classic has no /savebatch (405)', async () => {
		expect((await call(cloud.sandbox, 'POST', '/crm_leads/save', { body: [lead('n-1')] })).status).toBe(400);
		expect((await call(classic.sandbox, 'POST', '/crm_leads/savebatch', { body: [lead('n-1')] })).status).toBe(405);
		expect(cloud.sandbox.getLead('n-1') ?? classic.sandbox.getLead('n-1')).toBeUndefined();
	});
});
