/**
 * The sandbox serves the entities around the lead from their field tables, in both generations:
 * records, lists with their data sets, nested paths under a parent, the actions with Odoo's
 * meaning, and the OpenAPI description (or none).
 */
import { createSandbox, type Sandbox } from '../../../sandbox/server';
import { call } from './helpers';

describe.each(['cloud', 'classic'] as const)('%s flavour', (flavour) => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await createSandbox({ flavour });
	});
	afterAll(async () => await sandbox.close());

	test('stages are seeded and listed with paging headers; name filters find them', async () => {
		const all = await call(sandbox, 'POST', '/crm_stages/fetch_default', { body: { sort: 'sequence,asc' } });
		expect(all.status).toBe(200);
		expect(all.json.map((s: { name: string }) => s.name)).toEqual(['New', 'Qualified', 'Proposition', 'Won']);
		expect(all.headers.get('x-total')).toBe('4');
		const found = await call(sandbox, 'POST', '/crm_stages/fetch_default', { body: { n_name_like: 'qual' } });
		expect(found.json.map((s: { id: string }) => s.id)).toEqual(['qualified']);
	});

	test('a contact is created, read, updated, saved, checked and deleted; the list of companies holds only companies', async () => {
		const created = await call(sandbox, 'POST', '/res_partners', { body: { id: 'C-1', name: 'Ada Lovelace', autopost_bills: 'ask', is_company: 0 } });
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({ id: 'C-1', name: 'Ada Lovelace', create_uid: 'sandbox' });
		expect((await call(sandbox, 'PUT', '/res_partners/C-1', { body: { email: 'ada@example.com' } })).json.email).toBe('ada@example.com');
		expect((await call(sandbox, 'POST', '/res_partners/save', { body: { id: 'C-1', city: 'London' } })).json).toMatchObject({ city: 'London', email: 'ada@example.com' });
		expect((await call(sandbox, 'POST', '/res_partners/check_key', { body: { id: 'C-1' } })).json).toBe(1);
		const companies = await call(sandbox, 'POST', '/res_partners/fetch_is_company', { body: {} });
		expect(companies.json.length).toBeGreaterThan(0);
		expect(companies.json.every((c: { is_company: number }) => c.is_company === 1)).toBe(true);
		const invitable = await call(sandbox, 'POST', '/res_partners/fetch_channel_invite', { body: {} });
		expect(invitable.json.map((c: { id: string }) => c.id)).toEqual(['C-1']);
		expect((await call(sandbox, 'DELETE', '/res_partners/C-1')).json).toBe(true);
		expect((await call(sandbox, 'POST', '/res_partners/check_key', { body: { id: 'C-1' } })).json).toBe(flavour === 'cloud' ? 2 : 0);
	});

	test('a missing contact and a bad value are the flavour’s errors, naming the entity', async () => {
		const missing = await call(sandbox, 'GET', '/res_partners/NOPE');
		if (flavour === 'cloud') {
			expect(missing.status).toBe(500);
			expect(missing.json.message).toBe('无法获取指定数据[NOPE]');
		} else {
			expect(missing.status).toBe(404);
			expect(missing.json.entityName).toBe('res_partner');
		}
		const bad = await call(sandbox, 'POST', '/res_partners', { body: { name: 'X', autopost_bills: 'sometimes' } });
		expect(bad.status).toBe(flavour === 'cloud' ? 500 : 400);
		expect(bad.text).toContain('autopost_bills');
		const required = await call(sandbox, 'POST', '/res_partners', { body: { name: 'X' } });
		expect(required.text).toContain('autopost_bills');
	});

	test('a lead’s activities through the nested path: created linked to it, listed, unreachable from another record', async () => {
		const body = { summary: 'Call back', date_deadline: '2026-03-01 10:00:00', user_id: 'user_alice', user_name: 'Alice', res_model: 'crm.lead', activity_type_name: 'Call' };
		const created = await call(sandbox, 'POST', '/mail_activity_mixins/L-1/mail_activities', { body });
		expect(created.status).toBe(200);
		expect(created.json.res_id).toBe('L-1');
		await call(sandbox, 'POST', '/mail_activities', { body: { ...body, res_id: 'L-2', summary: 'Other' } });
		const own = await call(sandbox, 'POST', '/mail_activity_mixins/L-1/mail_activities/fetch_default', { body: {} });
		expect(own.json.map((a: { summary: string }) => a.summary)).toEqual(['Call back']);
		expect((await call(sandbox, 'GET', `/mail_activity_mixins/L-2/mail_activities/${created.json.id}`)).status).toBe(flavour === 'cloud' ? 500 : 404);
	});

	test('Snooze moves the due date 7 days; Mark Done posts a notification on the record and removes the activity', async () => {
		const body = { summary: 'Send offer', date_deadline: '2026-03-01 10:00:00', user_id: 'user_bob', user_name: 'Bob', res_model: 'crm.lead', res_id: 'L-9', activity_type_name: 'Email' };
		const { json: activity } = await call(sandbox, 'POST', '/mail_activities', { body });
		const snoozed = await call(sandbox, 'POST', `/mail_activities/${activity.id}/action_snooze`, { body: {} });
		expect(snoozed.json.date_deadline).toBe('2026-03-08 10:00:00');
		const done = await call(sandbox, 'PUT', `/mail_activity_mixins/L-9/mail_activities/${activity.id}/action_done`, { body: {} });
		expect(done.status).toBe(200);
		expect(done.json.state).toBe('done');
		expect((await call(sandbox, 'GET', `/mail_activities/${activity.id}`)).status).not.toBe(200);
		const thread = await call(sandbox, 'POST', '/mail_threads/L-9/mail_messages/fetch_default', { body: {} });
		expect(thread.json).toHaveLength(1);
		expect(thread.json[0]).toMatchObject({ res_id: 'L-9', model: 'crm.lead', message_type: 'notification', subject: 'Email done' });
		expect(thread.json[0].body).toContain('Send offer');
		const unfinished = await call(sandbox, 'POST', '/mail_activities/fetch_un_finished', { body: { n_res_id_eq: 'L-9' } });
		expect(unfinished.json).toEqual([]);
	});

	test('messages: pin, favourites, delete content and the lists that follow them', async () => {
		const { json: message } = await call(sandbox, 'POST', '/mail_threads/L-7/mail_messages', { body: { message_type: 'comment', body: 'Hello', model: 'crm.lead' } });
		expect(message.res_id).toBe('L-7');
		expect((await call(sandbox, 'POST', `/mail_messages/${message.id}/pin`, { body: {} })).json.pinned_at).toMatch(/^\d{4}-/);
		const pinned = await call(sandbox, 'POST', '/mail_threads/L-7/mail_messages/fetch_pinned', { body: {} });
		expect(pinned.json.map((m: { id: string }) => m.id)).toEqual([message.id]);
		expect((await call(sandbox, 'POST', `/mail_messages/${message.id}/unpin`, { body: {} })).json.pinned_at).toBeNull();
		expect((await call(sandbox, 'POST', `/mail_messages/${message.id}/add_favorite`, { body: {} })).json).toMatchObject({ is_favorite: 1, favorite_count: 1 });
		expect((await call(sandbox, 'POST', '/mail_messages/remove_all_favorites', { body: {} })).json).toBe(true);
		expect((await call(sandbox, 'GET', `/mail_messages/${message.id}`)).json.is_favorite).toBe(0);
		const common = await call(sandbox, 'POST', '/mail_messages/fetch_common', { body: { n_res_id_eq: 'L-7' } });
		expect(common.json).toHaveLength(1);
		expect((await call(sandbox, 'POST', `/mail_messages/${message.id}/delete`, { body: {} })).json.body).toBe('');
	});

	test('arrays: cloud saves an array of contacts in order; classic takes them on savebatch', async () => {
		const rows = [1, 2].map((n) => ({ id: `ARR-${flavour}-${n}`, name: `Array ${n}`, autopost_bills: 'never' }));
		if (flavour === 'cloud') {
			const saved = await call(sandbox, 'POST', '/res_partners/save', { body: rows });
			expect(saved.json.map((r: { id: string }) => r.id)).toEqual(rows.map((r) => r.id));
		} else {
			expect((await call(sandbox, 'POST', '/res_partners/savebatch', { body: rows })).json).toBe(true);
		}
		expect(sandbox.getRecord('res_partners', rows[1].id)?.name).toBe('Array 2');
	});

	test('the OpenAPI description (no login needed) lists every entity, its paths and typed fields; only for group=auto', async () => {
		const doc = await call(sandbox, 'GET', '/v3/api-docs?group=auto', { token: null });
		expect(doc.status).toBe(200);
		expect(doc.json.openapi).toBe('3.0.3');
		expect(doc.json.tags.map((t: { name: string }) => t.name)).toEqual(['crm_leads', 'res_partners', 'crm_stages', 'mail_activities', 'mail_messages', 'crm_teams']);
		expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/crm_teams', '/crm_teams/{key}', '/mail_threads/{pkey}/mail_messages/{key}/pin']));
		expect(doc.json.components.schemas.crm_teams_dto.properties.assignment_max).toMatchObject({ type: 'integer' });
		expect((await call(sandbox, 'GET', '/v3/api-docs', { token: null })).status).toBe(404);
	});

	test('crm_teams, an entity with no page here, is served like the others', async () => {
		const teams = await call(sandbox, 'POST', '/crm_teams/fetch_default', { body: {} });
		expect(teams.json.map((t: { id: string }) => t.id)).toEqual(['team_direct', 'team_europe', 'team_asia']);
	});
});

test('with openApi off, the description is not served: without a login it is one more path that needs one, with one it is not found', async () => {
	const sandbox = await createSandbox({ openApi: false });
	try {
		expect((await call(sandbox, 'GET', '/v3/api-docs?group=auto', { token: null })).status).toBe(401);
		expect((await call(sandbox, 'GET', '/v3/api-docs?group=auto')).status).toBe(404);
	} finally {
		await sandbox.close();
	}
});
