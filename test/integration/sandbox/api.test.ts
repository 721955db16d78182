/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** The programmatic API, options (basePath, time zone, file-backed DB, seed) and the CLI. */
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '../../../sandbox/server';
import { call, startCli } from './helpers';

test('basePath, a fixed token and port 0 shape the URL; requests are logged without the token', async () => {
	const sandbox = await createSandbox({ basePath: 'api/', token: 'fixed-token' });
	try {
		expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}/api`);
		expect(sandbox.token).toBe('fixed-token');
		const created = await call(sandbox, 'POST', '/crm_leads?trace=1', { body: { id: 'a b', type: 'lead' } });
		expect(created.status).toBe(200);
		expect((await call(sandbox, 'GET', `/crm_leads/${encodeURIComponent('a b')}`)).status).toBe(200);
		expect((await fetch(`http://127.0.0.1:${sandbox.port}/crm_leads/x`, { headers: { Authorization: 'Bearer fixed-token' } })).status).toBe(404);
		expect(sandbox.requests.slice(0, 2)).toEqual([
			{ method: 'POST', path: '/api/crm_leads', rawUrl: '/api/crm_leads?trace=1', query: { trace: '1' }, status: 200, tenant: {}, principal: 'token' },
			{ method: 'GET', path: '/api/crm_leads/a%20b', rawUrl: '/api/crm_leads/a%20b', query: {}, status: 200, tenant: {}, principal: 'token' },
		]);
		sandbox.resetRequests();
		expect(sandbox.requests).toEqual([]);
	} finally {
		await sandbox.close();
	}
});

test('the time zone and the clock option drive the audit timestamps', async () => {
	const sandbox = await createSandbox({ timeZone: 'America/New_York', now: () => new Date('2024-07-04T16:00:00Z') });
	try {
		const lead = (await call(sandbox, 'POST', '/crm_leads', { body: { type: 'lead' } })).json;
		expect(lead.create_date).toBe('2024-07-04 12:00:00');
		sandbox.setNow(new Date('2025-01-01T00:00:30Z'));
		expect((await call(sandbox, 'PUT', `/crm_leads/${lead.id}`, { body: { name: 'x' } })).json.write_date).toBe('2024-12-31 19:00:30');
	} finally {
		await sandbox.close();
	}
});

test('seed is deterministic; countLeads takes filter keys and plain fields; insertLeads validates', async () => {
	const [a, b] = await Promise.all([createSandbox({ seed: 25 }), createSandbox({ seed: 30 })]);
	try {
		expect(a.getLead('L000025')).toEqual(b.getLead('L000025'));
		expect(a.getLead('L000001')).toMatchObject({ name: expect.stringContaining(' — '), type: expect.stringMatching(/^(lead|opportunity)$/) });
		expect(a.countLeads()).toBe(25);
		const won = a.countLeads({ n_stage_id_eq: 'won' });
		expect(won).toBe(a.countLeads({ stage_id: 'won' }));
		const seeded = Array.from({ length: 25 }, (_, i) => a.getLead(`L${String(i + 1).padStart(6, '0')}`));
		expect(a.countLeads({ city: null })).toBe(seeded.filter((lead) => lead?.city === null).length);
		expect(a.countLeads({ n_team_id_eq: '', city: 'Berlin' })).toBe(seeded.filter((lead) => lead?.city === 'Berlin').length);
		expect(() => a.insertLeads([{ id: 'ok', type: 'lead' }, { id: 'bad', type: 'nope' }])).toThrow(/#1.*'type'/);
		expect(a.getLead('ok')).toBeUndefined(); // one transaction: nothing from a failed batch
		a.insertLeads([{ id: 'fixture', type: 'lead', write_date: '2020-01-01 00:00:00', create_uid: 'someone' }]);
		expect(a.getLead('fixture')).toMatchObject({ write_date: '2020-01-01 00:00:00', create_uid: 'someone' });
	} finally {
		await Promise.all([a.close(), b.close()]);
	}
});

test('insertLeads takes 100,000 leads in one go, and the list stays fast', async () => {
	const sandbox = await createSandbox();
	try {
		const leads = Array.from({ length: 100_000 }, (_, i) => ({ type: i % 2 ? 'lead' : 'opportunity', name: `Bulk ${i}`, stage_id: `s${i % 7}`, expected_revenue: i }));
		const started = Date.now();
		sandbox.insertLeads(leads);
		const insertMs = Date.now() - started;
		expect(sandbox.countLeads()).toBe(100_000);
		expect(insertMs).toBeLessThan(15_000);
		const listStarted = Date.now();
		const page = await call(sandbox, 'POST', '/crm_leads/fetch_default', { body: { n_stage_id_eq: 's3', sort: 'expected_revenue,desc', page: 2, size: 100 } });
		expect(page.headers.get('x-total')).toBe(String(sandbox.countLeads({ stage_id: 's3' })));
		expect(page.json[0].expected_revenue).toBeGreaterThan(page.json[99].expected_revenue);
		expect(Date.now() - listStarted).toBeLessThan(2_000);
	} finally {
		await sandbox.close();
	}
});

test('a file-backed database uses WAL and survives a restart', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'crm-sandbox-'));
	const dbPath = join(dir, 'leads.db');
	try {
		const first = await createSandbox({ dbPath, seed: 3 });
		await call(first, 'POST', '/crm_leads', { body: { id: 'kept', type: 'lead' } });
		expect(existsSync(`${dbPath}-wal`)).toBe(true);
		await first.close();
		const second = await createSandbox({ dbPath, seed: 3 });
		expect(second.countLeads()).toBe(4);
		expect(second.getLead('kept')).toBeDefined();
		await second.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('CLI: --print-json prints {url, token} on one line and SIGTERM stops it', async () => {
	const { child, url, token } = await startCli(['--seed', '2', '--token', 'cli-token', '--base-path', '/api']);
	try {
		expect(token).toBe('cli-token');
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
		const reply = await fetch(`${url}/crm_leads/L000002`, { headers: { Authorization: `Bearer ${token}` } });
		expect(reply.status).toBe(200);
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 20_000);
