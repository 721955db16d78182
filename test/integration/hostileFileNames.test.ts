/**
 * Issue 32, item 7: download names are the server's to suggest, not to impose. A Content-Disposition
 * name that climbs out of a folder, is absolute, carries CR LF or NUL or is 8,000 characters long,
 * and a name the node builds from a hostile ID, all become one safe base name in `json.fileName` and
 * in n8n's binary data (never a `directory`); the server's name as sent stays in `originalFileName`.
 * Over real HTTP, both server generations, every download operation.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { Flavour } from '../../sandbox/server';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** What the README promises of a file name: one name (no / or \), no control characters, no leading dot, at most 200 bytes. */
function expectSafe(name: unknown): void {
	expect(typeof name).toBe('string');
	const text = name as string;
	expect(text).not.toMatch(/[/\\]/);
	expect(text).not.toMatch(/\p{Cc}/u);
	expect(text).not.toMatch(/^\./);
	expect(text.length).toBeGreaterThan(0);
	expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(200);
}

function expectSafeItem(item: INodeExecutionData, expected: string): void {
	expect(item.json.fileName).toBe(expected);
	expectSafe(item.json.fileName);
	const binary = item.binary!.data;
	expect(binary.fileName).toBe(expected);
	// n8n-core puts a name's directory part into `directory`: there must be none.
	expect(binary.directory).toBeUndefined();
}

const LONG = `${'名'.repeat(1000)}${'a'.repeat(6996)}.pdf`;

describe.each(['cloud', 'classic'] as Flavour[])('%s server with hostile download names', (flavour) => {
	const env = useSandbox({ flavour, faults: true, seed: 3 });
	afterEach(() => env.sandbox.clearFaults());
	const print = (id = 'L000001') => runNode({ credentials: env.credentials, parameters: { resource: 'document', operation: 'print', leadId: byId(id), contentType: 'pdf' } });

	test.each([
		['a relative path out of the folder', 'attachment; filename="../../../../home/node/.n8n/config"', 'config', '../../../../home/node/.n8n/config'],
		['an absolute path', 'attachment; filename=/etc/passwd', 'passwd', '/etc/passwd'],
		['a Windows path', 'attachment; filename="..\\\\..\\\\Windows\\\\win.ini"', 'win.ini', '..\\..\\Windows\\win.ini'],
		['CR LF and NUL (filename*)', "attachment; filename=\"x.pdf\"; filename*=UTF-8''..%2F..%2Fre%0D%0Aport%00.pdf", 're_port_.pdf', '../../re\r\nport\u0000.pdf'],
		['a hidden name', 'attachment; filename=".bashrc"', 'bashrc', '.bashrc'],
		['an NTFS stream and a device name', 'attachment; filename="CON:evil.pdf"', 'CON_evil.pdf', 'CON:evil.pdf'],
	])('%s', async (_, disposition, safe, original) => {
		env.sandbox.injectFault({ mode: 'file-name', message: disposition, pathIncludes: 'printdata' });
		const { items, error } = await print();
		expect(error).toBeUndefined();
		expectSafeItem(items[0], safe);
		expect(items[0].json.originalFileName).toBe(original);
	});

	test.each([
		// 8,000 characters (10,000 bytes) written straight into filename, as UTF-8 bytes.
		['filename', `attachment; filename="${Buffer.from(LONG).toString('latin1')}"`],
		// 600 characters (1,800 bytes) percent-encoded in filename*: a header must stay under Node's 16 KB.
		['filename*', `attachment; filename*=UTF-8''${encodeURIComponent(`${'名'.repeat(600)}.pdf`)}`],
	])('a long name in %s is cut to 200 bytes of UTF-8, between characters, keeping .pdf', async (_, disposition) => {
		env.sandbox.injectFault({ mode: 'file-name', message: disposition, pathIncludes: 'printdata' });
		const { items, error } = await print();
		expect(error).toBeUndefined();
		const name = items[0].json.fileName as string;
		expectSafeItem(items[0], name);
		expect(name.endsWith('.pdf')).toBe(true);
		expect(name.startsWith('名名名')).toBe(true);
		expect(Buffer.byteLength(name)).toBeGreaterThan(190);
		expect(name).not.toContain('\uFFFD');
		expect((items[0].json.originalFileName as string).length).toBeLessThanOrEqual(1000);
	});

	test('a name that is all path and dots falls back to the node’s own name', async () => {
		env.sandbox.injectFault({ mode: 'file-name', message: 'attachment; filename="../.."', pathIncludes: 'printdata' });
		const { items } = await print();
		expectSafeItem(items[0], 'crm_lead_L000001.pdf');
		expect(items[0].json.originalFileName).toBe('../..');
	});

	test('without Content-Disposition, the name built from a hostile ID keeps the ID readable but has no path in it', async () => {
		for (const id of ['../../x', '..\\..\\y', 'a/b\r\nc']) {
			const created = await runNode({ credentials: env.credentials, parameters: { resource: 'lead', operation: 'create', type: 'lead', name: 'hostile id', additionalFields: { id } } });
			expect(created.error).toBeUndefined();
			env.sandbox.injectFault({ mode: 'file-name', pathIncludes: 'printdata' });
			const { items, error } = await print(id);
			expect(error).toBeUndefined();
			expectSafe(items[0].json.fileName);
			expect(items[0].binary!.data.directory).toBeUndefined();
			expect(items[0].json.fileName).toMatch(/^crm_lead_.*\.pdf$/);
			expect(items[0].json.originalFileName).toBeUndefined();
		}
	});

	test('a UTF-8 name written straight into filename (no filename*) is read as the UTF-8 it is', async () => {
		env.sandbox.injectFault({ mode: 'file-name', message: `attachment; filename="${Buffer.from('线索-1.pdf').toString('latin1')}"`, pathIncludes: 'printdata' });
		const { items } = await print();
		expectSafeItem(items[0], '线索-1.pdf');
		expect(items[0].json.originalFileName).toBeUndefined();
	});

	test('every download operation makes the name safe: Report, Export, Download Import Template', async () => {
		const runs = [
			{ resource: 'document', operation: 'report', contentType: 'pdf', path: 'report' },
			{ resource: 'importExport', operation: 'export', returnAll: true, path: 'exportdata' },
			{ resource: 'importExport', operation: 'downloadTemplate', importTag: 'default', path: 'importtemplate' },
		];
		for (const { path, ...parameters } of runs) {
			env.sandbox.injectFault({ mode: 'file-name', message: 'attachment; filename="../../etc/cron.d/job.xlsx"' });
			const { items, error } = await runNode({ credentials: env.credentials, parameters });
			env.sandbox.clearFaults();
			expect({ path, error }).toEqual({ path, error: undefined });
			expectSafeItem(items[0], 'job.xlsx');
			expect(items[0].json.originalFileName).toBe('../../etc/cron.d/job.xlsx');
		}
	});

	test('a name a server makes of the credential’s token is scrubbed in both fields', async () => {
		env.sandbox.injectFault({ mode: 'file-name', message: `attachment; filename="../${env.sandbox.token}.pdf"`, pathIncludes: 'printdata' });
		const { items } = await print();
		expect(JSON.stringify(items[0].json)).not.toContain(env.sandbox.token);
		expect(items[0].json.fileName).toBe('_.pdf');
	});
});
