/**
 * Create or Update against a server that answers late, busy or refuses a lead, on both
 * generations (issue 26, defects 1, 2 and 11): the server ends with the LAST input value of every
 * ID, a busy server is never read as "the leads are bad" or "arrays refused", and an ID means the
 * same with or without surrounding spaces.
 */
import type { Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox, type SandboxFixture } from '../helpers/sandbox';

type Json = Record<string, unknown>;

const FLAVOURS: Flavour[] = ['cloud', 'classic'];

const saves = (env: SandboxFixture) => env.sandbox.requests.filter((r) => r.method === 'POST' && /\/crm_leads\/save/.test(r.path));

function hintsOf(result: Awaited<ReturnType<typeof runNode>>): Array<{ message: string }> {
	return (result.run.data.resultData.runData['CRM Lead']?.[0]?.hints ?? []) as Array<{ message: string }>;
}

describe.each(FLAVOURS)('%s', (flavour) => {
	const env = useSandbox({ flavour, faults: true });
	beforeEach(() => {
		env.sandbox.resetRequests();
		env.sandbox.clearFaults();
	});
	const upsert = (items: Json[], options: Json, continueOnFail = true) =>
		runNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData', options },
			items: items.map((json) => ({ json })) as never,
			continueOnFail,
		});

	describe('defect 1: an older value never lands over a newer one', () => {
		test('bulk, Leads Per Request 4, Concurrency 2: the halving of a failed older chunk does not overwrite the newer save', async () => {
			const p = `${flavour}-d1`;
			const input: Json[] = [
				{ id: `${p}-A`, type: 'lead', name: 'v1-old' },
				{ id: `${p}-B`, type: 'lead', name: 'b' },
				{ id: `${p}-C`, type: 'lead', name: 'c' },
				{ id: `${p}-X`, name: 'no type: invalid' },
				{ id: `${p}-A`, type: 'lead', name: 'v2-new' },
				{ id: `${p}-D`, type: 'lead', name: 'd' },
				{ id: `${p}-E`, type: 'lead', name: 'e' },
				{ id: `${p}-F`, type: 'lead', name: 'f' },
			];
			const result = await upsert(input, { leadsPerRequest: 4, batching: { batch: { concurrency: 2 } } });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name ?? item.json.errorKind)).toEqual(['v1-old', 'b', 'c', 'invalidValue', 'v2-new', 'd', 'e', 'f']);
			expect(env.sandbox.getLead(`${p}-A`)?.name).toBe('v2-new');
		});

		test('per item, Concurrency 8: a slow save of an older value is not overtaken by the newer one', async () => {
			const p = `${flavour}-d1-item`;
			// The first save of A takes 300 ms at the server: without order per lead, the second lands first.
			env.sandbox.injectFault({ mode: 'slow-answer', delayMs: 300, pathIncludes: '/crm_leads/save', times: 1 });
			const input: Json[] = [
				{ id: `${p}-A`, type: 'lead', name: 'v1-old' },
				...Array.from({ length: 6 }, (_, i) => ({ id: `${p}-${i}`, type: 'lead', name: `other ${i}` })),
				{ id: `${p}-A`, type: 'lead', name: 'v2-new' },
			];
			const result = await upsert(input, { batching: { batch: { concurrency: 8 } } });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(input.map((lead) => lead.name));
			expect(env.sandbox.getLead(`${p}-A`)?.name).toBe('v2-new');
		});

		test('Update, Concurrency 8: a slow update of an older value is not overtaken by the newer one', async () => {
			const p = `${flavour}-d1-update`;
			await upsert([{ id: `${p}-A`, type: 'lead', name: 'v0' }], {}, false);
			env.sandbox.injectFault({ mode: 'slow-answer', delayMs: 300, pathIncludes: `/crm_leads/${p}-A`, times: 1 });
			const names = ['v1-old', 'x', 'x', 'x', 'v2-new'];
			const result = await runNode({
				credentials: env.credentials,
				parameters: {
					resource: 'lead',
					operation: 'update',
					leadId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { name: '={{ $json.name }}' },
					options: { batching: { batch: { concurrency: 8 } } },
				},
				items: names.map((name, i) => ({ json: { id: name === 'x' ? `${p}-A-other-${i}` : `${p}-A`, name } })),
				continueOnFail: true,
			});
			expect(result.items[0].json.name).toBe('v1-old');
			expect(result.items[4].json.name).toBe('v2-new');
			expect(env.sandbox.getLead(`${p}-A`)?.name).toBe('v2-new');
		});

		test('Delete, Concurrency 2: a slow first delete of an ID is not overtaken by the second', async () => {
			const p = `${flavour}-d1-delete`;
			await upsert([{ id: `${p}-A`, type: 'lead', name: 'doomed' }], {}, false);
			env.sandbox.injectFault({ mode: 'slow-answer', delayMs: 300, pathIncludes: `/crm_leads/${p}-A`, times: 1 });
			const deleted = await runNode({
				credentials: env.credentials,
				parameters: { resource: 'lead', operation: 'delete', leadId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { batching: { batch: { concurrency: 2 } } } },
				items: [{ json: { id: `${p}-A` } }, { json: { id: `${p}-A` } }],
				continueOnFail: true,
			});
			// In input order: the first delete removes the lead, the second finds it gone.
			expect(deleted.items.map((item) => item.json.deleted ?? item.json.errorKind)).toEqual([true, 'notFound']);
		});

		test('four writes of one ID at Concurrency 3, the first answered late: each waits for the one before it, the last value wins', async () => {
			// Every later write is queued behind the slow first one; the queue must hold after the first
			// write is done too (its cleanup must not drop the newer writes' places in it).
			const p = `${flavour}-d1-queue`;
			env.sandbox.injectFault({ mode: 'slow-answer', delayMs: 300, pathIncludes: '/crm_leads/save', times: 1 });
			const input: Json[] = ['v1', 'v2', 'v3', 'v4'].map((name) => ({ id: `${p}-A`, type: 'lead', name }));
			const result = await upsert(input, { batching: { batch: { concurrency: 3 } } });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(['v1', 'v2', 'v3', 'v4']);
			expect(env.sandbox.getLead(`${p}-A`)?.name).toBe('v4');
		});

		test('bulk: a lead in the second place of a slow chunk is written again by a later chunk only after it', async () => {
			// Leads Per Request 2: [X, Y] finds the array endpoint, [A, B] is answered late, [B, C] writes B again.
			const p = `${flavour}-d1-chunk`;
			const endpoint = flavour === 'cloud' ? '/crm_leads/save' : '/crm_leads/savebatch';
			env.sandbox.injectFault({ mode: 'slow-answer', delayMs: 300, pathIncludes: endpoint, after: 1, times: 1 });
			const input: Json[] = [
				{ id: `${p}-X`, type: 'lead', name: 'x' },
				{ id: `${p}-Y`, type: 'lead', name: 'y' },
				{ id: `${p}-A`, type: 'lead', name: 'a' },
				{ id: `${p}-B`, type: 'lead', name: 'b-old' },
				{ id: `${p}-B`, type: 'lead', name: 'b-new' },
				{ id: `${p}-C`, type: 'lead', name: 'c' },
			];
			const result = await upsert(input, { leadsPerRequest: 2, batching: { batch: { concurrency: 2 } } });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(input.map((lead) => lead.name));
			expect(env.sandbox.getLead(`${p}-B`)?.name).toBe('b-new');
		});

		test('other leads still go at once: a slow lead holds back only later writes of its own ID', async () => {
			const p = `${flavour}-d1-par`;
			env.sandbox.injectFault({ mode: 'slow-answer', delayMs: 400, pathIncludes: '/crm_leads/save', times: 1 });
			const input: Json[] = Array.from({ length: 8 }, (_, i) => ({ id: `${p}-${i}`, type: 'lead', name: `n${i}` }));
			const started = Date.now();
			const result = await upsert(input, { batching: { batch: { concurrency: 2 } } });
			expect(result.error).toBeUndefined();
			// Serialised, the 7 others would wait behind the slow one; in two lanes they pass it.
			const logged = env.sandbox.requests.map((r) => r.status);
			expect(logged).toHaveLength(8);
			expect(Date.now() - started).toBeLessThan(400 + 8 * 200);
			expect(result.items.map((item) => item.json.name)).toEqual(input.map((lead) => lead.name));
		});
	});

	describe('defect 2: a busy server is not "bad leads" or "arrays refused"', () => {
		test('one 429 on the first bulk request: no fallback, no halving; retried per Retries When Busy', async () => {
			const p = `${flavour}-d2-retry`;
			env.sandbox.injectFault({ mode: 'status-429', retryAfter: 0, pathIncludes: '/crm_leads/save', times: 1 });
			const input = Array.from({ length: 300 }, (_, i) => ({ id: `${p}-${i}`, type: 'lead', name: `n${i}` }));
			const result = await upsert(input, { leadsPerRequest: 100, maxRetries: 2 });

			expect(result.error).toBeUndefined();
			expect(result.items.every((item) => item.json.errorKind === undefined)).toBe(true);
			expect(hintsOf(result)).toEqual([]);
			for (let i = 0; i < 300; i += 37) expect(env.sandbox.getLead(`${p}-${i}`)?.name).toBe(`n${i}`);
			// 3 chunks + the retried 429 (+ classic's first look at save before savebatch).
			expect(saves(env).length).toBeLessThanOrEqual(flavour === 'cloud' ? 4 : 5);
		});

		test('one 429 without retries: the chunk\'s leads are reported busy, the next chunks still go in bulk', async () => {
			const p = `${flavour}-d2-once`;
			env.sandbox.injectFault({ mode: 'status-429', retryAfter: 0, pathIncludes: '/crm_leads/save', times: 1 });
			const input = Array.from({ length: 300 }, (_, i) => ({ id: `${p}-${i}`, type: 'lead', name: `n${i}` }));
			const result = await upsert(input, { leadsPerRequest: 100 });

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(300);
			expect(result.items.slice(0, 100).every((item) => item.json.errorKind === 'busy')).toBe(true);
			expect(result.items.slice(100).every((item) => item.json.id !== undefined && item.json.errorKind === undefined)).toBe(true);
			expect(hintsOf(result)).toEqual([]);
			expect(saves(env).length).toBeLessThanOrEqual(4);
		});

		test('every save answered 429: one request per chunk, every lead reported busy', async () => {
			const p = `${flavour}-d2-all`;
			env.sandbox.injectFault({ mode: 'status-429', retryAfter: 0, pathIncludes: '/crm_leads/save' });
			const input = Array.from({ length: 100 }, (_, i) => ({ id: `${p}-${i}`, type: 'lead', name: `n${i}` }));
			const result = await upsert(input, { leadsPerRequest: 100 });

			expect(result.items).toHaveLength(100);
			expect(result.items.every((item) => item.json.errorKind === 'busy')).toBe(true);
			expect(saves(env)).toHaveLength(1);
		});

		test('a server that does not answer in time: one timeout per chunk, not one per halving', async () => {
			const p = `${flavour}-d2-hang`;
			env.sandbox.injectFault({ mode: 'hang', pathIncludes: '/crm_leads/save' });
			const input = Array.from({ length: 10 }, (_, i) => ({ id: `${p}-${i}`, type: 'lead', name: `n${i}` }));
			const result = await upsert(input, { leadsPerRequest: 10, timeout: 1000 });

			expect(result.items).toHaveLength(10);
			expect(result.items.every((item) => item.json.errorKind === 'busy')).toBe(true);
			expect(saves(env)).toHaveLength(1);
		});
	});

	describe('defect 11: an ID with surrounding spaces is the same lead', () => {
		test('Create or Update, Get, Update and Delete all read "K1 " as K1', async () => {
			const id = `${flavour}-K1`;
			const saved = await upsert([{ id: `${id} `, type: 'lead', name: 'spaced' }], {}, false);
			expect(saved.error).toBeUndefined();
			expect(saved.items[0].json.id).toBe(id);
			expect(env.sandbox.getLead(id)?.name).toBe('spaced');
			expect(env.sandbox.getLead(`${id} `)).toBeUndefined();

			const byExpression = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
			const got = await runNode({
				credentials: env.credentials,
				parameters: { resource: 'lead', operation: 'get', leadId: byExpression },
				items: [{ json: { id: `  ${id} ` } }],
			});
			expect(got.error).toBeUndefined();
			expect(got.items[0].json).toMatchObject({ id, name: 'spaced' });

			const updated = await runNode({
				credentials: env.credentials,
				parameters: { resource: 'lead', operation: 'update', leadId: byExpression, updateFields: { name: 'renamed' } },
				items: [{ json: { id: `${id}\t` } }],
			});
			expect(updated.error).toBeUndefined();
			expect(env.sandbox.getLead(id)?.name).toBe('renamed');

			const deleted = await runNode({
				credentials: env.credentials,
				parameters: { resource: 'lead', operation: 'delete', leadId: byExpression },
				items: [{ json: { id: ` ${id}` } }],
			});
			expect(deleted.error).toBeUndefined();
			expect(env.sandbox.getLead(id)).toBeUndefined();
		});

		test('in bulk, "K2 " and "K2" are one lead: the last value wins and the answer lines up', async () => {
			const id = `${flavour}-K2`;
			const input: Json[] = [
				{ id: `${id} `, type: 'lead', name: 'first' },
				{ id: `${flavour}-K3`, type: 'lead', name: 'k3' },
				{ id, type: 'lead', name: 'second' },
				{ id: ` ${id}`, type: 'lead', name: 'third' },
			];
			const result = await upsert(input, { leadsPerRequest: 4 }, false);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.id)).toEqual([id, `${flavour}-K3`, id, id]);
			expect(env.sandbox.getLead(id)?.name).toBe('third');
			expect([`${id} `, ` ${id}`].map((spaced) => env.sandbox.getLead(spaced))).toEqual([undefined, undefined]);
			expect(hintsOf(result)).toEqual([]);
		});
	});
});
