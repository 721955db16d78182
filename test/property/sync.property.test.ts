/**
 * A sync: Create or Update, per item and in bulk, under any Batching, against a sandbox that
 * answers busy (429/502/503/504), late, not at all, or cut off — at any request, not only the
 * first — and whose leads another user edits between the node's requests; then Update or Delete
 * of the same leads by IDs with surrounding spaces. The model is the README's "What a sync and
 * the trigger guarantee", in its own words:
 *  - last value wins, per ID: the server ends with the value of the last input item carrying the
 *    ID that was saved, never with one older than the last item reported saved;
 *  - one output per input, in order, paired; a saved lead's output is its own record; a failing
 *    lead gets exactly the error it gets when sent alone;
 *  - busy is busy: a busy answer is retried per Retries When Busy — a request is sent again only
 *    after a busy answer, exactly until it is answered otherwise or 1 + Retries When Busy
 *    attempts were answered busy — and the leads of a request whose retries are spent, or that
 *    got no answer within Timeout, are reported `busy`, those and no others; a busy answer never
 *    makes bulk split a chunk (its leads are not sent again); requests for n leads stay within
 *    (2n + 1) × (1 + Retries When Busy);
 *  - writes by others: another user's edit between two writes of a lead survives only in fields
 *    the sync does not set;
 *  - IDs: surrounding spaces are not part of an ID (bodies, Update/Delete IDs, bulk keys); Update
 *    and Delete of one ID go in input order too, a missing lead is kind `notFound`, naming its ID.
 */
import fc from 'fast-check';
import type { INodeExecutionData } from 'n8n-workflow';

import type { FaultSpec, Flavour, SandboxRequest } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';
import { expectOneOutputPerInput, propertyTest, withServerBehaviour } from './settings';

const KEYS = ['a', 'b', 'c', 'd', 'e'];
/** "A 429/502/503/504 answer is retried per Retries When Busy". */
const BUSY_STATUSES = [429, 502, 503, 504];
/** The Timeout a case with a server that never answers runs with (ms). */
const SHORT_TIMEOUT = 300;

const keyArb = fc.nat({ max: KEYS.length - 1 });
const paddingArb = fc.constantFrom('', '', '', ' ', '  ', '\t');

const itemArb = fc.record({
	key: keyArb,
	padding: paddingArb,
	hasType: fc.nat({ max: 99 }).map((n) => n >= 15),
	probability: fc.nat({ max: 100 }),
});

/** Faults hit `times` save requests in a row after letting `after` through: anywhere in the run. */
const faultArb: fc.Arbitrary<FaultSpec> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			mode: fc.constantFrom('status-429' as const, 'status-502' as const, 'status-503' as const, 'status-504' as const),
			times: fc.integer({ min: 1, max: 3 }),
			after: fc.nat({ max: 6 }),
		}),
	},
	{ weight: 2, arbitrary: fc.record({ mode: fc.constant('answer-cut' as const), times: fc.integer({ min: 1, max: 2 }), after: fc.nat({ max: 6 }) }) },
	// Slow answers, mostly from the first request on: later writes of the same ID queue up behind them.
	{ weight: 3, arbitrary: fc.record({ mode: fc.constant('slow-answer' as const), times: fc.integer({ min: 1, max: 3 }), delayMs: fc.integer({ min: 5, max: 60 }), after: fc.oneof(fc.constant(0), fc.nat({ max: 6 })) }) },
	{ weight: 1, arbitrary: fc.record({ mode: fc.constant('hang' as const), times: fc.constant(1), after: fc.nat({ max: 6 }) }) },
);

const FIELDS_EDITED = ['name', 'probability', 'city'] as const;
type EditedField = (typeof FIELDS_EDITED)[number];

const caseArb = fc.record({
	/** How many of the IDs the items use: few IDs, many writes of each (queues behind slow answers). */
	ids: fc.integer({ min: 1, max: KEYS.length }),
	items: fc.array(itemArb, { minLength: 1, maxLength: 20 }),
	leadsPerRequest: fc.constantFrom(1, 2, 3, 4, 8),
	concurrency: fc.constantFrom(1, 2, 3, 5),
	maxRetries: fc.constantFrom(0, 1, 2),
	faults: fc.array(faultArb, { maxLength: 3 }),
	/** Another user edits a lead before the request with this number is handled: a field the sync sets (name, probability) or one it does not (city). */
	edits: fc.array(fc.record({ atRequest: fc.nat({ max: 12 }), key: keyArb, field: fc.constantFrom(...FIELDS_EDITED) }), { maxLength: 3 }),
	/** Then an Update run or a Delete run (or both, or neither) of these leads, by IDs with spaces around them, in this order. */
	then: fc.record({
		operations: fc.constantFrom<Array<'update' | 'delete'>>([], ['update'], ['update'], ['delete'], ['delete'], ['update', 'delete']),
		items: fc.array(fc.record({ key: keyArb, padding: paddingArb }), { minLength: 1, maxLength: 6 }),
		concurrency: fc.constantFrom(1, 2, 4),
		/** One of them answered late, so a later write of the same ID could overtake it. */
		slow: fc.option(fc.record({ after: fc.nat({ max: 5 }), delayMs: fc.integer({ min: 1, max: 40 }) }), { nil: undefined }),
	}),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const isSave = (r: SandboxRequest) => r.method === 'POST' && /\/crm_leads\/(save|savebatch)$/.test(r.path);

/** The names of the leads a save request carried (one lead, or an array of them). */
function namesIn(request: SandboxRequest): string[] {
	const body = JSON.parse(request.body ?? 'null') as unknown;
	return (Array.isArray(body) ? body : [body]).map((lead) => String((lead as { name?: unknown }).name));
}

/** The attempts of one request: the same leads to the same endpoint, in the order they arrived. */
interface Attempts {
	names: string[];
	requests: SandboxRequest[];
	/** Statuses answered, 0 for none (no answer). */
	statuses: number[];
}

function attemptsOf(saves: SandboxRequest[]): Attempts[] {
	const byRequest = new Map<string, Attempts>();
	for (const request of saves) {
		const key = `${request.path}\n${request.body}`;
		let attempts = byRequest.get(key);
		if (!attempts) byRequest.set(key, (attempts = { names: namesIn(request), requests: [], statuses: [] }));
		attempts.requests.push(request);
		attempts.statuses.push(request.status);
	}
	return [...byRequest.values()];
}

describe.each(['cloud', 'classic'] as Flavour[])('%s: a sync keeps the last value of every ID', (flavour) => {
	const env = useSandbox({ flavour, faults: true, logBodies: true });
	let caseNumber = 0;
	let aloneMessage = '';
	const aloneId = `${flavour}-alone-lead`;

	const run = (operation: string, parameters: Record<string, unknown>, items: INodeExecutionData[]) =>
		runNode({ credentials: env.credentials, parameters: { resource: 'lead', operation, ...parameters }, items, continueOnFail: true });
	const upsert = (items: INodeExecutionData[], options: Record<string, unknown>) => run('upsert', { dataMode: 'autoMapInputData', options }, items);
	const byId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

	async function check(drawn: Case): Promise<void> {
		// Inside the property, not in a beforeAll: code run outside a test makes every mutant it reaches "static" for Stryker.
		if (!aloneMessage) aloneMessage = String((await upsert([{ json: { id: aloneId, name: 'alone' } }], {})).items[0].json.error);
		const onto = <T extends { key: number }>(list: T[]) => list.map((entry) => ({ ...entry, key: entry.key % drawn.ids }));
		const c = { ...drawn, items: onto(drawn.items), edits: onto(drawn.edits), then: { ...drawn.then, items: onto(drawn.then.items) } };
		const prefix = `${flavour}-p${++caseNumber}`;
		const idOf = (key: number) => `${prefix}-${KEYS[key]}`;
		const input = c.items.map((item, i) => ({
			json: {
				id: `${item.padding}${idOf(item.key)}${item.padding}`,
				name: `v${i}`,
				probability: item.probability,
				...(item.hasType ? { type: 'lead' } : {}),
			},
		}));
		env.sandbox.resetRequests();
		env.sandbox.clearFaults();
		for (const fault of c.faults) env.sandbox.injectFault({ ...fault, retryAfter: 0, pathIncludes: '/crm_leads/save' });
		const hangs = c.faults.some((f) => f.mode === 'hang');

		// Other users' edits, and the order in which requests reached the server (edits land between them).
		const arrival = new Map<SandboxRequest, number>();
		const applied: Array<{ at: number; key: number; field: EditedField; value: string | number }> = [];
		const editBetweenRequests = (request: SandboxRequest) => {
			const at = arrival.size;
			arrival.set(request, at);
			c.edits.forEach((edit, e) => {
				if (edit.atRequest !== at || !env.sandbox.getLead(idOf(edit.key))) return;
				const value = edit.field === 'probability' ? 1000 + e : `edited ${e} at ${at}`;
				env.sandbox.updateLead(idOf(edit.key), { [edit.field]: value });
				applied.push({ at, key: edit.key, field: edit.field, value });
			});
		};
		const options = { leadsPerRequest: c.leadsPerRequest, maxRetries: c.maxRetries, batching: { batch: { concurrency: c.concurrency } }, ...(hangs ? { timeout: SHORT_TIMEOUT } : {}) };
		const result = await withServerBehaviour(env.sandbox, editBetweenRequests, () => upsert(input, options));
		expectOneOutputPerInput(result, input.length);

		const attempts = attemptsOf(env.sandbox.requests.filter(isSave));
		const saved = (i: number) => result.items[i].json.errorKind === undefined;
		/** The attempts of the last request that carried item i. */
		const lastRequestOf = (i: number) => attempts.filter((a) => a.names.includes(`v${i}`)).pop();
		const spent = (a: Attempts) => a.statuses.filter((s) => BUSY_STATUSES.includes(s)).length === 1 + c.maxRetries;
		const unanswered = (a: Attempts) => a.statuses[a.statuses.length - 1] === 0;

		// Busy is busy: sent again only after a busy answer, until answered otherwise or 1 + Retries When Busy busy answers;
		// the leads of a request whose retries are spent (or that got no answer) are not sent again: no split, no halving.
		for (const a of attempts) {
			const busy = a.statuses.filter((s) => BUSY_STATUSES.includes(s)).length;
			a.statuses.slice(0, -1).forEach((status) => expect(BUSY_STATUSES).toContain(status));
			expect(busy).toBeLessThanOrEqual(1 + c.maxRetries);
			if (BUSY_STATUSES.includes(a.statuses[a.statuses.length - 1])) expect(busy).toBe(1 + c.maxRetries);
			if (spent(a) || unanswered(a)) for (const name of a.names) expect(lastRequestOf(Number(name.slice(1)))).toBe(a);
		}

		c.items.forEach((item, i) => {
			const { json } = result.items[i];
			const id = idOf(item.key);
			const last = lastRequestOf(i);
			const earlierSameId = c.items.slice(0, i).some((other) => other.key === item.key);
			// The leads of a request whose retries are spent, or that got no answer, are busy — and were not sent again.
			if (last && (spent(last) || unanswered(last))) expect(json.errorKind).toBe('busy');
			if (saved(i)) {
				expect(json).toMatchObject({ id, name: `v${i}` });
				// A lead without Type can only be an update of one an earlier item created.
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
				// Busy exactly when busy answers exceeded the retries, or no answer came within Timeout.
				expect(last).toBeDefined();
				if (!hangs) expect(spent(last!) || unanswered(last!)).toBe(true);
			} else {
				// The only other generated cause: an answer cut off (the lead may be saved, the item says it failed).
				expect(kind).toBe('server');
				expect(c.faults.some((f) => f.mode === 'answer-cut')).toBe(true);
			}
		});

		// The server holds, per ID, the last saved value — never one older than the last item reported
		// saved; another user's edit survives in a field the sync sets only when it came after the sync's last write.
		const editsAfter = (key: number, field: EditedField, at: number) => applied.filter((e) => e.key === key && e.field === field && e.at > at).map((e) => e.value);
		KEYS.forEach((_, key) => {
			const indexes = c.items.map((item, i) => (item.key === key ? i : -1)).filter((i) => i >= 0);
			const lastSaved = indexes.filter(saved).pop();
			const onServer = env.sandbox.getLead(idOf(key));
			const cities = applied.filter((e) => e.key === key && e.field === 'city');
			if (cities.length > 0) expect(onServer?.city).toBe(cities[cities.length - 1].value);
			if (lastSaved === undefined) return;
			// "A timed-out one may land later than a newer write of the same lead, which no client can
			// prevent": with the short Timeout of a case with a hang, a loaded machine may time out an
			// answered request too; then this lead's last value is what the server decided.
			const timedOutAnswered = indexes.some((i) => result.items[i].json.errorKind === 'busy' && !unanswered(lastRequestOf(i)!) && !spent(lastRequestOf(i)!));
			if (hangs && timedOutAnswered) return;
			const finalWrite = lastRequestOf(lastSaved)!.requests;
			const writtenAt = arrival.get(finalWrite[finalWrite.length - 1])!;
			const name = String(onServer?.name);
			if (name.startsWith('edited')) {
				expect(editsAfter(key, 'name', writtenAt)).toContain(name);
			} else {
				expect(indexes.filter((i) => i >= lastSaved)).toContain(Number(name.slice(1)));
			}
			const last = indexes[indexes.length - 1];
			if (saved(last) && last === lastSaved) {
				if (editsAfter(key, 'name', writtenAt).length === 0) expect(onServer?.name).toBe(`v${last}`);
				if (editsAfter(key, 'probability', writtenAt).length === 0) expect(onServer?.probability).toBe(c.items[last].probability);
			}
		});

		// No amplification: the halving tree of every chunk, each request tried at most 1 + Retries When Busy times.
		expect(env.sandbox.requests.filter(isSave).length).toBeLessThanOrEqual((2 * input.length + 1) * (1 + c.maxRetries));
		const busyAnswers = c.faults.filter((f) => f.mode.startsWith('status-')).reduce((sum, f) => sum + (f.times ?? 0), 0);
		if (busyAnswers <= c.maxRetries && !c.faults.some((f) => f.mode === 'answer-cut' || f.mode === 'hang')) {
			c.items.forEach((item, i) => {
				if (item.hasType) expect(saved(i)).toBe(true);
			});
		}

		await updateOrDelete(c, idOf);
	}

	/** Update and Delete by IDs with spaces around them: each writes the lead the trimmed ID names, in input order per ID. */
	async function updateOrDelete(c: Pick<Case, 'then'>, idOf: (key: number) => string): Promise<void> {
		const { operations, items, concurrency, slow } = c.then;
		const exists = new Set(KEYS.map((_, key) => key).filter((key) => env.sandbox.getLead(idOf(key))));
		const notFound = (json: INodeExecutionData['json'], key: number) => {
			expect(json.errorKind).toBe('notFound');
			expect(String(json.error)).toContain(`'${idOf(key)}'`);
		};
		const options = { batching: { batch: { concurrency } } };
		const spaced = (item: { key: number; padding: string }) => `${item.padding}${idOf(item.key)}${item.padding}`;
		for (const operation of operations) {
			env.sandbox.clearFaults();
			if (slow) env.sandbox.injectFault({ mode: 'slow-answer', times: 1, ...slow, pathIncludes: `/crm_leads/${idOf(0).slice(0, -1)}` });
			if (operation === 'update') {
				const updated = await run('update', { leadId: byId, updateFields: { name: '={{ $json.name }}' }, options }, items.map((u, j) => ({ json: { id: spaced(u), name: `u${j}` } })));
				expectOneOutputPerInput(updated, items.length);
				items.forEach((u, j) => (exists.has(u.key) ? expect(updated.items[j].json).toMatchObject({ id: idOf(u.key), name: `u${j}` }) : notFound(updated.items[j].json, u.key)));
				KEYS.forEach((_, key) => {
					const last = items.map((u, j) => (u.key === key ? j : -1)).filter((j) => j >= 0).pop();
					if (last !== undefined && exists.has(key)) expect(env.sandbox.getLead(idOf(key))?.name).toBe(`u${last}`);
				});
			} else {
				const deleted = await run('delete', { leadId: byId, options }, items.map((d) => ({ json: { id: spaced(d) } })));
				expectOneOutputPerInput(deleted, items.length);
				items.forEach((d, j) => {
					// The first Delete of an existing lead deletes it; any later one finds it gone.
					if (!exists.has(d.key)) return notFound(deleted.items[j].json, d.key);
					expect(deleted.items[j].json.deleted).toBe(true);
					exists.delete(d.key);
				});
				KEYS.forEach((_, key) => expect(env.sandbox.getLead(idOf(key)) !== undefined).toBe(exists.has(key)));
			}
		}
		env.sandbox.clearFaults();
	}

	propertyTest('any leads, Leads Per Request, Batching, server behaviour and other users; then Update or Delete', `sync ${flavour}`, caseArb, check, { quick: 20, soak: 400 });
});
