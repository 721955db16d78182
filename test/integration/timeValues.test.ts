/**
 * Time values sent to the server (issue 26, defect 10): every date text without an offset is read
 * in the server's zone, whatever its spelling; Server Time Zone takes IANA names and offsets
 * (GMT+8, UTC+8, +08:00); an invalid one is refused before any request and when the credential is
 * tested; epoch numbers in seconds or milliseconds are both read sensibly.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { CrmLeadApi } from '../../credentials/CrmLeadApi.credentials';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

type Json = Record<string, unknown>;

describe.each(['cloud', 'classic'] as const)('%s', (flavour) => {
	const env = useSandbox({ flavour, timeZone: 'Asia/Shanghai' });
	beforeEach(() => env.sandbox.resetRequests());
	const upsert = (items: Json[], timeZone: string, workflowZone = 'Europe/Berlin') =>
		runNode({
			credentials: { ...env.credentials, timeZone },
			timezone: workflowZone,
			parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData' },
			items: items.map((json) => ({ json })) as never,
			continueOnFail: true,
		});
	const deadlineOf = (id: string) => env.sandbox.getLead(id)?.date_deadline;

	test('every spelling of one server-local time is stored as that time (workflow zone Europe/Berlin, server Asia/Shanghai)', async () => {
		const spellings = ['2026-03-01 10:00', '2026-03-01 10:00:00', '2026-03-01 10:00:00.000', '2026-03-01T10:00', '2026-03-01T10:00:00.000', '2026-03-01T02:00:00Z', '2026-03-01T03:00:00+01:00'];
		const items = spellings.map((date_deadline, i) => ({ id: `${flavour}-t-${i}`, type: 'lead', name: 't', date_deadline }));
		const result = await upsert(items, 'Asia/Shanghai');
		expect(result.items.map((item) => item.json.errorKind)).toEqual(spellings.map(() => undefined));
		expect(items.map((item) => deadlineOf(item.id))).toEqual(spellings.map(() => '2026-03-01 10:00:00'));
	});

	test.each(['GMT+8', 'UTC+8', '+08:00', 'UTC+08:00', 'Etc/GMT-8'])('Server Time Zone %s reads like Asia/Shanghai', async (zone) => {
		const id = `${flavour}-z-${zone}`;
		const result = await upsert([{ id, type: 'lead', name: 'z', date_deadline: '2026-03-01T02:00:00Z' }], zone);
		expect(result.items[0].json.errorKind).toBeUndefined();
		expect(deadlineOf(id)).toBe('2026-03-01 10:00:00');
	});

	test('an invalid Server Time Zone is refused before any request, naming the accepted forms', async () => {
		const result = await upsert([{ id: `${flavour}-bad-zone`, type: 'lead', name: 'z', date_deadline: '2026-03-01 10:00' }], 'Mars/Olympus');
		const message = String(result.error?.message ?? result.items[0]?.json.error);
		expect(message).toMatch(/Server Time Zone/);
		expect(message).toMatch(/Mars\/Olympus/);
		expect(message).toMatch(/Asia\/Shanghai/);
		expect(message).toMatch(/\+08:00/);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('epoch numbers: seconds and milliseconds are the same instant, never 1970', async () => {
		const items = [
			{ id: `${flavour}-e-s`, type: 'lead', name: 'e', date_deadline: 1767225600 },
			{ id: `${flavour}-e-ms`, type: 'lead', name: 'e', date_deadline: 1767225600000 },
		];
		const result = await upsert(items, 'Asia/Shanghai');
		expect(result.items.map((item) => item.json.errorKind)).toEqual([undefined, undefined]);
		expect(items.map((item) => deadlineOf(item.id))).toEqual(['2026-01-01 08:00:00', '2026-01-01 08:00:00']);
	});
});

test('testing the credential refuses an invalid Server Time Zone, naming the accepted forms', async () => {
	const credential = new CrmLeadApi();
	const data = { baseUrl: 'http://127.0.0.1:1', accessToken: 't', timeZone: 'GMT+25' } as unknown as ICredentialDataDecryptedObject;
	await expect(credential.authenticate(data, { url: '/crm_leads/fetch_default' } as IHttpRequestOptions)).rejects.toThrow(
		/Server Time Zone "GMT\+25" is not a time zone.*Asia\/Shanghai.*\+08:00/,
	);
	await expect(credential.authenticate({ ...data, timeZone: 'GMT+8' }, { url: '/x' } as IHttpRequestOptions)).resolves.toBeDefined();
});
