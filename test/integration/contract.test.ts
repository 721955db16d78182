/**
 * The contract check (scripts/contract) against the sandbox: every behaviour matches, it leaves
 * no record behind and touches no other record; a server bent by a fault is reported as exactly
 * that difference; the CLI's exit code, summary line, and that it never prints the token.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { createSandbox, type Sandbox } from '../../sandbox/server';
import { seedLeadId } from '../../sandbox/seed';
import { BEHAVIOURS, exitCodeOf, runContractCheck, type ContractReport } from '../../scripts/contract/index';

const ROOT = path.resolve(__dirname, '../..');
const SEED = 30; // more than one default page (20), so "size defaults to 20" is really checked
const READ_ONLY = 'ro';

const notMatching = (report: ContractReport) =>
	report.results.filter((r) => r.status !== 'match').map((r) => ({ id: r.id, status: r.status, seen: r.seen ?? r.reason, tolerated: r.tolerated }));

const seeded = (sandbox: Sandbox) => Array.from({ length: SEED }, (_, i) => sandbox.getLead(seedLeadId(i)));

describe('runContractCheck against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await createSandbox({ seed: SEED, readOnlyToken: READ_ONLY });
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.clearFaults());

	const check = () => runContractCheck({ baseUrl: sandbox.url, token: sandbox.token, readOnlyToken: READ_ONLY });

	test('every behaviour matches, and only its own records were touched and deleted', async () => {
		const count = sandbox.countLeads();
		const others = seeded(sandbox);
		sandbox.resetRequests();

		const report = await check();

		expect(notMatching(report)).toEqual([]);
		expect(report.results.map((r) => r.id)).toEqual(BEHAVIOURS.map((b) => b.id));
		expect(report.summary).toEqual({ match: BEHAVIOURS.length, differ: 0, skipped: 0, tolerated: 0 });
		expect(exitCodeOf(report)).toBe(0);
		expect(report.runId).toMatch(/^contract-check-[0-9a-f]{8}$/);

		expect(report.cleanup.leftBehind).toEqual([]);
		expect(report.cleanup.deleted.length).toBeGreaterThan(0);
		expect(sandbox.countLeads()).toBe(count);
		expect(sandbox.countLeads({ n_name_like: report.runId })).toBe(0);
		expect(seeded(sandbox)).toEqual(others);
		const writes = sandbox.requests.filter((r) => r.method !== 'GET' && !/fetch_default|exportdata|report|check_key/.test(r.path));
		expect(writes.length).toBeGreaterThan(20);
		expect(writes.filter((r) => /\/L\d{6}(\/|$)/.test(r.path))).toEqual([]);
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

	test('without a read-only token its checks are SKIPPED', async () => {
		const report = await runContractCheck({ baseUrl: sandbox.url, token: sandbox.token });
		expect(notMatching(report)).toEqual(
			['readonly.read', 'readonly.create-403', 'readonly.delete-403'].map((id) => ({ id, status: 'skipped', seen: 'no --read-only-token given', tolerated: undefined })),
		);
		expect(exitCodeOf(report)).toBe(0);
	});
});

interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
	const env = { ...process.env };
	delete env.CRM_LEAD_TOKEN;
	delete env.CRM_LEAD_READ_ONLY_TOKEN;
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
		expect(lines[lines.length - 1]).toBe(`contract check: ${BEHAVIOURS.length} match, 0 differ, 0 skipped`);
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
		expect(report.summary).toMatchObject({ differ: 0, skipped: 3 });
		expect(report.results).toHaveLength(BEHAVIOURS.length);
		expect(json.stdout).not.toContain(token);

		expect(refused.code).toBe(2);
		expect(refused.stdout).toBe('');
		expect(refused.stderr.trim()).toMatch(/^contract check: the server refused the token \(HTTP 401: .*\); check --token$/);
		expect(refused.stderr).not.toContain('not-the-right-token-31d9');
		expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});
});
