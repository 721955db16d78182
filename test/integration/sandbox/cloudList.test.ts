/** Cloud lists: its paging headers, its lenient reading of the search body, and x-message. */
import { createSandbox } from '../../../sandbox/server';
import { call, useTestSandbox, type Reply } from './helpers';

const env = useTestSandbox({ flavour: 'cloud', seed: 45, faults: true });
const fetchDefault = (body: unknown) => call(env.sandbox, 'POST', '/crm_leads/fetch_default', { body });
const ids = (reply: Reply) => reply.json.map((lead: { id: string }) => lead.id);
const names = (reply: Reply) => reply.json.map((lead: { name: string }) => lead.name);
const header = (reply: Reply, name: string) => reply.headers.get(name);

afterEach(() => env.sandbox.clearFaults());

test('x-page, x-per-page, x-total and x-total-pages, all exposed; no x-totalx unless listTotalX', async () => {
	const reply = await fetchDefault({ page: 2, size: 20 });
	expect(['x-page', 'x-per-page', 'x-total', 'x-total-pages'].map((h) => header(reply, h))).toEqual(['2', '20', '45', '3']);
	expect(header(reply, 'x-totalx')).toBeNull();
	expect(header(reply, 'access-control-expose-headers')).toBe('x-page, x-per-page, x-total, x-total-pages');
	expect(reply.json).toHaveLength(5);

	const withTotalX = await createSandbox({ seed: 4, listTotalX: true });
	try {
		const listed = await call(withTotalX, 'POST', '/crm_leads/fetch_default', { body: { size: 3 } });
		expect([header(listed, 'x-totalx'), header(listed, 'x-total-pages')]).toEqual(['4', '2']);
		expect(header(listed, 'access-control-expose-headers')).toContain('x-totalx');
	} finally {
		await withTotalX.close();
	}
});

test('page < 0 is page 0; size <= 0 is 20; size > 1000 is 1000; numeric strings count', async () => {
	expect(header(await fetchDefault({ page: -3, size: 5 }), 'x-page')).toBe('0');
	expect(header(await fetchDefault({ size: 0 }), 'x-per-page')).toBe('20');
	expect(header(await fetchDefault({ size: -7 }), 'x-per-page')).toBe('20');
	expect(header(await fetchDefault({ size: 5000 }), 'x-per-page')).toBe('1000');
	expect(ids(await fetchDefault({ page: '1', size: '10' }))[0]).toBe('L000011');
});

test('a page or size that is not a whole number fails the request, naming it', async () => {
	for (const [name, value] of [['size', 'ten'], ['page', 1.5]] as const) {
		const reply = await fetchDefault({ [name]: value });
		expect(reply.status).toBe(500);
		expect(reply.json).toEqual({ type: 'DataEntityRuntimeException', code: 1, message: expect.stringContaining(`'${name}' must be a whole number`) });
	}
});

test('sort: only DESC is descending; parts with 3+ items, unknown fields and non-strings are ignored', async () => {
	const plain = ids(await fetchDefault({ size: 45 }));
	const byName = ids(await fetchDefault({ size: 45, sort: 'name' }));
	expect(byName).not.toEqual(plain);
	expect(ids(await fetchDefault({ size: 45, sort: 'name,sideways' }))).toEqual(byName);
	const descending = names(await fetchDefault({ size: 45, sort: 'name,DeSc' }));
	expect(descending).toEqual([...names(await fetchDefault({ size: 45, sort: 'name' }))].reverse());
	for (const sort of ['shoe_size,asc', 'name,desc,extra', 'followers,desc', ['name,desc']]) {
		expect(ids(await fetchDefault({ size: 45, sort }))).toEqual(plain);
	}
	expect(ids(await fetchDefault({ size: 45, sort: 'shoe_size,asc;name' }))).toEqual(byName);
});

test('unknown filters are ignored; known ones still filter', async () => {
	expect(header(await fetchDefault({ n_shoe_size_eq: '42', n_city_eq: 'Lyon' }), 'x-total')).toBe('45');
	expect(Number(header(await fetchDefault({ n_type_eq: 'lead' }), 'x-total'))).toBe(env.sandbox.countLeads({ type: 'lead' }));
});

test('the x-message fault: URL-encoded text in x-message, on a list or on an empty-bodied error', async () => {
	env.sandbox.injectFault({ mode: 'x-message', message: '已导出 50% (a+b)', times: 1 });
	const listed = await fetchDefault({ size: 1 });
	expect(header(listed, 'x-message')).toBe('%E5%B7%B2%E5%AF%BC%E5%87%BA+50%25+%28a%2Bb%29');
	expect(decodeURIComponent(header(listed, 'x-message')!.replace(/\+/g, ' '))).toBe('已导出 50% (a+b)');
	expect(header(listed, 'access-control-expose-headers')).toContain('x-message');

	env.sandbox.injectFault({ mode: 'x-message', message: '数据已被锁定', times: 1 });
	env.sandbox.injectFault({ mode: 'status-500-empty', times: 1 });
	const failed = await call(env.sandbox, 'GET', '/crm_leads/L000001');
	expect([failed.status, failed.text, decodeURIComponent(header(failed, 'x-message') ?? '')]).toEqual([500, '', '数据已被锁定']);
	expect(header(await call(env.sandbox, 'GET', '/crm_leads/L000001'), 'x-message')).toBeNull();
});
