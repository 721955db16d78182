/** Import template, sync imports (JSON result or error workbook), upload, and async import jobs. */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { IMPORTABLE_FIELDS } from '../fields';
import { badRequest, resourceNotFound } from '../apiErrors';
import { sendFile, sendJson, type RequestContext, type Router } from '../http';
import { ImportRun, parseImportSchema } from '../importer';
import { readMultipartFile } from '../files/multipart';
import { readUploadedTable } from '../files/table';
import { XLSX_CONTENT_TYPE, buildWorkbook } from '../files/xlsx';

/** Column added to the error workbook of importdata2. */
const ERROR_COLUMN = 'error';

export function registerImportRoutes(router: Router, app: App): void {
	router
		.add('GET', `${RESOURCE}/importtemplate`, 'READ', async (ctx) => {
			const body = await buildWorkbook('crm_lead', IMPORTABLE_FIELDS.map((f) => f.name), []);
			sendFile(ctx, { body, contentType: XLSX_CONTENT_TYPE, filename: 'crm_lead_import_template.xlsx' });
		})
		.add('POST', `${RESOURCE}/importdata`, 'CREATE', async (ctx) => {
			const run = await importUpload(ctx, app);
			sendJson(ctx.res, 200, run.summary);
		})
		.add('POST', `${RESOURCE}/importdata2`, 'CREATE', async (ctx) => {
			const run = await importUpload(ctx, app);
			const width = run.header.length;
			const rows = run.failedRows.map((r) => [...Array.from({ length: width }, (_, i) => r.cells[i] ?? null), r.error]);
			const body = await buildWorkbook('errors', [...run.header, ERROR_COLUMN], rows);
			sendFile(ctx, {
				body,
				contentType: XLSX_CONTENT_TYPE,
				filename: 'crm_lead_import_errors.xlsx',
				headers: {
					'x-import-total': run.summary.total,
					'x-import-success': run.summary.success,
					'x-import-failed': run.summary.failed,
				},
			});
		})
		// The platform's generic upload endpoint lives beside the resource, at basePath/ibizutil/upload.
		.add('POST', '/ibizutil/upload', 'CREATE', async (ctx) => {
			const file = await readMultipartFile(ctx.req);
			const stored = app.uploads.save(file.filename, file.data);
			sendJson(ctx.res, 200, { id: stored.id, name: stored.name, size: stored.size });
		})
		.add('GET', `${RESOURCE}/asyncimportdata2`, 'CREATE', (ctx) => {
			const schema = parseImportSchema(ctx.query.srfimportschemaid);
			const fileId = ctx.query.srfossfileid;
			if (!fileId) throw badRequest(`'srfossfileid' is required: the id returned by ibizutil/upload`, 'missing_file');
			const upload = app.uploads.get(fileId);
			if (!upload) throw resourceNotFound(`No uploaded file with id '${fileId}' (srfossfileid)`);
			sendJson(ctx.res, 200, app.jobs.start(upload.data, schema));
		})
		.add('GET', `${RESOURCE}/asyncimportdata2/:jobid`, 'READ', (ctx) => {
			const job = app.jobs.get(ctx.params.jobid);
			if (!job) throw resourceNotFound(`No import job with id '${ctx.params.jobid}'`);
			sendJson(ctx.res, 200, job);
		});
}

async function importUpload(ctx: RequestContext, app: App): Promise<ImportRun> {
	const file = await readMultipartFile(ctx.req);
	const table = await readUploadedTable(file.data);
	const run = new ImportRun(table, 'default', app.leads, app.store);
	run.runToEnd();
	return run;
}
