/** Import / Export and Document operations: files in and out as n8n binary data, against the sandbox. */
import type { INodeExecutionData } from 'n8n-workflow';

import { WRITABLE_FIELDS } from '../../nodes/CrmLead/fields/leadFields';
import { asciiWords, pdfText } from '../helpers/pdfText';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';
import { buildSheet, fileInput, readSheet } from '../helpers/workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const env = useSandbox({ seed: 40 });
const run = (resource: string, parameters: Record<string, unknown>, items?: INodeExecutionData[]) =>
	runNode({ credentials: env.credentials, parameters: { resource, ...parameters }, items });
const fileOf = (item: INodeExecutionData, field = 'data') => Buffer.from(item.binary![field].data, 'base64');

let templateHeader: string[];

test('Download Import Template gives the workbook as binary, named and typed by the server', async () => {
	const { items, error } = await run('importExport', { operation: 'downloadTemplate', importTag: 'default' });
	expect(error).toBeUndefined();
	const binary = items[0].binary!.data;
	expect(binary.fileName).toBe('crm_lead_import_template.xlsx');
	expect(binary.mimeType).toBe(XLSX);
	templateHeader = (await readSheet(fileOf(items[0])))[0];
	expect(templateHeader).toEqual(WRITABLE_FIELDS.filter((f) => f.wireType !== 'Object').map((f) => f.name));
});

/** Rows 2–4 are good, rows 3 and 5 are bad (a text probability, an unknown type). */
async function filledTemplate(prefix: string): Promise<Buffer> {
	const row = (values: Record<string, unknown>) => templateHeader.map((name) => values[name] ?? null);
	return await buildSheet([
		templateHeader,
		row({ id: `${prefix}-1`, type: 'lead', name: `${prefix} good one`, city: 'Lyon', probability: 40 }),
		row({ id: `${prefix}-2`, type: 'lead', name: `${prefix} bad probability`, probability: 'very likely' }),
		row({ id: `${prefix}-3`, type: 'opportunity', name: `${prefix} good two`, expected_revenue: 5000 }),
		row({ id: `${prefix}-4`, type: 'customer', name: `${prefix} bad type` }),
	]);
}

test('Import: good rows are stored, bad rows reported with row, column and reason', async () => {
	const file = await filledTemplate('imp');
	const { items, error } = await run('importExport', { operation: 'import' }, [fileInput(file, 'leads.xlsx', XLSX)]);
	expect(error).toBeUndefined();
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(items[0].json).toMatchObject({ total: 4, success: 2, failed: 2 });
	const errors = items[0].json.errors as Array<{ row: number; column: string; reason: string }>;
	expect(errors.map((e) => [e.row, e.column])).toEqual([
		[3, 'probability'],
		[5, 'type'],
	]);
	expect(env.sandbox.getLead('imp-1')).toMatchObject({ city: 'Lyon', probability: 40 });
	expect(env.sandbox.getLead('imp-3')).toMatchObject({ type: 'opportunity', expected_revenue: 5000 });
	expect(env.sandbox.getLead('imp-2')).toBeUndefined();
	expect(env.sandbox.getLead('imp-4')).toBeUndefined();
});

test('Import takes csv too', async () => {
	const csv = Buffer.from('id,type,name,city\ncsv-1,lead,From CSV,Osaka\n', 'utf8');
	const { items } = await run('importExport', { operation: 'import' }, [fileInput(csv, 'leads.csv', 'text/csv')]);
	expect(items[0].json).toMatchObject({ total: 1, success: 1, failed: 0 });
	expect(env.sandbox.getLead('csv-1')).toMatchObject({ city: 'Osaka' });
});

test('Import and Get Error File returns exactly the bad rows as a workbook, plus counts', async () => {
	const file = await filledTemplate('imp2');
	const { items, error } = await run('importExport', { operation: 'importWithErrorFile', errorFileProperty: 'errors' }, [
		fileInput(file, 'leads.xlsx', XLSX),
	]);
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ total: 4, success: 2, failed: 2 });
	expect(items[0].binary!.errors.fileName).toBe('crm_lead_import_errors.xlsx');
	const rows = await readSheet(fileOf(items[0], 'errors'));
	expect(rows[0].at(-1)).toBe('error');
	expect(rows.slice(1).map((r) => r[templateHeader.indexOf('id')])).toEqual(['imp2-2', 'imp2-4']);
	expect(env.sandbox.getLead('imp2-1')).toBeDefined();
});

test('Upload File then Start Async Import (waiting) stores the rows', async () => {
	const file = await buildSheet([
		['标识', '类型', '名称', '城市'],
		['async-1', 'lead', 'Async one', 'Berlin'],
		['async-2', 'opportunity', 'Async two', 'Austin'],
	]);
	const upload = await run('importExport', { operation: 'uploadFile' }, [fileInput(file, 'labels.xlsx', XLSX)]);
	expect(upload.error).toBeUndefined();
	const fileId = upload.items[0].json.id as string;
	expect(fileId).toBeTruthy();
	const { items, error } = await run('importExport', {
		operation: 'startAsyncImport',
		fileId,
		schemaId: 'labels',
		options: { waitForCompletion: true, pollIntervalMs: 100 },
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ status: 'finished', total: 2, success: 2, failed: 0 });
	expect(env.sandbox.getLead('async-2')).toMatchObject({ type: 'opportunity', city: 'Austin' });

	const status = await run('importExport', { operation: 'getImportStatus', jobId: items[0].json.jobid });
	expect(status.items[0].json).toMatchObject({ jobid: items[0].json.jobid, status: 'finished' });
});

test('Export with filters and sort gives the same rows as Get Many with the same filters', async () => {
	const query = { filters: { n_stage_id_eq: 'won' }, sort: { rule: [{ field: 'name', direction: 'asc' }] } };
	const exported = await run('importExport', { operation: 'export', returnAll: true, ...query });
	expect(exported.error).toBeUndefined();
	expect(exported.items[0].binary!.data).toMatchObject({ fileName: 'crm_lead_export.xlsx', mimeType: XLSX });
	const rows = await readSheet(fileOf(exported.items[0]));
	const listed = await run('lead', { operation: 'getMany', returnAll: true, simplify: false, ...query });
	const idColumn = rows[0].indexOf('id');
	expect(rows.slice(1).map((r) => r[idColumn])).toEqual(listed.items.map((i) => i.json.id));
	expect(listed.items.length).toBeGreaterThan(0);
});

test('Export of a single lead by key', async () => {
	const { items } = await run('importExport', { operation: 'export', returnAll: true, singleLeadId: 'L000001' });
	const rows = await readSheet(fileOf(items[0]));
	expect(rows).toHaveLength(2);
	expect(rows[1][rows[0].indexOf('id')]).toBe('L000001');
});

test('Print renders one lead as a real PDF and as HTML', async () => {
	const lead = env.sandbox.getLead('L000002')!;
	const pdf = await run('document', { operation: 'print', leadId: { __rl: true, mode: 'id', value: 'L000002' }, contentType: 'pdf' });
	expect(pdf.error).toBeUndefined();
	expect(pdf.items[0].binary!.data.mimeType).toBe('application/pdf');
	const bytes = fileOf(pdf.items[0]);
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const html = await run('document', { operation: 'print', leadId: { __rl: true, mode: 'id', value: 'L000002' }, contentType: 'html' });
	expect(html.items[0].binary!.data.mimeType).toBe('text/html');
	expect(fileOf(html.items[0]).toString('utf8')).toContain(String(lead.contact_name));
	// The record's name is the PDF's title line (compared on its ASCII letters: PDF text is WinAnsi).
	expect(asciiWords(pdfText(bytes)[0])).toBe(asciiWords(String(lead.name)));
});

test('Report renders a real PDF', async () => {
	const { items, error } = await run('document', { operation: 'report', contentType: 'pdf', filters: { n_type_eq: 'opportunity' } });
	expect(error).toBeUndefined();
	const bytes = fileOf(items[0]);
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdfText(bytes).length).toBeGreaterThan(3);
});

test('a missing binary field and a non-spreadsheet file give clear errors', async () => {
	const missing = await run('importExport', { operation: 'import', binaryPropertyName: 'attachment' }, [
		fileInput(Buffer.from('a,b'), 'x.csv', 'text/csv'),
	]);
	expect(missing.error?.message).toMatch(/attachment/);
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
	const wrong = await run('importExport', { operation: 'import' }, [fileInput(png, 'logo.png', 'image/png')]);
	expect(wrong.error?.message).toBe('The file "logo.png" is not an xlsx or csv spreadsheet');
});
