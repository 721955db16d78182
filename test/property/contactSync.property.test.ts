/**
 * The sync promises hold for another entity than the lead (issue 34): contacts, through version
 * 3's Contact resource — Create or Update, per item and in bulk (Records Per Request), under any
 * Batching, against a sandbox that answers busy, late or cut off and is edited by another user
 * between the node's requests. The model, from the README's words:
 *  - for every ID the server ends with the value of the last input item carrying it that was
 *    saved — and never with the value of an item older than the last one reported saved;
 *  - one output per input, in order, paired; a saved contact's output is its own record;
 *  - a failing contact gets exactly the error it gets when sent alone (one without the field its
 *    page requires on create, that does not exist yet); no contact fails for a reason that was
 *    not generated (busy, cut answers);
 *  - requests stay within (2n + 1) × (1 + Retries When Busy) for n contacts: no amplification;
 *  - when the generated busy answers are no more than Retries When Busy and nothing else was
 *    injected, every valid contact is saved.
 */
import fc from 'fast-check';
import type { INodeExecutionData } from 'n8n-workflow';

import type { FaultSpec, Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox, type SandboxFixture } from '../helpers/sandbox';
import { expectOneOutputPerInput, propertyTest, withServerBehaviour } from './settings';

const KEYS = ['a', 'b', 'c', 'd', 'e'];

const itemArb = fc.record({
	key: fc.nat({ max: KEYS.length - 1 }),
	padding: fc.constantFrom('', '', '', ' ', '  ', '\t'),
	hasType: fc.nat({ max: 99 }).map((n) => n >= 15),
	probability: fc.nat({ max: 10_000 }),
});

const faultArb: fc.Arbitrary<FaultSpec> = fc.oneof(
	fc.record({ mode: fc.constantFrom('status-429' as const, 'status-503' as const), times: fc.integer({ min: 1, max: 3 }) }),
	fc.record({ mode: fc.constant('answer-cut' as const), times: fc.integer({ min: 1, max: 2 }) }),
	fc.record({ mode: fc.constant('slow-answer' as const), times: fc.integer({ min: 1, max: 3 }), delayMs: fc.integer({ min: 1, max: 40 }) }),
);

const caseArb = fc.record({
	items: fc.array(itemArb, { minLength: 1, maxLength: 20 }),
	leadsPerRequest: fc.constantFrom(1, 2, 3, 4, 8),
	concurrency: fc.constantFrom(1, 2, 3, 5),
	maxRetries: fc.constantFrom(0, 1, 2),
	faults: fc.array(faultArb, { maxLength: 3 }),
	/** Another user edits a contact's city before the request with this number is handled. */
	edits: fc.array(fc.record({ atRequest: fc.nat({ max: 12 }), key: fc.nat({ max: KEYS.length - 1 }) }), { maxLength: 3 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const saveRequests = (env: SandboxFixture) => env.sandbox.requests.filter((r) => r.method === 'POST' && /\/res_partners\/(save|savebatch)$/.test(r.path));
const contact = (env: SandboxFixture, id: string) => env.sandbox.getRecord('res_partners', id);

describe.each(['cloud', 'classic'] as Flavour[])('%s: Create or Update of contacts keeps the last value of every ID', (flavour) => {
	const env = useSandbox({ flavour, faults: true });
	let caseNumber = 0;
	let aloneMessage = '';
	const aloneId = `${flavour}-alone-contact`;

	const upsert = (items: INodeExecutionData[], options: Record<string, unknown>) =>
		runNode({
			credentials: env.credentials,
			parameters: { resource: 'contact', operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null }, options },
			items,
			continueOnFail: true,
			typeVersion: 3,
		});

	beforeAll(async () => {
		const alone = await upsert([{ json: { id: aloneId, name: 'alone' } }], {});
		aloneMessage = String(alone.items[0].json.error);
	});

	async function check(c: Case): Promise<void> {
		const prefix = `${flavour}-p${++caseNumber}`;
		const idOf = (key: number) => `${prefix}-${KEYS[key]}`;
		const input = c.items.map((item, i) => ({
			json: {
				id: `${item.padding}${idOf(item.key)}${item.padding}`,
				name: `v${i}`,
				credit_limit: item.probability,
				// The field the contact page requires on create: without it only an update can succeed.
				...(item.hasType ? { autopost_bills: 'ask' } : {}),
			},
		}));
		env.sandbox.resetRequests();
		env.sandbox.clearFaults();
		for (const fault of c.faults) env.sandbox.injectFault({ ...fault, retryAfter: 0, pathIncludes: '/res_partners/save' });
		let seen = 0;
		const editBetweenRequests = () => {
			for (const edit of c.edits.filter((e) => e.atRequest === seen)) {
				if (contact(env, idOf(edit.key))) env.sandbox.updateRecord('res_partners', idOf(edit.key), { city: `edited at ${seen}` });
			}
			seen++;
		};
		const result = await withServerBehaviour(env.sandbox, editBetweenRequests, () =>
			upsert(input, { leadsPerRequest: c.leadsPerRequest, maxRetries: c.maxRetries, batching: { batch: { concurrency: c.concurrency } } }),
		);
		expectOneOutputPerInput(result, input.length);

		const busyInjected = c.faults.filter((f) => f.mode === 'status-429' || f.mode === 'status-503').reduce((sum, f) => sum + (f.times ?? 0), 0);
		const cutInjected = c.faults.some((f) => f.mode === 'answer-cut');
		const saved = (i: number) => result.items[i].json.errorKind === undefined;
		c.items.forEach((item, i) => {
			const { json } = result.items[i];
			const id = idOf(item.key);
			const earlierSameId = c.items.slice(0, i).some((other) => other.key === item.key);
			if (saved(i)) {
				expect(json).toMatchObject({ id, name: `v${i}` });
				// A contact without the required field can only be an update of one an earlier item created.
				if (!item.hasType) expect(earlierSameId).toBe(true);
				return;
			}
			const kind = json.errorKind;
			if (kind === 'invalidValue') {
				expect(item.hasType).toBe(false);
				expect(json.error).toBe(aloneMessage.split(aloneId).join(id));
				// Invalid only when no earlier item of that ID was saved (then it is an update).
				expect(c.items.slice(0, i).some((other, j) => other.key === item.key && saved(j))).toBe(false);
			} else if (kind === 'busy') {
				expect(busyInjected).toBeGreaterThan(0);
			} else {
				// The only other generated cause: an answer cut off (the contact may be saved, the item says it failed).
				expect(kind).toBe('server');
				expect(cutInjected).toBe(true);
			}
		});

		// The server holds, per ID, the last saved value — never one older than the last item reported saved.
		KEYS.forEach((_, key) => {
			const indexes = c.items.map((item, i) => (item.key === key ? i : -1)).filter((i) => i >= 0);
			if (indexes.length === 0) return;
			const lastSaved = indexes.filter(saved).pop();
			const onServer = contact(env, idOf(key));
			if (lastSaved === undefined) return;
			const holder = Number(String(onServer?.name).slice(1));
			expect(indexes.filter((i) => i >= lastSaved)).toContain(holder);
			const last = indexes[indexes.length - 1];
			if (saved(last)) expect(onServer).toMatchObject({ name: `v${last}`, credit_limit: c.items[last].probability });
		});

		// No amplification: the halving tree of every chunk, each request tried at most 1 + Retries When Busy times.
		expect(saveRequests(env).length).toBeLessThanOrEqual((2 * input.length + 1) * (1 + c.maxRetries));
		if (busyInjected <= c.maxRetries && !cutInjected) {
			c.items.forEach((item, i) => {
				if (item.hasType) expect(saved(i)).toBe(true);
			});
		}
	}

	propertyTest('any contacts, Records Per Request, Batching and server behaviour', `contact sync ${flavour}`, caseArb, check, { quick: 12, soak: 300 });
});
