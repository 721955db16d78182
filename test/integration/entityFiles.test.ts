/**
 * The file operations of the entity resources (version 3), as every entity page documents them:
 * import template, Export (a list, one record), Import, Import and Get Error File, Start Async
 * Import (with Wait for Completion), Print and Report — files in and out as n8n binary data,
 * against the sandbox in both generations, through a lead's nested path too.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { CONTACT } from '../../nodes/CrmLead/entities';
import { runNode } from '../../scripts/runNode';
import { asciiWords, pdfText } from '../helpers/pdfText';
import { useSandbox } from '../helpers/sandbox';
import { buildSheet, fileInput, readSheet } from '../helpers/workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileOf = (item: INodeExecutionData, field = 'data') => Buffer.from(item.binary![field].data, 'base64');

describe.each(['cloud', 'classic'] as const)('%s server', (flavour) => {
	const env = useSandbox({ flavour });
	const run = (resource: string, parameters: Record<string, unknown>, items?: INodeExecutionData[]) =>
		runNode({ credentials: env.credentials, parameters: { resource, ...parameters }, items, typeVersion: 3 });

	test('Download Import Template: the contact table’s importable columns', async () => {
		const { items, error } = await run('contact', { operation: 'downloadTemplate' });
		expect(error).toBeUndefined();
		expect(items[0].binary!.data.fileName).toBe('res_partner_import_template.xlsx');
		const [header] = await readSheet(fileOf(items[0]));
		expect(header).toEqual(CONTACT.table.writable.filter((f) => f.wireType !== 'Object').map((f) => f.name));
	});

	test('Import: good rows stored, bad rows reported; Import and Get Error File returns the bad rows', async () => {
		const sheet = await buildSheet([
			['id', 'name', 'autopost_bills', 'credit_limit'],
			[`imp-${flavour}-1`, 'Good', 'ask', 100],
			[`imp-${flavour}-2`, 'Bad limit', 'ask', 'lots'],
			[`imp-${flavour}-3`, 'No bills setting', null, 5],
		]);
		const imported = await run('contact', { operation: 'import' }, [fileInput(sheet, 'contacts.xlsx', XLSX)]);
		expect(imported.error).toBeUndefined();
		expect(imported.items[0].json).toMatchObject({ total: 3, success: 1, failed: 2 });
		expect(env.sandbox.getRecord('res_partners', `imp-${flavour}-1`)).toMatchObject({ credit_limit: 100 });

		const again = await buildSheet([['id', 'name', 'autopost_bills'], [`imp2-${flavour}`, 'Fine', 'never'], [`imp2-${flavour}-x`, 'Wrong', 'sometimes']]);
		const withErrors = await run('contact', { operation: 'importWithErrorFile', errorFileProperty: 'errors' }, [fileInput(again, 'c.xlsx', XLSX)]);
		expect(withErrors.items[0].json).toMatchObject({ total: 2, success: 1, failed: 1 });
		const rows = await readSheet(fileOf(withErrors.items[0], 'errors'));
		expect(rows.slice(1).map((r) => r[0])).toEqual([`imp2-${flavour}-x`]);
	});

	test('Start Async Import of an uploaded file, waiting for the job to finish', async () => {
		const sheet = await buildSheet([['name', 'sequence'], [`Async ${flavour}`, 9]]);
		const uploaded = await run('importExport', { operation: 'uploadFile' }, [fileInput(sheet, 'stages.xlsx', XLSX)]);
		const job = await run('stage', { operation: 'startAsyncImport', fileId: uploaded.items[0].json.id, options: { waitForCompletion: true, pollIntervalMs: 100 } });
		expect(job.error).toBeUndefined();
		expect(job.items[0].json).toMatchObject({ status: 'finished', total: 1, success: 1 });
	});

	test('Export: a list with filters, and a single record, as xlsx', async () => {
		const all = await run('contact', { operation: 'export', list: 'fetch_is_company', returnAll: true, recordFilters: { filter: [{ name: 'n_name_like', value: 'corp' }] } });
		expect(all.error).toBeUndefined();
		const rows = await readSheet(fileOf(all.items[0]));
		expect(rows[0].slice(0, 3)).toEqual(CONTACT.table.fields.slice(0, 3).map((f) => f.name));
		expect(rows.slice(1).map((r) => r[rows[0].indexOf('name')])).toEqual(['Acme Corp']);
		const one = await run('stage', { operation: 'export', singleRecordId: 'won' });
		const stage = await readSheet(fileOf(one.items[0]));
		expect(stage).toHaveLength(2);
		expect(stage[1][stage[0].indexOf('name')]).toBe('Won');
	});

	test('Print a stage as PDF and a report of activities under a lead', async () => {
		const printed = await run('stage', { operation: 'print', recordId: { __rl: true, mode: 'id', value: 'qualified' }, contentType: 'pdf' });
		expect(printed.error).toBeUndefined();
		expect(printed.items[0].json).toMatchObject({ id: 'qualified', mimeType: 'application/pdf' });
		expect(asciiWords(pdfText(fileOf(printed.items[0]))[0])).toBe('Qualified');
		const report = await run('activity', { operation: 'report', parentId: 'no-such-lead', contentType: 'html' });
		expect(report.error).toBeUndefined();
		expect(fileOf(report.items[0]).toString('utf8')).toContain('Activity report');
		const missing = await run('stage', { operation: 'print', recordId: { __rl: true, mode: 'id', value: 'NOPE' } });
		expect(missing.error?.message).toBe("Stage 'NOPE' was not found");
	});
});
