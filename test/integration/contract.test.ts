/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The contract check (scripts/contract) against the sandbox in both flavours, logged in as a
 * user with tenant headers: every behaviour matches, it leaves no record behind and touches no
 * other record; a server bent by a fault is reported as exactly that difference; with a static
 * token the login and tenant checks are skipped; the CLI's exit code, summary line, and that it
 * never prints a token or a password.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { seedLeadId } from '../../sandbox/seed';
import { BEHAVIOURS, exitCodeOf, runContractCheck, type ContractReport } from '../../scripts/contract/index';

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
		expect(report.runId).toMatch(/^contract-check-[0-9a-f]{8}$/);
		const info = (id: string) => report.results.find((r) => r.id === id)?.info;
		for (const id of ['login.token', 'login.wrong-password', 'auth.error-shape', 'auth.tenant-required', 'errors.shape']) expect(info(id)).toMatch(new RegExp(`^${flavour}: `));
		expect(info('check-key.deleted')).toMatch(flavour === 'cloud' ? /^2 = deleted/ : /^0: /);

		expect(report.cleanup.leftBehind).toEqual([]);
		expect(report.cleanup.deleted.length).toBeGreaterThan(0);
		expect(sandbox.countLeads()).toBe(count);
		expect(sandbox.countLeads({ n_name_like: report.runId })).toBe(0);
		expect(seeded(sandbox)).toEqual(others);
		const writes = sandbox.requests.filter((r) => r.method !== 'GET' && !/fetch_default|exportdata|report|check_key|login/.test(r.path));
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
		expect(exitCodeOf(report)).toBe(1);
		expect(exitCodeOf(report, true)).toBe(0);
		expect(sandbox.countLeads()).toBe(count);
	});

	test('wrong paging headers DIFFER and are not tolerated', async () => {
		const count = sandbox.countLeads();
		sandbox.injectFault({ mode: 'wrong-paging-headers' });

		const report = await check();

		expect(notMatching(report)).toEqual([
			{ id: 'list.paging-headers', status: 'differ', seen: expect.stringMatching(/x-total is "\d+", expected \d+/), tolerated: false },
		]);
		expect(exitCodeOf(report, true)).toBe(1);
		expect(sandbox.countLeads()).toBe(count);
	});
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

	test('exit code 0, the summary line last, and never the token', async () => {
		const count = sandbox.countLeads();
		const run = await runCli(['--base-url', `${sandbox.url}/`, '--token', token, '--read-only-token', readOnlyToken]);

		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const lines = run.stdout.trim().split('\n');
		expect(lines[lines.length - 1]).toBe(`contract check: ${BEHAVIOURS.length - LOGIN_ONLY.length} match, 0 differ, ${LOGIN_ONLY.length} skipped`);
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
		const report = JSON.parse(json.stdout) as ContractReport;
		expect(report.summary).toMatchObject({ differ: 0, skipped: 3 + LOGIN_ONLY.length });
		expect(report.results).toHaveLength(BEHAVIOURS.length);
		expect(json.stdout).not.toContain(token);

		expect(refused.code).toBe(2);
		expect(refused.stdout).toBe('');
		expect(refused.stderr.trim()).toMatch(/^contract check: the server refused the token \(HTTP 401.*\); check --token$/);
		expect(refused.stderr).not.toContain('not-the-right-token-31d9');
		expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});
});

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

		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const lines = run.stdout.trim().split('\n');
		// Without --read-only-token its three checks are skipped; the login and tenant checks ran.
		expect(lines[lines.length - 1]).toBe(`contract check: ${BEHAVIOURS.length - 3} match, 0 differ, 3 skipped`);
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
