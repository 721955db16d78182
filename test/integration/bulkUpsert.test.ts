/**
 * Create or Update in bulk (Options → Leads Per Request) against both flavours over real HTTP:
 * every lead gets exactly its own output or error item, in order and paired, whatever the chunks.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { prng } from '../../sandbox/seed';
import type { Flavour } from '../../sandbox/server';
import { runNode, type RunResult } from '../../scripts/runNode';
import { useSandbox, type SandboxFixture } from '../helpers/sandbox';

/** The 10,000-lead tests take about 5 s each on an idle 2-core machine; far more when it is shared. */
const BIG_TEST_TIMEOUT_MS = 120_000;

/** `count` leads with IDs; `invalidShare` of them, at random positions, lack the required Type. */
function syncLeads(prefix: string, count: number, invalidShare: number, seed: number) {
	// Seeded, so the invalid positions are random but the same on every run.
	const random = prng(seed);
	const invalid = new Set<number>();
	while (invalid.size < Math.round(count * invalidShare)) invalid.add(Math.floor(random() * count));
	const items = Array.from({ length: count }, (_, i) => ({
		json: {
			id: `${prefix}-${i}`,
			name: `${prefix} lead ${i}`,
			...(invalid.has(i) ? {} : { type: i % 2 ? 'lead' : 'opportunity' }),
			city: 'Lyon',
			probability: i % 100,
		},
	}));
	return { items, invalid };
}

const saves = (env: SandboxFixture) => env.sandbox.requests.filter((r) => r.method === 'POST' && /\/crm_leads\/save/.test(r.path));

function hints(result: RunResult): Array<{ message: string }> {
	return (result.run.data.resultData.runData['CRM Lead']?.[0]?.hints ?? []) as Array<{ message: string }>;
}

function expectOnePairedItemEach(items: INodeExecutionData[], count: number): void {
	expect(items).toHaveLength(count);
	items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
}

const FLAVOURS: Flavour[] = ['cloud', 'classic'];
/** Where each generation takes an array of leads (docs/api/IBIZ-FLAVOURS.md). */
const bulkPath = (flavour: Flavour) => (flavour === 'cloud' ? '/crm_leads/save' : '/crm_leads/savebatch');

describe.each(FLAVOURS)('%s', (flavour) => {
	const env = useSandbox({ flavour, faults: true });
	const upsert = (items: Array<{ json: Record<string, unknown> }>, options: Record<string, unknown>, typeVersion = 1) =>
		runNode({
			credentials: env.credentials,
			typeVersion,
			parameters:
				typeVersion === 1
					? { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData', options }
					: { resource: 'lead', operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null }, options },
			items: items as never,
			continueOnFail: true,
		});

	test.each([1, 4])('10,000 leads, 100 per request, concurrency %i: each valid lead saved, each invalid one an error item naming its field', async (concurrency) => {
		const prefix = `${flavour}-c${concurrency}`;
		const { items: input, invalid } = syncLeads(prefix, 10_000, 0.01, concurrency * 7 + flavour.length);
		env.sandbox.resetRequests();
		const result = await upsert(input, { leadsPerRequest: 100, batching: { batch: { concurrency } } });

		expect(result.error).toBeUndefined();
		expectOnePairedItemEach(result.items, input.length);
		for (const [i, item] of result.items.entries()) {
			if (invalid.has(i)) {
				expect(item.json.id).toBeUndefined();
				expect(item.json.errorKind).toBe('invalidValue');
				expect(item.json.errorFields).toEqual(['type']);
				expect(item.json.error).toMatch(/^Lead '[^']+': Field "type" .*is required/);
			} else {
				expect(item.json).toMatchObject({ id: `${prefix}-${i}`, name: `${prefix} lead ${i}`, city: 'Lyon' });
			}
		}
		for (let i = 0; i < input.length; i++) {
			if (invalid.has(i)) expect(env.sandbox.getLead(`${prefix}-${i}`)).toBeUndefined();
			else expect(env.sandbox.getLead(`${prefix}-${i}`)).toMatchObject({ name: `${prefix} lead ${i}`, probability: i % 100 });
		}
		// Far fewer requests than leads: the failing chunks are halved, not re-sent lead by lead.
		expect(saves(env).length).toBeLessThan(input.length / 4);
		expect(hints(result)).toEqual([]);
	}, BIG_TEST_TIMEOUT_MS);

	test('a chunk whose answer is cut off is sent again: every lead saved once, none doubled', async () => {
		const prefix = `${flavour}-cut`;
		const { items: input } = syncLeads(prefix, 300, 0, 1);
		env.sandbox.resetRequests();
		env.sandbox.injectFault({ mode: 'answer-cut', pathIncludes: '/crm_leads/save', times: 1 });
		const result = await upsert(input, { leadsPerRequest: 100 });

		expect(result.error).toBeUndefined();
		expectOnePairedItemEach(result.items, input.length);
		result.items.forEach((item, i) => expect(item.json.id).toBe(`${prefix}-${i}`));
		expect(env.sandbox.countLeads({ n_name_like: prefix })).toBe(input.length);
		// Three chunks; the cut one (written, answer lost) went again as two halves: 5 bulk requests.
		expect(saves(env).filter((r) => r.path.endsWith(bulkPath(flavour)) && r.status === 200)).toHaveLength(5);
	});

	test('node version 2 (resource mapper) sends the same chunks', async () => {
		const prefix = `${flavour}-v2`;
		const { items: input } = syncLeads(prefix, 250, 0, 2);
		env.sandbox.resetRequests();
		const result = await upsert(input, { leadsPerRequest: 100 }, 2);

		expect(result.error).toBeUndefined();
		expectOnePairedItemEach(result.items, input.length);
		result.items.forEach((item, i) => expect(item.json.id).toBe(`${prefix}-${i}`));
		expect(saves(env).filter((r) => r.path.endsWith(bulkPath(flavour)) && r.status === 200)).toHaveLength(3);
	});

	test('without Continue On Fail a failing lead stops the node with its own error, naming its item', async () => {
		const prefix = `${flavour}-stop`;
		const input = Array.from({ length: 10 }, (_, i) => ({ json: { id: `${prefix}-${i}`, name: `Lead ${i}`, ...(i === 6 ? {} : { type: 'lead' }) } }));
		const result = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData', options: { leadsPerRequest: 5 } },
			items: input as never,
		});

		// The same English message on both generations; the server's own words stay in the description.
		expect(result.error?.message).toMatch(/^Lead '[^']+-6': Field "type" .*is required/);
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(6);
		// The first chunk went whole; of the second, the leads before the failing one are saved.
		expect([0, 1, 2, 3, 4, 5].map((i) => env.sandbox.getLead(`${prefix}-${i}`) !== undefined)).toEqual(Array(6).fill(true));
		expect(env.sandbox.getLead(`${prefix}-6`)).toBeUndefined();
	});

	test('leads without an ID are never bulked, and a lone ID-less lead splits the chunks around it', async () => {
		const input = [
			{ json: { id: `${flavour}-mix-1`, type: 'lead', name: 'a' } },
			{ json: { id: `${flavour}-mix-2`, type: 'lead', name: 'b' } },
			{ json: { type: 'lead', name: 'no id' } },
			{ json: { id: `${flavour}-mix-3`, type: 'lead', name: 'c' } },
		];
		env.sandbox.resetRequests();
		const result = await upsert(input, { leadsPerRequest: 100 });

		expect(result.error).toBeUndefined();
		expectOnePairedItemEach(result.items, 4);
		expect(result.items[2].json.id).toEqual(expect.any(String));
		expect(result.items[3].json.id).toBe(`${flavour}-mix-3`);
		expect(env.sandbox.countLeads({ name: 'no id' })).toBe(1);
	});
});

describe.each(FLAVOURS)('%s server that refuses arrays', (flavour) => {
	const env = useSandbox({ flavour, acceptArrays: false });

	test('falls back to one request per lead after the first answer, and says so once', async () => {
		const input = Array.from({ length: 500 }, (_, i) => ({ json: { id: `old-${i}`, type: 'lead', name: `Lead ${i}` } }));
		const result = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData', options: { leadsPerRequest: 100, batching: { batch: { concurrency: 4 } } } },
			items: input as never,
		});

		expect(result.error).toBeUndefined();
		expectOnePairedItemEach(result.items, input.length);
		result.items.forEach((item, i) => expect(item.json.id).toBe(`old-${i}`));
		expect(env.sandbox.countLeads()).toBe(input.length);
		const posts = env.sandbox.requests.filter((r) => r.method === 'POST');
		// The first chunk probes save (and classic's savebatch), then every lead goes on its own.
		expect(posts.filter((r) => r.status !== 200).length).toBe(2);
		expect(posts.filter((r) => r.status === 200)).toHaveLength(input.length);
		const notices = hints(result);
		expect(notices).toHaveLength(1);
		expect(notices[0].message).toMatch(/does not accept several leads in one request/);
	});
});
