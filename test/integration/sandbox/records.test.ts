/**
 * Single-record endpoints over real HTTP: CRUD, save, check_key, get_draft, messages, errors, keys.
 * check_key's 1/0 and DELETE's `true` are not repeated here: the contract check asserts them on
 * both flavours (test/integration/contract.test.ts; check-key.*, delete.*).
 */
import { LEAD_FIELDS, WRITABLE_FIELDS } from '../../../nodes/CrmLead/fields/leadFields';
import { call, useTestSandbox } from './helpers';

const env = useTestSandbox({ flavour: 'classic', readOnlyToken: 'read-only-token' });
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function expectProblem(reply: { status: number; headers: Headers; json: Record<string, unknown> }, status: number, detailPattern?: RegExp) {
	expect(reply.status).toBe(status);
	expect(reply.headers.get('content-type')).toBe('application/problem+json');
	expect(reply.json).toMatchObject({ status, entityName: 'crm_lead' });
	expect(Object.keys(reply.json).sort()).toEqual(['detail', 'entityName', 'errorKey', 'message', 'status', 'title', 'type']);
	expect(reply.json.type).toMatch(/^https:\/\/.+\/problem\//);
	// ExceptionTranslator.createFailureAlert: the error key and the entity name as headers.
	expect([reply.headers.get('x-ibz-error'), reply.headers.get('x-ibz-params')]).toEqual([reply.json.errorKey, 'crm_lead']);
	if (detailPattern) expect(reply.json.detail).toMatch(detailPattern);
}

describe('auth', () => {
	test('no token and a wrong token give 401 problem JSON', async () => {
		const missing = await call(env.sandbox, 'GET', '/crm_leads/x', { token: null });
		expectProblem(missing, 401);
		expect(missing.headers.get('www-authenticate')).toBe('Bearer');
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads/fetch_default', { token: 'nope', body: {} }), 401);
	});

	test('the read-only token reads but gets 403 on writes', async () => {
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'ro-1', type: 'lead' } });
		expect((await call(env.sandbox, 'GET', '/crm_leads/ro-1', { token: 'read-only-token' })).status).toBe(200);
		expect((await call(env.sandbox, 'POST', '/crm_leads/fetch_default', { token: 'read-only-token', body: {} })).status).toBe(200);
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', { token: 'read-only-token', body: { type: 'lead' } }), 403, /CREATE/);
		expectProblem(await call(env.sandbox, 'PUT', '/crm_leads/ro-1', { token: 'read-only-token', body: { name: 'x' } }), 403, /UPDATE/);
		expectProblem(await call(env.sandbox, 'DELETE', '/crm_leads/ro-1', { token: 'read-only-token' }), 403, /DELETE/);
		expect(env.sandbox.getLead('ro-1')).toBeDefined();
		// Permissions as the docs page labels them: check_key and get_draft need CREATE,
		// message_post_with_source only READ.
		expect((await call(env.sandbox, 'POST', '/crm_leads/check_key', { token: 'read-only-token', body: { id: 'ro-1' } })).status).toBe(403);
		expect((await call(env.sandbox, 'GET', '/crm_leads/get_draft', { token: 'read-only-token' })).status).toBe(403);
		const posted = await call(env.sandbox, 'POST', '/crm_leads/ro-1/message_post_with_source', { token: 'read-only-token', body: { source_ref: 'crm.lead_welcome' } });
		expect(posted.status).toBe(200);
		expect(env.sandbox.requests.some((r) => JSON.stringify(r).includes(env.sandbox.token))).toBe(false);
	});
});

describe('create / get / update / delete', () => {
	test('create returns every table field (null where unset), audit fields, and kept extras', async () => {
		env.sandbox.setNow(new Date('2024-03-01T01:02:03Z'));
		const created = await call(env.sandbox, 'POST', '/crm_leads', {
			body: { type: 'opportunity', name: 'Acme — rollout', expected_revenue: '1200.5', color: '3', zip: 75001, followers: [{ id: 7 }], crm_custom_flag: { a: 1 }, create_uid: 'intruder' },
		});
		env.sandbox.setNow(null);
		expect(created.status).toBe(200);
		const lead = created.json;
		expect(Object.keys(lead).slice(0, LEAD_FIELDS.length)).toEqual(LEAD_FIELDS.map((f) => f.name));
		expect(lead).toMatchObject({ type: 'opportunity', expected_revenue: 1200.5, color: 3, zip: '75001', followers: [{ id: 7 }], crm_custom_flag: { a: 1 }, city: null });
		expect(typeof lead.id).toBe('string');
		// Server clock, GMT+8 by default; read-only fields in the body are ignored.
		expect(lead).toMatchObject({ create_date: '2024-03-01 09:02:03', write_date: '2024-03-01 09:02:03', create_uid: 'sandbox', write_uid: 'sandbox' });
		expect((await call(env.sandbox, 'GET', `/crm_leads/${lead.id}`)).json).toEqual(lead);
		expect(env.sandbox.getLead(lead.id)).toEqual(lead);
	});

	test('type is required and must be one of its options', async () => {
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', { body: { name: 'no type' } }), 400, /'type' is required/);
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', { body: { type: 'customer' } }), 400, /'type' must be one of: lead, opportunity/);
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', {}), 400, /body is required/);
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', { body: '{"type": ' }), 400, /Malformed JSON/);
	});

	test.each([
		['color', 'blue', /'color' must be an integer/],
		['color', 1.5, /'color' must be an integer/],
		['active', true, /'active' must be an integer/],
		['probability', 'likely', /'probability' must be a number/],
		['date_deadline', '2024-03-01T10:00:00Z', /'date_deadline' must be a timestamp formatted yyyy-MM-dd HH:mm:ss/],
		['date_deadline', '2024-02-30 10:00:00', /'date_deadline' must be a timestamp/],
		['priority', '7', /'priority' must be one of: 0, 1, 2, 3/],
		['city', { nested: true }, /'city' must be a string/],
	])('a bad %s (%p) is a 400 naming the field', async (field, value, detail) => {
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', { body: { type: 'lead', [field]: value } }), 400, detail);
	});

	test('an existing id is a 409; a missing key is a 404 naming it', async () => {
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'dup-1', type: 'lead' } });
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'dup-1', type: 'lead' } }), 409, /dup-1/);
		const missing = await call(env.sandbox, 'GET', '/crm_leads/nobody-here');
		expectProblem(missing, 404, /nobody-here/);
		expect(missing.json.message).toBe('数据不存在');
		expectProblem(await call(env.sandbox, 'PUT', '/crm_leads/nobody-here', { body: { name: 'x' } }), 404);
		expectProblem(await call(env.sandbox, 'DELETE', '/crm_leads/nobody-here'), 404);
	});

	test('PUT writes the given fields only, keeps the rest, ignores body.id and bumps write_date', async () => {
		env.sandbox.setNow(new Date('2024-01-01T00:00:00Z'));
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'upd-1', type: 'lead', name: 'Before', city: 'Lyon', extra_a: 1 } });
		env.sandbox.setNow(new Date('2024-01-02T00:00:00Z'));
		const updated = await call(env.sandbox, 'PUT', '/crm_leads/upd-1', { body: { id: 'other', name: 'After', phone: null, extra_b: 2 } });
		env.sandbox.setNow(null);
		expect(updated.json).toMatchObject({ id: 'upd-1', name: 'After', city: 'Lyon', type: 'lead', extra_a: 1, extra_b: 2 });
		expect(updated.json).toMatchObject({ create_date: '2024-01-01 08:00:00', write_date: '2024-01-02 08:00:00' });
		expect(env.sandbox.getLead('other')).toBeUndefined();
		expectProblem(await call(env.sandbox, 'PUT', '/crm_leads/upd-1', { body: { type: null } }), 400, /'type' is required/);
	});
});

describe('save and get_draft', () => {
	test('save creates when the id is new and updates when it exists', async () => {
		const created = await call(env.sandbox, 'POST', '/crm_leads/save', { body: { id: 'save-1', type: 'lead', name: 'First' } });
		expect(created.json).toMatchObject({ id: 'save-1', name: 'First' });
		const updated = await call(env.sandbox, 'POST', '/crm_leads/save', { body: { id: 'save-1', name: 'Second' } });
		expect(updated.json).toMatchObject({ id: 'save-1', name: 'Second', type: 'lead' });
		expect(env.sandbox.countLeads({ id: 'save-1' })).toBe(1);
		const generated = await call(env.sandbox, 'POST', '/crm_leads/save', { body: { type: 'lead', name: 'No id' } });
		expect(generated.json.id).toEqual(expect.any(String));
	});

	test('get_draft overlays the query on defaults and stores nothing', async () => {
		const before = env.sandbox.countLeads();
		const draft = await call(env.sandbox, 'GET', '/crm_leads/get_draft?name=Draft%20one&color=4&type=opportunity&unknown_param=1');
		expect(draft.status).toBe(200);
		expect(draft.json).toMatchObject({ id: null, name: 'Draft one', color: 4, type: 'opportunity', active: 1, priority: '0', create_date: null });
		expect(Object.keys(draft.json)).toEqual(LEAD_FIELDS.map((f) => f.name));
		expect(env.sandbox.countLeads()).toBe(before);
		expectProblem(await call(env.sandbox, 'GET', '/crm_leads/get_draft?color=red'), 400, /'color'/);
	});
});

describe('message_post_with_source', () => {
	test('renders the template from render_values then the record, stores it and sets has_message', async () => {
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'msg-1', type: 'lead', name: 'Globex deal', contact_name: 'Hank' } });
		const welcome = await call(env.sandbox, 'POST', '/crm_leads/msg-1/message_post_with_source', { body: { source_ref: 'crm.lead_welcome' } });
		expect(welcome.json).toMatchObject({ id: 'msg-1', has_message: 1 });
		await call(env.sandbox, 'POST', '/crm_leads/msg-1/message_post_with_source', {
			body: { id: 'msg-1', type: 'lead', source_ref: 'crm.lead_followup', render_values: { note: 'call back Monday', contact_name: 'Mr. H' }, subject: 'Custom' },
		});
		const messages = env.sandbox.listMessages('msg-1');
		expect(messages.map((m) => [m.template, m.subject, m.body])).toEqual([
			['crm.lead_welcome', 'Welcome, Hank', 'Hello Hank, thank you for your interest in Globex deal.'],
			['crm.lead_followup', 'Custom', 'Hi Mr. H, following up on Globex deal: call back Monday'],
		]);
		expect(messages[0].createdAt).toMatch(TIMESTAMP);
		expect((await call(env.sandbox, 'GET', '/__sandbox/leads/msg-1/messages')).json).toEqual(messages);
	});

	test('unknown or missing source_ref is a 400 naming it; a missing record is a 404', async () => {
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'msg-2', type: 'lead' } });
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads/msg-2/message_post_with_source', { body: { source_ref: 'crm.nope' } }), 400, /source_ref/);
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads/msg-2/message_post_with_source', { body: {} }), 400, /source_ref/);
		expectProblem(await call(env.sandbox, 'POST', '/crm_leads/msg-404/message_post_with_source', { body: { source_ref: 'crm.lead_welcome' } }), 404);
		expect(env.sandbox.listMessages('msg-2')).toEqual([]);
	});
});

describe('keys and values that must survive the trip', () => {
	test.each(['with space', 'slash/inside', 'percent%25literal', 'ünïcødé-键', 'q?x=1&y#z', '+plus+', 'a.b'])('key %p', async (key) => {
		const created = await call(env.sandbox, 'POST', '/crm_leads', { body: { id: key, type: 'lead', name: `named ${key}` } });
		expect(created.json.id).toBe(key);
		const path = `/crm_leads/${encodeURIComponent(key)}`;
		expect((await call(env.sandbox, 'GET', path)).json).toMatchObject({ id: key, name: `named ${key}` });
		expect((await call(env.sandbox, 'PUT', path, { body: { city: 'Here' } })).json).toMatchObject({ id: key, city: 'Here' });
		expect((await call(env.sandbox, 'DELETE', path)).text).toBe('true');
		expect(env.sandbox.getLead(key)).toBeUndefined();
	});

	test('emoji, astral characters and a 1 MB string round-trip unchanged', async () => {
		const long = 'x'.repeat(1024 * 1024) + '🦄';
		const body = { id: 'emoji-🚀', type: 'lead', name: '👩‍💻 Zoë’s 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 lead 中文', description: long };
		await call(env.sandbox, 'POST', '/crm_leads', { body });
		const got = await call(env.sandbox, 'GET', `/crm_leads/${encodeURIComponent('emoji-🚀')}`);
		expect(got.json.name).toBe(body.name);
		expect(got.json.description).toBe(long);
	});

	test('every writable field accepts null', async () => {
		const body = Object.fromEntries(WRITABLE_FIELDS.map((f) => [f.name, null]));
		const created = await call(env.sandbox, 'POST', '/crm_leads', { body: { ...body, type: 'lead' } });
		expect(created.status).toBe(200);
	});
});

test('unknown paths are 404 and wrong methods 405, both as problem JSON', async () => {
	expectProblem(await call(env.sandbox, 'GET', '/crm_leads/a/b/c'), 404);
	const wrongMethod = await call(env.sandbox, 'PATCH', '/crm_leads/x', { body: {} });
	expectProblem(wrongMethod, 405);
	expect(wrongMethod.headers.get('allow')).toContain('PUT');
});
