/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The contract check (scripts/contract) against the sandbox in both flavours, logged in as a
 * user with tenant headers: every behaviour matches, it leaves no record behind and touches no
 * other record; a server bent by a fault is reported as exactly that difference; with a static
 * token the login and tenant checks are skipped; the CLI's exit code, summary line, and that it
 * never prints a token or a password.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { seedLeadId } from '../../sandbox/seed';
import { BEHAVIOURS, NODE_OPERATIONS, OPERATION_USES, exitCodeOf, runContractCheck, type ContractReport } from '../../scripts/contract/index';
import { operationParameter } from '../../nodes/CrmLead/actions/entity/entity.description';
import { ENTITIES } from '../../nodes/CrmLead/entities';

const ROOT = path.resolve(__dirname, '../..');
const SEED = 30; // more than one default page (20), so "size defaults to 20" is really checked
const READ_ONLY = 'ro';
const USER = { loginname: 'checker', password: 'checker-pw-4e1f9a', systemId: 'SYS-1', orgId: 'ORG-1' };
const LOGIN = { user: USER.loginname, password: USER.password, systemId: USER.systemId, orgId: USER.orgId };
/** Behaviours that need a login (or a JWT): SKIPPED when the check runs with a static token. */
const LOGIN_ONLY = ['login.token', 'login.wrong-password', 'auth.expired-token', 'auth.tenant-required'];
/** A JWT anywhere in an output: the login's token must never be printed. */
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

const notMatching = (report: ContractReport) =>
	report.results.filter((r) => r.status !== 'match').map((r) => ({ id: r.id, status: r.status, seen: r.seen ?? r.reason, tolerated: r.tolerated }));

const seeded = (sandbox: Sandbox) => Array.from({ length: SEED }, (_, i) => sandbox.getLead(seedLeadId(i)));

/** The lead's operations (the entities' verdicts are asserted on their own, below). */
const LEAD_LINES = new Set(OPERATION_USES.map((o) => o.name));
/** Operation → verdict, for the lead's lines that are not "works". */
const notWorking = (report: ContractReport) =>
	Object.fromEntries(report.operations.filter((o) => LEAD_LINES.has(o.name) && o.verdict !== 'works').map((o) => [o.name, o.verdict]));
/** The entities' lines that are not "works" and not an import left out by choice. */
const entityProblems = (report: ContractReport) =>
	report.operations.filter((o) => !LEAD_LINES.has(o.name) && o.verdict !== 'works' && !(o.verdict === 'not checked' && o.byChoice)).map((o) => `${o.name}: ${o.verdict} ${o.details.join('; ')}`);
const verdictOf = (report: ContractReport, name: string) => report.operations.find((o) => o.name === name);
/** Requests that may change data, as the sandbox logged them (every method but GET, except the reading POSTs and the login). */
const writesIn = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== 'GET' && !/fetch_|exportdata|report|check_key|login/.test(r.path));

test('every operation of the node has a verdict line, and every behaviour counts for one', () => {
	const named = new Set(OPERATION_USES.map((o) => o.name));
	for (const name of NODE_OPERATIONS.values()) expect(named).toContain(name);
	expect(NODE_OPERATIONS.size).toBe(18);
	const used = new Set(OPERATION_USES.flatMap((o) => o.needs));
	expect(BEHAVIOURS.map((b) => b.id).filter((id) => !used.has(id))).toEqual([]);
});

describe.each(['cloud', 'classic'] as const)('runContractCheck against the %s sandbox, logged in as a user', (flavour: Flavour) => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await createSandbox({ flavour, seed: SEED, readOnlyToken: READ_ONLY, users: [USER] });
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearFaults());

	const check = () => runContractCheck({ baseUrl: sandbox.url, ...LOGIN, readOnlyToken: READ_ONLY });

	test('every behaviour matches, the generation is recognised, and only its own records were touched and deleted', async () => {
		const count = sandbox.countLeads();
		const others = seeded(sandbox);
		sandbox.resetRequests();

		const report = await check();

		expect(notMatching(report)).toEqual([]);
		expect(report.results.map((r) => r.id)).toEqual(BEHAVIOURS.map((b) => b.id));
		expect(report.summary).toEqual({ match: BEHAVIOURS.length, differ: 0, skipped: 0, tolerated: 0 });
		expect(exitCodeOf(report)).toBe(0);
		expect(report.generation.generation).toBe(flavour);
		expect(report.generation.why.length).toBeGreaterThanOrEqual(3);
		expect(report.generation.why.every((w) => w.startsWith(`${flavour}: `))).toBe(true);
		expect(notWorking(report)).toEqual({});
		expect(report.operations.filter((o) => LEAD_LINES.has(o.name))).toHaveLength(OPERATION_USES.length);
		// The entities around the lead: every endpoint kind of every page has a verdict, and works.
		expect(entityProblems(report)).toEqual([]);
		for (const entity of ENTITIES) {
			const lines = report.operations.filter((o) => o.name.startsWith(`${entity.displayName}: `));
			const offered = (operationParameter(entity).options ?? []).map((o) => `${entity.displayName}: ${o.name}`);
			expect(lines.map((o) => o.name)).toEqual(expect.arrayContaining(offered));
		}
		expect(verdictOf(report, 'Other Entity: the server’s OpenAPI description (entity list, fields, checks)')?.verdict).toBe('works');
		for (const path of ['res_partners', 'crm_stages', 'mail_activities', 'mail_messages']) {
			expect(sandbox.listRecords(path).filter((r) => JSON.stringify(r).includes(report.runId))).toEqual([]);
		}
		// Cloud keeps deleted keys: the check said which before it wrote; classic frees them.
		if (flavour === 'cloud') expect(report.reservedKeys).toMatch(new RegExp(`start with ${report.runId}-.*--read-only`));
		else expect(report.reservedKeys).toBeUndefined();
		expect(report.runId).toMatch(/^contract-check-[0-9a-f]{8}$/);
		const info = (id: string) => report.results.find((r) => r.id === id)?.info;
		for (const id of ['login.token', 'login.wrong-password', 'auth.error-shape', 'auth.tenant-required', 'errors.shape']) expect(info(id)).toMatch(new RegExp(`^${flavour}: `));
		expect(info('check-key.deleted')).toMatch(flavour === 'cloud' ? /^2 = deleted/ : /^0: /);

		expect(report.cleanup.leftBehind).toEqual([]);
		expect(report.cleanup.deleted.length).toBeGreaterThan(0);
		expect(sandbox.countLeads()).toBe(count);
		expect(sandbox.countLeads({ n_name_like: report.runId })).toBe(0);
		expect(seeded(sandbox)).toEqual(others);
		const writes = sandbox.requests.filter((r) => r.method !== 'GET' && !/fetch_|exportdata|report|check_key|login/.test(r.path));
		expect(writes.length).toBeGreaterThan(20);
		expect(writes.filter((r) => /\/L\d{6}(\/|$)/.test(r.path))).toEqual([]);
		// Logged in as the user, with the tenant, except where a check leaves something out on purpose.
		expect(new Set(writes.map((r) => r.principal))).toEqual(new Set([USER.loginname, 'read-only-token']));
		expect(JSON.stringify(report)).not.toMatch(JWT);
		expect(JSON.stringify(report)).not.toContain(USER.password);
	});

	test('a server without paging headers: exactly that behaviour DIFFERS, and it is tolerated', async () => {
		const count = sandbox.countLeads();
		sandbox.injectFault({ mode: 'no-paging-headers' });

		const report = await check();

		expect(notMatching(report)).toEqual([
			{ id: 'list.paging-headers', status: 'differ', seen: 'missing x-page, x-per-page, x-total', tolerated: true },
		]);
		expect(report.results.find((r) => r.id === 'list.paging-headers')?.note).toMatch(/pages without these headers/);
		expect(report.summary).toMatchObject({ differ: 1, tolerated: 1, skipped: 0 });
		expect(notWorking(report)).toEqual({ 'Lead: Get Many': 'works with a tolerated difference', 'CRM Lead Trigger': 'works with a tolerated difference' });
		expect(verdictOf(report, 'Lead: Get Many')?.details.join()).toMatch(/missing x-page.*pages without these headers/);
		expect(exitCodeOf(report)).toBe(0);
		expect(exitCodeOf(report, true)).toBe(1); // --strict
		expect(sandbox.countLeads()).toBe(count);
	});

	test('wrong paging headers DIFFER and are not tolerated', async () => {
		const count = sandbox.countLeads();
		sandbox.injectFault({ mode: 'wrong-paging-headers' });

		const report = await check();

		expect(notMatching(report)).toEqual([
			{ id: 'list.paging-headers', status: 'differ', seen: expect.stringMatching(/x-total is "\d+", expected \d+/), tolerated: false },
		]);
		expect(notWorking(report)).toEqual({ 'Lead: Get Many': 'will fail', 'CRM Lead Trigger': 'will fail' });
		expect(exitCodeOf(report)).toBe(1);
		expect(sandbox.countLeads()).toBe(count);
	});

	test('a server that ignores page: Get Many and the trigger will fail, saying what to change; every other operation works', async () => {
		const count = sandbox.countLeads();
		sandbox.injectFault({ mode: 'ignore-page' });

		const report = await check();

		expect(notWorking(report)).toEqual({ 'Lead: Get Many': 'will fail', 'CRM Lead Trigger': 'will fail' });
		expect(verdictOf(report, 'Lead: Get Many')?.details.join('\n')).toMatch(/seems to ignore page\. To change: the server must serve page N/);
		expect(report.generation.generation).toBe(flavour);
		expect(exitCodeOf(report)).toBe(1);
		expect(sandbox.countLeads()).toBe(count);
	});

	test('--read-only writes nothing: the reads are checked on a lead the server holds, the rest is "not checked" by choice', async () => {
		const count = sandbox.countLeads();
		const others = seeded(sandbox);
		sandbox.resetRequests();
		const notices: string[] = [];

		const report = await runContractCheck({ baseUrl: sandbox.url, ...LOGIN, readOnly: true, onNotice: (t) => notices.push(t) });

		expect(writesIn(sandbox)).toEqual([]);
		expect(sandbox.requests.map((r) => r.method)).toContain('GET');
		expect(notices).toEqual([]);
		expect(report.readOnly).toBe(true);
		const verdicts = Object.fromEntries(report.operations.map((o) => [o.name, o.verdict]));
		for (const name of ['Lead: Get Draft', 'Import / Export: Download Import Template', 'Document: Print', 'Document: Report', 'Credential']) expect(verdicts[name]).toBe('works');
		for (const name of ['Lead: Create', 'Lead: Delete', 'Lead: Update']) expect(verdicts[name]).toBe('not checked');
		expect(report.operations.filter((o) => o.verdict === 'not checked').every((o) => o.byChoice)).toBe(true);
		expect(report.results.find((r) => r.id === 'list.page-zero-based')?.status).toBe('match');
		expect(exitCodeOf(report)).toBe(0);
		expect(sandbox.countLeads()).toBe(count);
		expect(seeded(sandbox)).toEqual(others);
	});

	test('--read-only against a server that ignores page still finds it', async () => {
		sandbox.injectFault({ mode: 'ignore-page' });
		sandbox.resetRequests();
		const report = await runContractCheck({ baseUrl: sandbox.url, ...LOGIN, readOnly: true });
		expect(writesIn(sandbox)).toEqual([]);
		expect(verdictOf(report, 'Lead: Get Many')?.verdict).toBe('will fail');
		expect(exitCodeOf(report)).toBe(1);
	});
});

test('a server that lacks an entity: every operation of it is "not offered by this server", and the check still passes', async () => {
	const sandbox = await createSandbox({ entities: ['crm_stages'], openApi: false });
	try {
		const report = await runContractCheck({ baseUrl: sandbox.url, token: sandbox.token });
		const contact = report.operations.filter((o) => o.name.startsWith('Contact: '));
		expect(contact.length).toBe(15);
		expect(new Set(contact.map((o) => o.verdict))).toEqual(new Set(['not offered by this server']));
		expect(contact[0].details[0]).toMatch(/^POST \/res_partners\/fetch_default answered HTTP 404.*: this server has no contacts$/);
		expect(report.operations.filter((o) => o.name.startsWith('Stage: ') && o.verdict === 'will fail')).toEqual([]);
		expect(verdictOf(report, 'Other Entity: the server’s OpenAPI description (entity list, fields, checks)')?.verdict).toBe('not offered by this server');
		expect(exitCodeOf(report)).toBe(0);
	} finally {
		await sandbox.close();
	}
});

describe.each(['cloud', 'classic'] as const)('runContractCheck against a %s server that takes no arrays', (flavour: Flavour) => {
	test('save.array DIFFERS and is tolerated (the node falls back), the failure check is SKIPPED, nothing is left behind', async () => {
		const sandbox = await createSandbox({ flavour, seed: SEED, users: [USER], acceptArrays: false });
		try {
			const count = sandbox.countLeads();
			const report = await runContractCheck({ baseUrl: sandbox.url, ...LOGIN });
			const arrays = report.results.filter((r) => r.id.startsWith('save.array'));
			expect(arrays.map((r) => [r.id, r.status, r.tolerated])).toEqual([
				['save.array', 'differ', true],
				['save.array-failure', 'skipped', undefined],
			]);
			expect(verdictOf(report, 'Lead: Create or Update')?.verdict).toBe('works with a tolerated difference');
			expect(exitCodeOf(report)).toBe(0);
			expect(arrays[0].seen).toMatch(/neither save \(HTTP 400\) nor savebatch \(HTTP 405\)/);
			expect(arrays[0].note).toMatch(/one request per lead/);
			expect(sandbox.countLeads()).toBe(count);
		} finally {
			await sandbox.close();
		}
	});
});

describe('runContractCheck with a static token', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await createSandbox({ seed: SEED, readOnlyToken: READ_ONLY });
	});
	afterAll(() => sandbox.close());

	test('the login, expired-token and tenant checks are SKIPPED, everything else matches', async () => {
		const report = await runContractCheck({ baseUrl: sandbox.url, token: sandbox.token, readOnlyToken: READ_ONLY });
		expect(notMatching(report).map((r) => [r.id, r.status])).toEqual(LOGIN_ONLY.map((id) => [id, 'skipped']));
		expect(report.results.find((r) => r.id === 'auth.expired-token')?.reason).toMatch(/not a JWT/);
		expect(exitCodeOf(report)).toBe(0);
	});

	test('without a read-only token its checks are SKIPPED', async () => {
		const report = await runContractCheck({ baseUrl: sandbox.url, token: sandbox.token });
		expect(notMatching(report).filter((r) => r.id.startsWith('readonly.'))).toEqual(
			['readonly.read', 'readonly.create-403', 'readonly.delete-403'].map((id) => ({ id, status: 'skipped', seen: 'no --read-only-token given', tolerated: undefined })),
		);
		expect(exitCodeOf(report)).toBe(0);
	});

	test('--token-header and --token-prefix: a server that reads a bare token from another header passes too', async () => {
		const raw = await createSandbox({ seed: SEED, tokenHeader: 'X-Auth-Token', tokenPrefix: '', users: [USER] });
		try {
			const report = await runContractCheck({ baseUrl: raw.url, ...LOGIN, tokenHeader: 'X-Auth-Token', tokenPrefix: '' });
			expect(notMatching(report).map((r) => r.id)).toEqual(['readonly.read', 'readonly.create-403', 'readonly.delete-403']);
			expect(raw.requests.filter((r) => r.principal === USER.loginname).length).toBeGreaterThan(20);
			await expect(runContractCheck({ baseUrl: raw.url, ...LOGIN })).rejects.toThrow(/refused the login's token.*--token-header/);
		} finally {
			await raw.close();
		}
	});

	test('an ordinary user without --system-id/--org-id cannot run the check on cloud; a token or a login is required', async () => {
		const cloud = await createSandbox({ users: [USER] });
		try {
			await expect(runContractCheck({ baseUrl: cloud.url, user: USER.loginname, password: USER.password })).rejects.toThrow(/--system-id and --org-id/);
			await expect(runContractCheck({ baseUrl: cloud.url, user: USER.loginname, password: 'wrong-pw-77' })).rejects.toThrow(/the login was refused \(HTTP 500: 用户名或密码错误\)/);
			await expect(runContractCheck({ baseUrl: cloud.url })).rejects.toThrow(/--token.*--user/);
		} finally {
			await cloud.close();
		}
	});
});

interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
	const env = { ...process.env, ...extraEnv };
	if (!('CRM_LEAD_TOKEN' in extraEnv)) delete env.CRM_LEAD_TOKEN;
	delete env.CRM_LEAD_READ_ONLY_TOKEN;
	if (!('CRM_LEAD_PASSWORD' in extraEnv)) delete env.CRM_LEAD_PASSWORD;
	return new Promise((resolve, reject) => {
		const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['--import', 'tsx', 'scripts/contract.ts', ...args], { cwd: ROOT, env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

describe('npm run contract (the CLI, as a child process)', () => {
	const token = 'contract-cli-secret-7f3a91c2e4';
	const readOnlyToken = 'contract-cli-readonly-5d2e88';
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await createSandbox({ token, readOnlyToken, seed: SEED, basePath: '/api' });
	});
	afterAll(() => sandbox.close());

	test('exit code 0, ends with the generation and a verdict per operation, and never the token', async () => {
		const count = sandbox.countLeads();
		const run = await runCli(['--base-url', `${sandbox.url}/`, '--token', token, '--read-only-token', readOnlyToken]);

		// The one line on stderr: the keys a cloud server keeps reserved, said before the first write.
		expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^contract check: This server looks like the iBiz cloud generation, which keeps deleted keys/)]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`contract check: ${BEHAVIOURS.length - LOGIN_ONLY.length} match, 0 differ, ${LOGIN_ONLY.length} skipped`);
		// It ends with the generation and a verdict per operation.
		expect(run.stdout).toMatch(/\nServer generation: cloud\n {2}cloud: a request without a token got HTTP 401 with an empty body\n/);
		expect(run.stdout).toMatch(/\n {2}WORKS +Lead: Get Many\n/);
		const lines = run.stdout.trim().split('\n');
		// the lead's lines all work; the entities' imports and Remove All Favorites are left out by choice
		expect(lines[lines.length - 1]).toMatch(/^Verdict: \d+ work, 13 not checked\.$/);
		expect(run.stdout).not.toMatch(/WILL FAIL/);
		expect(run.stdout).toMatch(/^ {2}MATCH {4}A request without a token gets 401$/m);
		expect(run.stdout).toMatch(/0 left behind/);
		expect(run.stdout + run.stderr).not.toContain(token);
		expect(run.stdout + run.stderr).not.toContain(readOnlyToken);
		expect(sandbox.countLeads()).toBe(count);
	});

	test('--json prints the report; a refused token exits 2 with a clear message', async () => {
		const [json, refused] = await Promise.all([
			runCli(['--base-url', sandbox.url, '--token', token, '--json']),
			runCli(['--base-url', sandbox.url, '--token', 'not-the-right-token-31d9']),
		]);

		expect(json.code).toBe(0);
		const report = JSON.parse(json.stdout) as ContractReport & { exitCode: number };
		expect(report.exitCode).toBe(0);
		expect(report.generation.generation).toBe('cloud');
		// No --read-only-token here: only its line is "not checked", by choice.
		expect(notWorking(report)).toEqual({ 'Permissions (a READ-only token)': 'not checked' });
		expect(report.summary).toMatchObject({ differ: 0, skipped: 3 + LOGIN_ONLY.length });
		expect(report.results).toHaveLength(BEHAVIOURS.length);
		expect(json.stdout).not.toContain(token);

		expect(refused.code).toBe(2);
		expect(refused.stdout).toBe('');
		expect(refused.stderr.trim()).toMatch(/^contract check: the server refused the token \(HTTP 401.*\); check --token$/);
		expect(refused.stderr).not.toContain('not-the-right-token-31d9');
		expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});

	test('against a server that ignores page: exit 1, naming the operations that will fail', async () => {
		sandbox.injectFault({ mode: 'ignore-page' });
		try {
			const run = await runCli(['--base-url', sandbox.url, '--token', token]);
			expect(run.code).toBe(1);
			expect(run.stdout).toMatch(/\n {2}WILL FAIL +Lead: Get Many\n.*the server seems to ignore page\. To change: /);
			expect(run.stdout).toMatch(/\n {2}WILL FAIL +CRM Lead Trigger\n/);
			expect(run.stdout.trim().split('\n').pop()).toMatch(/^Verdict: \d+ work, 2 will fail, 14 not checked\.$/);
		} finally {
			sandbox.clearFaults();
		}
	});

	test('a time budget too small to check everything does not exit 0: the operations it did not reach are "not checked"', async () => {
		const count = sandbox.countLeads();
		const run = await runCli(['--base-url', sandbox.url, '--token', token, '--max-duration', '0.2']);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/\n {2}NOT CHECKED +Lead: /);
		expect(run.stdout).toMatch(/time budget \(--max-duration\) ran out/);
		expect(sandbox.countLeads()).toBe(count); // the cleanup still ran
	});

	test('--json prints exactly one JSON document also when the check cannot run (nothing listens on the port)', async () => {
		const closed = await freePort();
		const run = await runCli(['--base-url', `http://127.0.0.1:${closed}/api`, '--token', token, '--json']);
		expect(run.code).toBe(2);
		const answer = JSON.parse(run.stdout) as { exitCode: number; error: string };
		expect(answer).toEqual({ exitCode: 2, error: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/api: connection refused/) });
		const usage = await runCli(['--json', '--base-url', sandbox.url]);
		expect(usage.code).toBe(2);
		expect(JSON.parse(usage.stdout)).toEqual({ exitCode: 2, error: expect.stringMatching(/--token/) });
	});

	const login = ['--user', 'someone', '--password', 'pw-1234'];
	test.each([
		['a login path with a scheme', [...login, '--login-path', 'http://127.0.0.1:1/v7/login'], /^contract check: --login-path: "http:\/\/127\.0\.0\.1:1\/v7\/login" is not a path: give only the part after the Base URL, e\.g\. \/v7\/login or \/uaa\/login$/],
		['a login path to another host', [...login, '--login-path', '//other.host/v7/login'], /^contract check: --login-path: .* is not a path/],
		['a login path with a query', [...login, '--login-path', '/v7/login?x=1'], /^contract check: --login-path: .* is not a path/],
		['a path where the base URL is expected', ['--base-url', '/api', '--token', token], /^contract check: --base-url "\/api" is not usable: it is not a valid URL \(pass the prefix \/crm_leads lives under, e\.g\. https:\/\/crm\.example\.com\/api\)$/],
	])('bad input, %s: one line saying what to pass instead, exit 2, no request sent', async (_, args, message) => {
		sandbox.resetRequests();
		const run = await runCli(args[0] === '--base-url' ? args : ['--base-url', sandbox.url, ...args]);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trim()).toMatch(message);
		expect(sandbox.requests).toEqual([]);
	});

	test('a server that answers an HTML page (the web app, not the API): exit 2, saying to pass the API prefix; nothing written', async () => {
		const posts: string[] = [];
		const html = createServer((req, res) => {
			if (req.method !== 'GET') posts.push(`${req.method} ${req.url}`);
			res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html><body>CRM web app</body></html>');
		});
		await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
		try {
			const run = await runCli(['--base-url', `http://127.0.0.1:${(html.address() as AddressInfo).port}`, '--token', token]);
			expect(run.code).toBe(2);
			expect(run.stderr.trim()).toMatch(/^contract check: \S+\/crm_leads\/fetch_default answered an HTML page \(HTTP 200\), not the API's JSON: --base-url is the API prefix before \/crm_leads/);
			expect(run.stderr.trim().split('\n')).toHaveLength(1);
			expect(posts).toEqual(['POST /crm_leads/fetch_default']); // the one list request, nothing else
		} finally {
			await new Promise((resolve) => html.close(resolve));
		}
	});
});

/** A port nothing listens on (bound, then closed). */
async function freePort(): Promise<number> {
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('npm run contract with --user/--password (the CLI, as a child process)', () => {
	const sandboxes: Partial<Record<Flavour, Sandbox>> = {};
	beforeAll(async () => {
		for (const flavour of ['cloud', 'classic'] as const) sandboxes[flavour] = await createSandbox({ flavour, seed: SEED, basePath: '/api', users: [USER] });
	});
	afterAll(() => Promise.all(Object.values(sandboxes).map((s) => s?.close())));

	test.each(['cloud', 'classic'] as const)('%s: exit code 0, everything matches, and neither the password nor a token is printed', async (flavour) => {
		const sandbox = sandboxes[flavour] as Sandbox;
		// The password from the environment on one run, from the command line on the other.
		const passwordArgs = flavour === 'cloud' ? [] : ['--password', USER.password];
		const env: Record<string, string> = flavour === 'cloud' ? { CRM_LEAD_PASSWORD: USER.password } : {};
		const run = await runCli(['--base-url', sandbox.url, '--user', USER.loginname, ...passwordArgs, '--system-id', USER.systemId, '--org-id', USER.orgId, '--login-path', '/v7/login'], env);

		expect(run.code).toBe(0);
		// Before its first write on cloud it says which keys stay reserved (stderr; stdout keeps the report).
		if (flavour === 'cloud') expect(run.stderr).toMatch(/^contract check: This server looks like the iBiz cloud generation, which keeps deleted keys: .*contract-check-[0-9a-f]{8}-.*--read-only/);
		else expect(run.stderr).toBe('');
		// Without --read-only-token its three checks are skipped; the login and tenant checks ran.
		expect(run.stdout).toContain(`contract check: ${BEHAVIOURS.length - 3} match, 0 differ, 3 skipped`);
		expect(run.stdout).toContain(`\nServer generation: ${flavour}\n  ${flavour}: the login answered {token, ${flavour === 'cloud' ? 'expirein' : 'user'}}\n`);
		expect(run.stdout).toMatch(/ {2}NOT CHECKED +Permissions \(a READ-only token\)/);
		expect(run.stdout.trim().split('\n').pop()).toMatch(/^Verdict: \d+ work, 14 not checked\.$/);
		expect(run.stdout).toMatch(new RegExp(`^ {2}MATCH {4}The login answers a token .*\\n {11}\\(${flavour}: `, 'm'));
		expect(run.stdout + run.stderr).not.toContain(USER.password);
		expect(run.stdout + run.stderr).not.toMatch(JWT);
	});

	test('a wrong password exits 2 with the server\'s refusal, and never prints the password', async () => {
		const run = await runCli(['--base-url', (sandboxes.classic as Sandbox).url, '--user', USER.loginname, '--password', 'wrong-secret-5521']);
		expect(run.code).toBe(2);
		expect(run.stderr.trim()).toMatch(/^contract check: the login was refused \(HTTP 400: 用户名密码错误\); check --user, --password and --domain$/);
		expect(run.stdout + run.stderr).not.toContain('wrong-secret-5521');
	});
});
