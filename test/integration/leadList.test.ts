/** Get Many: paging, every filter of the field table, sort, limit, simplify; and the lead picker search. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { LEAD_FILTERS } from '../../nodes/CrmLead/fields/leadFields';
import { searchLeads } from '../../nodes/CrmLead/methods/listSearch';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const env = useSandbox({ seed: 237 });
const getMany = (parameters: Record<string, unknown>) =>
	runNode({ credentials: env.credentials, parameters: { resource: 'lead', operation: 'getMany', simplify: false, ...parameters } });
const listRequests = () => env.sandbox.requests.filter((r) => r.path.endsWith('/crm_leads/fetch_default'));

beforeEach(() => env.sandbox.resetRequests());

test('Return All pages through every lead with the chosen page size, each once', async () => {
	const { items, error } = await getMany({ returnAll: true, options: { pageSize: 50 } });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(237);
	expect(new Set(items.map((i) => i.json.id)).size).toBe(237);
	// 237 leads in pages of 50: 5 requests, the last one short; x-total saves a sixth.
	expect(listRequests()).toHaveLength(5);
	expect(listRequests().map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
});

test('Limit returns exactly that many in one request', async () => {
	const { items } = await getMany({ returnAll: false, limit: 7 });
	expect(items).toHaveLength(7);
	expect(listRequests()).toHaveLength(1);
});

test('Sort orders the results, with later rules breaking ties', async () => {
	const { items } = await getMany({
		returnAll: true,
		sort: { rule: [{ field: 'stage_id', direction: 'asc' }, { field: 'expected_revenue', direction: 'desc' }] },
	});
	const rows = items.map((i) => [String(i.json.stage_id), Number(i.json.expected_revenue ?? -1)] as const);
	for (let i = 1; i < rows.length; i++) {
		const [prevStage, prevRevenue] = rows[i - 1];
		const [stage, revenue] = rows[i];
		expect(prevStage <= stage).toBe(true);
		if (prevStage === stage) expect(prevRevenue >= revenue).toBe(true);
	}
});

test('Simplify keeps the summary fields only', async () => {
	const { items } = await getMany({ limit: 3, simplify: true });
	for (const item of items) {
		expect(Object.keys(item.json).sort()).toEqual(
			['contact_name', 'create_date', 'email_from', 'expected_revenue', 'id', 'name', 'partner_name', 'phone', 'priority', 'probability', 'stage_id', 'team_id', 'type', 'user_id', 'write_date'].sort(),
		);
	}
});

describe('every filter of the field table', () => {
	const valueFor = (filter: (typeof LEAD_FILTERS)[number], which: 0 | 1) =>
		filter.field.options ? filter.field.options[which].value : `${filter.field.name}-value-${which}`;

	beforeAll(() => {
		// Two leads per filter that differ only in the filtered field.
		env.sandbox.insertLeads(
			LEAD_FILTERS.flatMap((filter) =>
				filter.key === 'n_id_eq'
					? []
					: ([0, 1] as const).map((which) => ({
							id: `${filter.key}-${which}`,
							type: 'lead',
							name: `filter fixture ${filter.key} ${which}`,
							[filter.field.name]: filter.op === 'like' ? `Zebra ${filter.key} ${which === 0 ? 'striped' : 'plain'}` : valueFor(filter, which),
						})),
			),
		);
	});

	test.each(LEAD_FILTERS.map((f) => [f.key, f] as const))('%s', async (key, filter) => {
		const value =
			key === 'n_id_eq' ? 'n_city_fixture' : filter.op === 'like' ? 'striped' : valueFor(filter, 0);
		if (key === 'n_id_eq') env.sandbox.insertLeads([{ id: value, type: 'lead', name: 'by id' }]);
		const { items, error } = await getMany({ returnAll: true, filters: { [key]: value } });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			const actual = String(item.json[filter.field.name]);
			if (filter.op === 'like') expect(actual.toLowerCase()).toContain('striped');
			else expect(actual).toBe(value);
		}
		if (key !== 'n_id_eq' && filter.op === 'eq') expect(items.map((i) => i.json.id)).not.toContain(`${key}-1`);
		expect(listRequests().at(-1)?.status).toBe(200);
	});

	test('two filters combine with AND', async () => {
		const { items } = await getMany({ returnAll: true, filters: { n_stage_id_eq: 'won', n_type_eq: 'opportunity' } });
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(item.json).toMatchObject({ stage_id: 'won', type: 'opportunity' });
		expect(items).toHaveLength(env.sandbox.countLeads({ n_stage_id_eq: 'won', n_type_eq: 'opportunity' }));
	});
});

test('the lead picker searches by name and pages with a token', async () => {
	const ctx = {
		getNode: () => ({ name: 'CRM Lead' }),
		getCredentials: async () => ({ ...env.credentials, timeZone: 'Asia/Shanghai' }),
		helpers: {
			httpRequestWithAuthentication: async function (_type: string, options: Record<string, unknown>) {
				const { default: axios } = await import('axios');
				const response = await axios.request({
					method: options.method as string,
					url: options.url as string,
					data: options.body,
					headers: { ...(options.headers as object), Authorization: `Bearer ${env.credentials.accessToken}` },
				});
				return { statusCode: response.status, headers: response.headers, body: response.data };
			},
		},
	} as unknown as ILoadOptionsFunctions;
	const first = await searchLeads.call(ctx, 'acme');
	expect(first.results.length).toBeGreaterThan(0);
	for (const result of first.results) expect(result.name.toLowerCase()).toContain('acme');
	const all = await searchLeads.call(ctx);
	expect(all.results).toHaveLength(50);
	expect(all.paginationToken).toBe('1');
	const second = await searchLeads.call(ctx, undefined, all.paginationToken);
	expect(second.results[0].value).not.toBe(all.results[0].value);
});
