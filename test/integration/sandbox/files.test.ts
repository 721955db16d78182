/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** File endpoints: import template, sync/async import, upload, export, print, report. */
import { LEAD_FIELDS, WRITABLE_FIELDS } from '../../../nodes/CrmLead/fields/leadFields';
import { XLSX, buildSheet, call, fileForm, pdfVisibleText, readSheet, useTestSandbox } from './helpers';

const env = useTestSandbox({ flavour: 'classic', seed: 12 });
const IMPORTABLE = WRITABLE_FIELDS.filter((f) => f.wireType !== 'Object').map((f) => f.name);

function expectAttachment(reply: { status: number; headers: Headers; bytes: Buffer }, contentType: string, filename: string) {
	expect(reply.status).toBe(200);
	expect(reply.headers.get('content-type')).toBe(contentType);
	expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
	expect(Number(reply.headers.get('content-length'))).toBe(reply.bytes.length);
}

/** Header + rows 2..5: rows 3 and 5 are bad. */
function sampleRows(prefix: string): unknown[][] {
	return [
		['id', 'type', 'name', 'probability', 'date_deadline', 'not_a_column'],
		[`${prefix}-1`, 'lead', 'Good one', 40, '2024-05-01 10:00:00', 'ignored'],
		[`${prefix}-2`, 'lead', 'Bad probability', 'very likely', null, null],
		[`${prefix}-3`, 'opportunity', 'Good two', '55.5', null, null],
		[`${prefix}-4`, 'customer', 'Bad type and date', null, 'tomorrow', null],
	];
}

test('importtemplate: header row = every writable non-Object field, in table order', async () => {
	const reply = await call(env.sandbox, 'GET', '/crm_leads/importtemplate?srfimporttag=default');
	expectAttachment(reply, XLSX, 'crm_lead_import_template.xlsx');
	expect(await readSheet(reply.bytes)).toEqual([IMPORTABLE]);
});

describe('importdata', () => {
	test('xlsx: good rows stored, bad rows reported by row, column and reason', async () => {
		const form = fileForm(await buildSheet(sampleRows('x')), 'leads.xlsx', XLSX);
		const reply = await call(env.sandbox, 'POST', '/crm_leads/importdata?srfimporttag=default', { form });
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ total: 4, success: 2, failed: 2 });
		expect(reply.json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
			[3, 'probability'],
			[5, 'type'],
			[5, 'date_deadline'],
		]);
		expect(reply.json.errors[0].reason).toMatch(/must be a number/);
		expect(env.sandbox.getLead('x-1')).toMatchObject({ probability: 40, date_deadline: '2024-05-01 10:00:00', name: 'Good one' });
		expect(env.sandbox.getLead('x-1')).not.toHaveProperty('not_a_column');
		expect(env.sandbox.getLead('x-3')).toMatchObject({ type: 'opportunity', probability: 55.5 });
		expect(env.sandbox.getLead('x-2')).toBeUndefined();
		expect(env.sandbox.getLead('x-4')).toBeUndefined();
	});

	test('csv (quoted cells, BOM), and a duplicate id is a row error', async () => {
		const csv = '\ufeffid,type,name,city\r\ncsv-1,lead,"Quoted, with comma","Say ""hi"""\r\ncsv-1,lead,Again,Lyon\r\n';
		const reply = await call(env.sandbox, 'POST', '/crm_leads/importdata', { form: fileForm(Buffer.from(csv), 'leads.csv', 'text/csv') });
		expect(reply.json).toMatchObject({ total: 2, success: 1, failed: 1, errors: [{ row: 3, column: 'id' }] });
		expect(env.sandbox.getLead('csv-1')).toMatchObject({ name: 'Quoted, with comma', city: 'Say "hi"' });
	});

	test('a file that is neither xlsx nor csv, and a missing file part, are 400s', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const notTable = await call(env.sandbox, 'POST', '/crm_leads/importdata', { form: fileForm(png, 'logo.png', 'image/png') });
		expect(notTable.status).toBe(400);
		expect(notTable.json.detail).toMatch(/neither an xlsx workbook nor a CSV/);
		const prose = await call(env.sandbox, 'POST', '/crm_leads/importdata', { form: fileForm(Buffer.from('hello,world\n1,2'), 'x.csv', 'text/csv') });
		expect(prose.status).toBe(400);
		const form = new FormData();
		form.append('other', 'x');
		const missing = await call(env.sandbox, 'POST', '/crm_leads/importdata', { form });
		expect(missing.status).toBe(400);
		expect(missing.json.detail).toMatch(/'file'/);
		expect((await call(env.sandbox, 'POST', '/crm_leads/importdata', { body: {} })).status).toBe(400);
	});

	test('importdata2 answers an xlsx of the failed rows plus an error column, and the counts in headers', async () => {
		const reply = await call(env.sandbox, 'POST', '/crm_leads/importdata2?srfimporttag=default', { form: fileForm(await buildSheet(sampleRows('y')), 'leads.xlsx', XLSX) });
		expectAttachment(reply, XLSX, 'crm_lead_import_errors.xlsx');
		expect([reply.headers.get('x-import-total'), reply.headers.get('x-import-success'), reply.headers.get('x-import-failed')]).toEqual(['4', '2', '2']);
		const rows = await readSheet(reply.bytes);
		expect(rows[0]).toEqual([...sampleRows('y')[0], 'error']);
		expect(rows.slice(1).map((r) => r[0])).toEqual(['y-2', 'y-4']);
		expect(String(rows[2].at(-1))).toMatch(/'type'.*'date_deadline'/);
		expect(env.sandbox.getLead('y-3')).toBeDefined();
	});
});

describe('upload + asyncimportdata2', () => {
	async function upload(data: Buffer, name: string): Promise<string> {
		const reply = await call(env.sandbox, 'POST', '/ibizutil/upload', { form: fileForm(data, name, XLSX) });
		expect(reply.json).toMatchObject({ name, size: data.length });
		return reply.json.id;
	}

	async function waitForJob(jobid: string) {
		for (let attempt = 0; attempt < 200; attempt++) {
			const status = await call(env.sandbox, 'GET', `/crm_leads/asyncimportdata2/${jobid}`);
			if (status.json.status !== 'running') return status.json;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		throw new Error('the import never finished');
	}

	test('labels schema: Chinese header labels, started at once, then finished with counts', async () => {
		const labelOf = (name: string) => LEAD_FIELDS.find((f) => f.name === name)!.label;
		const rows: unknown[][] = [['id', 'type', 'name', 'city'].map(labelOf)];
		for (let i = 0; i < 600; i++) rows.push([`async-${i}`, i === 7 ? 'bogus' : 'lead', `Async ${i}`, 'Berlin']);
		const fileId = await upload(await buildSheet(rows), 'labels.xlsx');
		const started = await call(env.sandbox, 'GET', `/crm_leads/asyncimportdata2?srfimporttag=default&srfossfileid=${fileId}&srfimportschemaid=labels`);
		expect(started.json).toMatchObject({ status: 'running', total: null });
		const done = await waitForJob(started.json.jobid);
		expect(done).toMatchObject({ jobid: started.json.jobid, status: 'finished', total: 600, success: 599, failed: 1, errors: [{ row: 9, column: 'type' }] });
		expect(env.sandbox.getLead('async-599')).toMatchObject({ city: 'Berlin' });
	});

	test('unknown schema is a 400, unknown file id a 404, unknown job a 404', async () => {
		const fileId = await upload(await buildSheet([['id', 'type'], ['a-1', 'lead']]), 'a.xlsx');
		expect((await call(env.sandbox, 'GET', `/crm_leads/asyncimportdata2?srfossfileid=${fileId}&srfimportschemaid=mystery`)).json.detail).toMatch(/srfimportschemaid/);
		expect((await call(env.sandbox, 'GET', '/crm_leads/asyncimportdata2?srfossfileid=nope&srfimportschemaid=default')).status).toBe(404);
		expect((await call(env.sandbox, 'GET', '/crm_leads/asyncimportdata2/no-such-job')).status).toBe(404);
		// Headers by field name with the labels schema: the job fails with a reason.
		const started = await call(env.sandbox, 'GET', `/crm_leads/asyncimportdata2?srfossfileid=${fileId}&srfimportschemaid=labels`);
		expect(await waitForJob(started.json.jobid)).toMatchObject({ status: 'failed', error: expect.stringMatching(/no header cell/) });
	});
});

describe('exportdata', () => {
	test('filters and sort like fetch_default; without size every matching row; header = every field', async () => {
		const body = { n_type_eq: 'lead', sort: 'name,desc' };
		const reply = await call(env.sandbox, 'POST', '/crm_leads/exportdata/fetch_default?srfexporttag=default', { body });
		expectAttachment(reply, XLSX, 'crm_lead_export.xlsx');
		const rows = await readSheet(reply.bytes);
		expect(rows[0]).toEqual(LEAD_FIELDS.map((f) => f.name));
		const listed = await call(env.sandbox, 'POST', '/crm_leads/fetch_default', { body: { ...body, size: 1000 } });
		const idColumn = rows[0].indexOf('id');
		expect(rows.slice(1).map((r) => r[idColumn])).toEqual(listed.json.map((l: { id: string }) => l.id));
		expect(listed.json.length).toBeGreaterThan(20);
		const paged = await readSheet((await call(env.sandbox, 'POST', '/crm_leads/exportdata/fetch_default', { body: { ...body, page: 1, size: 2 } })).bytes);
		expect(paged.slice(1).map((r) => r[idColumn])).toEqual(listed.json.slice(2, 4).map((l: { id: string }) => l.id));
	});

	test('one record by key, Object fields as JSON text; unknown data set 400, unknown key 404', async () => {
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'exp/1', type: 'lead', followers: [{ id: 1 }], probability: 12.5 } });
		const reply = await call(env.sandbox, 'POST', `/crm_leads/exportdata/fetch_default/${encodeURIComponent('exp/1')}`, { body: {} });
		const [header, row] = await readSheet(reply.bytes);
		expect(row[header.indexOf('id')]).toBe('exp/1');
		expect(row[header.indexOf('followers')]).toBe('[{"id":1}]');
		expect(row[header.indexOf('probability')]).toBe(12.5);
		expect((await call(env.sandbox, 'POST', '/crm_leads/exportdata/fetch_other', { body: {} })).status).toBe(400);
		expect((await call(env.sandbox, 'POST', '/crm_leads/exportdata/fetch_default/nope', { body: {} })).status).toBe(404);
	});
});

describe('printdata and report', () => {
	test('PDF by default: %PDF-, the name as title, the fields as text', async () => {
		await call(env.sandbox, 'POST', '/crm_leads', { body: { id: 'print 1', type: 'lead', name: 'Print Me Inc', contact_name: 'Zoë <b>Bold</b>', city: '上海' } });
		const reply = await call(env.sandbox, 'GET', `/crm_leads/printdata/${encodeURIComponent('print 1')}?srfprinttag=default`);
		expectAttachment(reply, 'application/pdf', 'crm_lead_print 1.pdf');
		expect(reply.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(reply.bytes.toString('latin1')).toContain('Print Me Inc');
		const visible = pdfVisibleText(reply.bytes);
		expect(visible).toContain('Print Me Inc');
		expect(visible).toContain('Contact Name');
		expect(visible).toContain('Zo\xeb <b>Bold</b>');
	});

	test('HTML: same content, escaped', async () => {
		const reply = await call(env.sandbox, 'GET', `/crm_leads/printdata/${encodeURIComponent('print 1')}?srfcontenttype=html`);
		expectAttachment(reply, 'text/html; charset=utf-8', 'crm_lead_print 1.html');
		expect(reply.text).toContain('<h1>Print Me Inc</h1>');
		expect(reply.text).toContain('Zoë &lt;b&gt;Bold&lt;/b&gt;');
		expect(reply.text).toContain('上海');
		expect(reply.text).not.toContain('<b>Bold');
	});

	test('unknown content type 400, unknown record 404', async () => {
		expect((await call(env.sandbox, 'GET', '/crm_leads/printdata/L000001?srfcontenttype=docx')).status).toBe(400);
		expect((await call(env.sandbox, 'GET', '/crm_leads/printdata/nope')).status).toBe(404);
	});

	test('report: leads per stage with count and expected revenue, filtered, PDF and HTML', async () => {
		const pdf = await call(env.sandbox, 'POST', '/crm_leads/report?srfreporttag=default&srfcontenttype=pdf', { body: { n_type_eq: 'opportunity' } });
		expectAttachment(pdf, 'application/pdf', 'crm_lead_report.pdf');
		expect(pdfVisibleText(pdf.bytes)).toContain('Leads by Stage ID');
		const html = await call(env.sandbox, 'POST', '/crm_leads/report?srfcontenttype=html', { body: { n_type_eq: 'opportunity' } });
		const won = await call(env.sandbox, 'POST', '/crm_leads/fetch_default', { body: { n_type_eq: 'opportunity', n_stage_id_eq: 'won', size: 1000 } });
		const wonRevenue = won.json.reduce((sum: number, l: { expected_revenue: number | null }) => sum + (l.expected_revenue ?? 0), 0);
		expect(html.text).toContain(`<tr><td>won</td><td>${won.json.length}</td><td>${wonRevenue.toFixed(2)}</td></tr>`);
		const total = env.sandbox.countLeads({ type: 'opportunity' });
		expect(html.text).toMatch(new RegExp(`<tfoot><tr><td>Total</td><td>${total}</td>`));
		expect((await call(env.sandbox, 'POST', '/crm_leads/report')).headers.get('content-type')).toBe('application/pdf');
	});
});
