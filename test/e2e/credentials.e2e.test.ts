/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The User Name & Password credential inside the real n8n: n8n logs in through the credential's
 * preAuthentication, keeps the token encrypted in its database (not readable in the credentials
 * table), reuses it in the next execution, logs in again once after the token expired, and its
 * "Test connection" says which of the two calls failed and why.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { createN8nUserFolder, runN8nCli } from '../../scripts/e2e/n8n';
import { CREDENTIAL_TYPE, N8N_MAJOR } from '../../scripts/e2e/paths';
import { assertSuccess, nodeJson } from '../../scripts/e2e/runData';
import { SANDBOX_LOGIN } from '../../scripts/e2e/workflows';
import { e2eState, n8nClient, runWorkflow, sandboxRequest } from './helpers';

const WORKFLOW_ID = 'e2eLeadPasswordLogin';

interface LoggedRequest {
	method: string;
	path: string;
	status: number;
	tenant: { srfsystemid?: string; srforgid?: string };
	principal?: string;
}

const sandboxLog = async () => (await sandboxRequest<LoggedRequest[]>('GET', '/__sandbox/requests')).json;
/** The sandbox's log from the request at `from` on, without the static-token calls tests make themselves. */
const loggedSince = async (from: number) => (await sandboxLog()).slice(from).filter((r) => r.principal !== 'token');

/** What n8n stored for the credential, decrypted by n8n itself (`n8n export:credentials --decrypted`). */
async function storedCredentialData(): Promise<Record<string, unknown>> {
	const state = e2eState();
	const instance = createN8nUserFolder({ dir: state.workDir, keep: true });
	const output = path.join(state.workDir, 'credentials-export.json');
	await runN8nCli(instance, ['export:credentials', `--id=${state.credentials.login.id}`, '--decrypted', `--output=${output}`]);
	const [credential] = JSON.parse(readFileSync(output, 'utf8')) as Array<{ data: Record<string, unknown> }>;
	return credential.data;
}

/** The credentials table row as it is on disk. */
function storedCredentialRow(): string {
	const database = new Database(path.join(e2eState().userFolder, '.n8n', 'database.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const row = database.prepare('SELECT data FROM credentials_entity WHERE id = ?').get(e2eState().credentials.login.id) as { data: string };
		return row.data;
	} finally {
		database.close();
	}
}

const seenTokens: string[] = [];

describe('User Name & Password credential in n8n', () => {
	it('logs in once, sends the tenant headers, and keeps the token encrypted at rest', async () => {
		const from = (await sandboxLog()).length;
		assertSuccess(await runWorkflow(WORKFLOW_ID));
		const calls = await loggedSince(from);
		expect(calls.map((r) => [r.method, r.path.replace(/.*(\/v7\/login|\/crm_leads\/\w+)$/, '$1'), r.status])).toEqual([
			['POST', '/v7/login', 200],
			['POST', '/crm_leads/fetch_default', 200],
		]);
		for (const call of calls) expect(call.tenant).toEqual({ srfsystemid: SANDBOX_LOGIN.systemId, srforgid: SANDBOX_LOGIN.orgId });

		const stored = await storedCredentialData();
		expect(stored.sessionToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		seenTokens.push(String(stored.sessionToken));
		const row = storedCredentialRow();
		expect(row).not.toContain(String(stored.sessionToken));
		expect(row).not.toContain(SANDBOX_LOGIN.password);
	});

	it('reuses the stored token in the next execution, without logging in', async () => {
		const from = (await sandboxLog()).length;
		const result = assertSuccess(await runWorkflow(WORKFLOW_ID));
		expect(nodeJson(result, 'Newest Leads')).toHaveLength(3);
		expect((await loggedSince(from)).map((r) => r.path.endsWith('/v7/login'))).toEqual([false]);
	});

	it('after the token expired: one refused call, one login, the call again — and the new token stored encrypted', async () => {
		await sandboxRequest('POST', '/__sandbox/tokens/expire');
		const from = (await sandboxLog()).length;
		const result = assertSuccess(await runWorkflow(WORKFLOW_ID));
		expect(nodeJson(result, 'Newest Leads')).toHaveLength(3);
		expect((await loggedSince(from)).map((r) => [r.path.replace(/.*(\/v7\/login|\/crm_leads\/\w+)$/, '$1'), r.status])).toEqual([
			['/crm_leads/fetch_default', 401],
			['/v7/login', 200],
			['/crm_leads/fetch_default', 200],
		]);
		const stored = await storedCredentialData();
		expect(stored.sessionToken).not.toBe(seenTokens[0]);
		seenTokens.push(String(stored.sessionToken));
		expect(storedCredentialRow()).not.toContain(String(stored.sessionToken));
	});

	describe('Test connection', () => {
		const test = async (data: Record<string, unknown>) => {
			const { login } = e2eState().credentials;
			const { json } = await (await n8nClient()).request<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
				credentials: { id: login.id, name: login.name, type: CREDENTIAL_TYPE, data: { ...storedData, ...data } },
			});
			return json.data;
		};
		let storedData: Record<string, unknown> = {};
		beforeAll(async () => {
			storedData = await storedCredentialData();
		});

		it('logs in and lists one lead', async () => {
			await expect(test({})).resolves.toMatchObject({ status: 'OK' });
		});

		it('a wrong password: says the server rejected the user name or password', async () => {
			const result = await test({ password: 'Not-The-Password-1', sessionToken: '' });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('The server rejected the user name or password');
			expect(result.message).not.toContain('Not-The-Password-1');
		});

		it('an invalid Server Time Zone: refused, naming the accepted forms (issue 26); GMT+8 passes', async () => {
			const result = await test({ timeZone: 'Mars/Olympus' });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('Server Time Zone "Mars/Olympus" is not a time zone');
			expect(result.message).toContain('GMT+8, UTC+8, UTC+08:00 or +08:00');
			await expect(test({ timeZone: 'GMT+8' })).resolves.toMatchObject({ status: 'OK' });
		});

		it('a Login Path that answers 401: names Login Path and Base URL, not the password (issue 26)', async () => {
			const result = await test({ loginPath: '/v7/not-the-login', sessionToken: '' });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('Login Path');
			expect(result.message).not.toMatch(/password/i);
		});

		it('logged in, but no System ID / Organization ID: says the list call was refused and what to set', async () => {
			const result = await test({ systemId: '', orgId: '', sessionToken: '' });
			expect(result).toMatchObject({ status: 'Error' });
			if (N8N_MAJOR === 1) {
				// n8n 1.x replaces a credential test's 403 with its own text (README, Compatibility)
				expect(result.message).toBe('Forbidden - perhaps check your credentials?');
				return;
			}
			expect(result.message).toContain('HTTP 403');
			expect(result.message).toContain('System ID and Organization ID');
		});
	});

	afterAll(() => {
		// Neither the password nor any token in n8n's log.
		const log = readFileSync(e2eState().n8nLogFile, 'utf8');
		expect(seenTokens.length).toBeGreaterThan(0);
		for (const secret of [SANDBOX_LOGIN.password, ...seenTokens]) expect(log).not.toContain(secret);
	});
});
