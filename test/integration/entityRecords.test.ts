/**
 * Version 3's entity resources (Contact, Stage, Activity, Message) run through n8n-core against
 * the sandbox over real HTTP, in both server generations: every record operation, the lists and
 * filters, the nested paths under a lead, the actions, bulk Create or Update, Continue On Fail and
 * the error kinds naming the entity.
 */

import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const mapped = (value: Record<string, unknown>, mappingMode = 'defineBelow') => ({
	columns: { mappingMode, value, matchingColumns: ['id'], schema: [] },
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe.each(['cloud', 'classic'] as const)('%s server', (flavour) => {
	const env = useSandbox({ flavour });
	const run = (resource: string, parameters: Record<string, unknown>, items?: Array<{ json: Record<string, unknown> }>, continueOnFail = false) =>
		runNode({ credentials: env.credentials, parameters: { resource, ...parameters }, items: items as never, continueOnFail, typeVersion: 3 });

	test('Contact: Create, Get, Update, Create or Update, Check Key, Get Draft, Delete', async () => {
		const id = `c-${flavour}-1`;
		const created = await run('contact', { operation: 'create', ...mapped({ id, name: 'Ada Lovelace', autopost_bills: 'Ask After 3 Validations', is_company: false, email: null }) });
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ id, name: 'Ada Lovelace', autopost_bills: 'ask', is_company: 0 });
		expect(env.sandbox.getRecord('res_partners', id)).toMatchObject({ name: 'Ada Lovelace', email: null });

		const got = await run('contact', { operation: 'get', recordId: byId(id) });
		expect(Object.keys(got.items[0].json)).toEqual(['id', 'name', 'display_name', 'is_company', 'company_type', 'parent_id', 'email', 'phone', 'mobile', 'city', 'country_id', 'user_id', 'create_date', 'write_date']);

		const updated = await run('contact', { operation: 'update', ...mapped({ id, city: 'London' }), options: { convertValues: true } });
		expect(updated.items[0].json).toMatchObject({ city: 'London', is_company: false });
		expect(updated.items[0].json.write_date).toMatch(/T.*\+08:00$/);

		const saved = await run('contact', { operation: 'upsert', ...mapped({ id, phone: '+44 1' }) });
		expect(saved.items[0].json).toMatchObject({ id, phone: '+44 1', city: 'London' });

		const checked = await run('contact', { operation: 'checkKey', keyToCheck: id });
		expect(checked.items[0].json).toEqual({ id, exists: true, state: 'exists', result: 1, message: `A contact with ID "${id}" exists` });

		const draft = await run('contact', { operation: 'getDraft', ...mapped({ name: 'Draft' }) });
		expect(draft.items[0].json).toMatchObject({ name: 'Draft', id: null });

		const deleted = await run('contact', { operation: 'delete', recordId: byId(id) });
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(env.sandbox.getRecord('res_partners', id)).toBeUndefined();
	});

	test('Contact: a required field left out, a wrong value and an unknown contact fail naming the field or the contact', async () => {
		env.sandbox.resetRequests();
		const missing = await run('contact', { operation: 'create', ...mapped({ name: 'No bills setting' }) });
		expect(missing.error?.message).toBe('Field "autopost_bills" is required to create a contact: map Auto-Post Bills');
		const wrong = await run('contact', { operation: 'create', ...mapped({ name: 'X', autopost_bills: 'sometimes' }) });
		expect(wrong.error?.message).toMatch(/^Field "autopost_bills" must be one of "always" \(Always\)/);
		expect(env.sandbox.requests).toEqual([]);
		const unknown = await run('contact', { operation: 'get', recordId: byId('NOPE-1') });
		expect(unknown.error?.message).toBe("Contact 'NOPE-1' was not found");
	});

	test('Get Many: a list (data set), filters converted like their field, sort, Limit and Return All', async () => {
		const companies = await run('contact', { operation: 'getMany', list: 'fetch_is_company', returnAll: true, recordFilters: { filter: [{ name: 'n_name_like', value: 'o' }] }, recordSort: { rule: [{ field: 'name', direction: 'asc' }] } });
		expect(companies.error).toBeUndefined();
		expect(companies.items.map((i) => i.json.name)).toEqual(['Acme Corp', 'Globex']);
		const stages = await run('stage', { operation: 'getMany', limit: 2, recordSort: { rule: [{ field: 'sequence', direction: 'asc' }] }, options: { pageSize: 1 } });
		expect(stages.items.map((i) => i.json.id)).toEqual(['new', 'qualified']);
		const all = await run('stage', { operation: 'getMany', returnAll: true, options: { pageSize: 3 } });
		expect(all.items).toHaveLength(4);
		const bad = await run('contact', { operation: 'getMany', recordFilters: { filter: [{ name: 'n_nope_eq', value: 'x' }] } });
		expect(bad.error?.message).toMatch(/^Field "n_nope_eq" is not a filter of contacts/);
	});

	test('Activity: a lead’s own activities through the nested path; Snooze; Mark Done posts a note on the lead’s thread', async () => {
		const lead = `lead-${flavour}`;
		const created = await run('activity', {
			operation: 'create',
			parentId: lead,
			...mapped({ summary: 'Call Thursday', date_deadline: '2026-03-05 10:00:00', user_id: 'user_alice', user_name: 'Alice', res_model: 'crm.lead', activity_type_name: 'Call' }),
		});
		expect(created.error).toBeUndefined();
		const activityId = String(created.items[0].json.id);
		expect(created.items[0].json).toMatchObject({ res_id: lead, summary: 'Call Thursday' });

		const own = await run('activity', { operation: 'getMany', parentId: lead, returnAll: true });
		expect(own.items.map((i) => i.json.id)).toEqual([activityId]);
		const unfinished = await run('activity', { operation: 'getMany', list: 'fetch_un_finished', returnAll: true, recordFilters: { filter: [{ name: 'n_res_id_in', value: `${lead}, other` }] } });
		expect(unfinished.items.map((i) => i.json.id)).toEqual([activityId]);

		const snoozed = await run('activity', { operation: 'snooze', recordId: byId(activityId) });
		expect(snoozed.items[0].json.date_deadline).toBe('2026-03-12 10:00:00');

		const done = await run('activity', { operation: 'markDone', parentId: lead, recordId: byId(activityId) });
		expect(done.error).toBeUndefined();
		expect(done.items[0].json).toMatchObject({ id: activityId, state: 'done' });
		const thread = await run('message', { operation: 'getMany', parentId: lead, returnAll: true, simplify: false });
		expect(thread.items.map((i) => [i.json.message_type, i.json.subject])).toEqual([['notification', 'Call done']]);

		const elsewhere = await run('activity', { operation: 'get', parentId: 'another-lead', recordId: byId(activityId) });
		expect(elsewhere.error?.message).toBe(`Activity '${activityId}' was not found`);
	});

	test('Message: post on a lead’s thread, pin, favourites, the extra lists, delete content', async () => {
		const lead = `lead-msg-${flavour}`;
		const posted = await run('message', { operation: 'create', parentId: lead, ...mapped({ message_type: 'Comment', body: 'Sent the offer', model: 'crm.lead' }) });
		const id = String(posted.items[0].json.id);
		expect(posted.items[0].json).toMatchObject({ res_id: lead, message_type: 'comment' });
		expect((await run('message', { operation: 'pin', recordId: byId(id) })).items[0].json.pinned_at).toMatch(/^\d{4}-/);
		const pinned = await run('message', { operation: 'getMany', parentId: lead, list: 'fetch_pinned', returnAll: true });
		expect(pinned.items.map((i) => i.json.id)).toEqual([id]);
		expect((await run('message', { operation: 'unpin', recordId: byId(id) })).items[0].json.pinned_at).toBeNull();
		expect((await run('message', { operation: 'addFavorite', recordId: byId(id) })).items[0].json.is_favorite).toBe(1);
		expect((await run('message', { operation: 'removeFavorite', recordId: byId(id) })).items[0].json.is_favorite).toBe(0);
		await run('message', { operation: 'addFavorite', recordId: byId(id) });
		const cleared = await run('message', { operation: 'removeAllFavorites' });
		expect(cleared.items[0].json).toEqual({ action: 'removeAllFavorites', done: true });
		expect(env.sandbox.getRecord('mail_messages', id)?.is_favorite).toBe(0);
		for (const list of ['fetch_common', 'fetch_common_all', 'fetch_cur_user']) {
			const listed = await run('message', { operation: 'getMany', parentId: lead, list, returnAll: true });
			expect(listed.items.map((i) => i.json.id)).toEqual([id]);
		}
		expect((await run('message', { operation: 'deleteContent', recordId: byId(id) })).items[0].json.body).toBe('');
	});

	test('Create or Update in bulk (Records Per Request) saves many contacts in few requests, one output each, in order', async () => {
		const items = Array.from({ length: 7 }, (_, i) => ({ json: { id: `bulk-${flavour}-${i}`, name: `Bulk ${i}`, autopost_bills: 'never' } }));
		env.sandbox.resetRequests();
		const saved = await run('contact', { operation: 'upsert', ...mapped({}, 'autoMapInputData'), options: { leadsPerRequest: 5 } }, items);
		expect(saved.error).toBeUndefined();
		expect(saved.items.map((i) => i.json.id)).toEqual(items.map((i) => i.json.id));
		expect(saved.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const saves = env.sandbox.requests.filter((r) => r.path.startsWith('/res_partners/save'));
		expect(saves.length).toBeLessThanOrEqual(3);
		expect(env.sandbox.getRecord('res_partners', `bulk-${flavour}-6`)?.name).toBe('Bulk 6');
	});

	test('Continue On Fail: the failing items carry their error kind, every other item goes through, paired', async () => {
		const items = [{ json: { id: 'new' } }, { json: { id: 'NOPE-2' } }, { json: { id: '' } }, { json: { id: 'won' } }];
		const result = await run('stage', { operation: 'get', recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, items, true);
		expect(result.items.map((i) => [i.json.id ?? null, i.json.errorKind ?? null])).toEqual([
			['new', null],
			[null, 'notFound'],
			[null, 'invalidRequest'],
			['won', null],
		]);
		expect(result.items[1].json.error).toBe("Stage 'NOPE-2' was not found");
		expect(result.items[2].json.error).toBe('The stage ID is empty');
		expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});
});
