/** fetch_default: paging headers, paging across pages, every filter, sort. */
import { LEAD_FILTERS } from '../../../nodes/CrmLead/fields/leadFields';
import { call, useTestSandbox } from './helpers';

const env = useTestSandbox({ flavour: 'classic', seed: 95 });
const fetchDefault = (body: unknown) => call(env.sandbox, 'POST', '/crm_leads/fetch_default', { body });

test('defaults: page 0 of 20, in insertion order, with x-page/x-per-page/x-total', async () => {
	const reply = await fetchDefault({});
	expect(reply.status).toBe(200);
	expect(reply.json).toHaveLength(20);
	expect(reply.json[0].id).toBe('L000001');
	expect(reply.json[19].id).toBe('L000020');
	expect([reply.headers.get('x-page'), reply.headers.get('x-per-page'), reply.headers.get('x-total')]).toEqual(['0', '20', '95']);
	expect(reply.headers.get('access-control-expose-headers')).toBe('x-page, x-per-page, x-total');
	// An empty body is the same as {}.
	expect((await call(env.sandbox, 'POST', '/crm_leads/fetch_default')).json).toHaveLength(20);
});

test('paging across pages visits each lead once, the last page short, past the end empty', async () => {
	const seen: string[] = [];
	for (let page = 0; page < 4; page++) {
		const reply = await fetchDefault({ page, size: 30, sort: 'name,asc' });
		expect(reply.headers.get('x-page')).toBe(String(page));
		seen.push(...reply.json.map((l: { id: string }) => l.id));
	}
	expect(seen).toHaveLength(95);
	expect(new Set(seen).size).toBe(95);
	expect((await fetchDefault({ page: 4, size: 30 })).json).toEqual([]);
});

test('size is capped at 1000 and x-per-page says so; numeric strings are accepted', async () => {
	const reply = await fetchDefault({ size: 5000 });
	expect(reply.headers.get('x-per-page')).toBe('1000');
	expect(reply.json).toHaveLength(95);
	expect((await fetchDefault({ page: '1', size: '10' })).json[0].id).toBe('L000011');
});

test.each([
	[{ page: -1 }, /'page'/],
	[{ size: 0 }, /'size'/],
	[{ size: 'ten' }, /'size'/],
	[{ sort: 'shoe_size,asc' }, /shoe_size/],
	[{ sort: 'name,sideways' }, /asc or desc/],
	[{ sort: 'followers,asc' }, /followers/],
	[{ n_shoe_size_eq: '42' }, /n_shoe_size_eq/],
	[{ n_city_eq: 'Lyon' }, /n_city_eq/],
])('bad body %p is a 400 naming the culprit', async (body, detail) => {
	const reply = await fetchDefault(body);
	expect(reply.status).toBe(400);
	expect(reply.json.detail).toMatch(detail);
});

describe('filters', () => {
	beforeAll(() => {
		// For each filter two leads that differ only in the filtered field.
		env.sandbox.insertLeads(
			LEAD_FILTERS.filter((f) => f.key !== 'n_id_eq').flatMap((filter) =>
				[0, 1].map((which) => ({
					id: `${filter.key}#${which}`,
					type: 'lead',
					[filter.field.name]: filter.field.options
						? filter.field.options[which].value
						: filter.op === 'like'
							? `${which === 0 ? 'ZEBRA stripes' : 'plain'} ${filter.key}`
							: `${filter.key}-value-${which}`,
				})),
			),
		);
	});

	test.each(LEAD_FILTERS.map((f) => [f.key, f] as const))('%s', async (key, filter) => {
		const value = key === 'n_id_eq' ? 'L000007' : filter.op === 'like' ? 'zebra' : filter.field.options ? filter.field.options[0].value : `${key}-value-0`;
		const reply = await fetchDefault({ [key]: value, size: 1000 });
		expect(reply.json.length).toBeGreaterThan(0);
		expect(Number(reply.headers.get('x-total'))).toBe(reply.json.length);
		for (const lead of reply.json) {
			if (filter.op === 'like') expect(String(lead[filter.field.name]).toLowerCase()).toContain('zebra');
			else expect(lead[filter.field.name]).toBe(value);
		}
		const ids = reply.json.map((l: { id: string }) => l.id);
		if (key !== 'n_id_eq') expect(ids).toContain(`${key}#0`);
		expect(ids).not.toContain(`${key}#1`);
		expect(reply.json.length).toBe(env.sandbox.countLeads({ [key]: value }));
	});

	test('filters combine with AND; empty values are ignored; like folds non-ASCII case', async () => {
		const both = await fetchDefault({ n_stage_id_eq: 'won', n_type_eq: 'opportunity', n_team_id_eq: '', size: 1000 });
		for (const lead of both.json) expect(lead).toMatchObject({ stage_id: 'won', type: 'opportunity' });
		expect(both.json.length).toBe(env.sandbox.countLeads({ stage_id: 'won', type: 'opportunity' }));
		env.sandbox.insertLeads([{ id: 'umlaut', type: 'lead', name: 'ÄRGER Über Alles' }]);
		expect((await fetchDefault({ n_name_like: 'über' })).json.map((l: { id: string }) => l.id)).toEqual(['umlaut']);
		expect((await fetchDefault({ n_name_like: '%' })).json).toEqual([]);
	});
});

describe('sort', () => {
	const ids = (reply: { json: Array<{ id: string }> }) => reply.json.map((l) => l.id);

	test('asc and desc on one field', async () => {
		const asc = await fetchDefault({ sort: 'expected_revenue,asc', size: 1000, n_type_eq: 'lead' });
		const revenues = asc.json.map((l: { expected_revenue: number | null }) => l.expected_revenue ?? -Infinity);
		expect(revenues).toEqual([...revenues].sort((a: number, b: number) => a - b));
		const desc = await fetchDefault({ sort: 'expected_revenue,DESC', size: 1000, n_type_eq: 'lead' });
		const descending = desc.json.map((l: { expected_revenue: number | null }) => l.expected_revenue ?? -Infinity);
		expect(descending).toEqual([...descending].sort((a: number, b: number) => b - a));
	});

	test('several keys joined by ";" with insertion order breaking the last ties', async () => {
		const reply = await fetchDefault({ sort: 'stage_id,asc;expected_revenue,desc', size: 1000, n_name_like: '—' });
		const rows = reply.json.map((l: { stage_id: string; expected_revenue: number; id: string }) => [l.stage_id, l.expected_revenue, l.id]);
		for (let i = 1; i < rows.length; i++) {
			const [prevStage, prevRevenue, prevId] = rows[i - 1];
			const [stage, revenue, id] = rows[i];
			expect(prevStage <= stage).toBe(true);
			if (prevStage === stage) expect(prevRevenue >= revenue).toBe(true);
			if (prevStage === stage && prevRevenue === revenue) expect(prevId < id).toBe(true);
		}
		expect(ids(await fetchDefault({ sort: ['stage_id,asc', 'expected_revenue,desc'], size: 1000, n_name_like: '—' }))).toEqual(ids(reply));
	});

	test('paging with a sort on a column full of ties is still stable', async () => {
		const pages = await Promise.all([0, 1, 2, 3, 4].map((page) => fetchDefault({ sort: 'type,asc', page, size: 20 })));
		const all = pages.flatMap((p) => ids(p));
		expect(new Set(all).size).toBe(all.length);
	});
});
