/** Downloads: exportdata (xlsx), printdata (one record, PDF/HTML) and the stage report. */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { EXPORT_FIELDS } from '../fields';
import { badRequest } from '../apiErrors';
import { readJson, sendFile, type RequestContext, type Router } from '../http';
import { pageSpec, parseListRequest } from '../listQuery';
import { REPORT_GROUP_FIELD, REPORT_SUM_FIELD, leadDocument, parseContentType, renderDocument, reportDocument } from '../printing';
import type { LeadRecord } from '../store';
import { XLSX_CONTENT_TYPE, buildWorkbook, type CellInput } from '../files/xlsx';

/** The data sets exportdata/{param} knows. */
const EXPORT_DATA_SETS = new Set(['fetch_default']);

export function registerExportRoutes(router: Router, app: App): void {
	router
		.add('POST', `${RESOURCE}/exportdata/:param`, 'READ', async (ctx) => {
			checkDataSet(ctx.params.param);
			// Without a size the export holds every matching row, not just the first page.
			const request = parseListRequest(await readJson(ctx.req), app.flavour);
			await sendExport(ctx, app.store.list(pageSpec(request, request.size)));
		})
		.add('POST', `${RESOURCE}/exportdata/:param/:key`, 'READ', async (ctx) => {
			checkDataSet(ctx.params.param);
			await sendExport(ctx, [app.leads.get(ctx.params.key)]);
		})
		.add('GET', `${RESOURCE}/printdata/:key`, 'READ', async (ctx) => {
			const type = parseContentType(ctx.query.srfcontenttype);
			const record = app.leads.get(ctx.params.key);
			const { body, contentType } = await renderDocument(leadDocument(record), type);
			sendFile(ctx, { body, contentType, filename: `crm_lead_${ctx.params.key}.${type}` });
		})
		.add('POST', `${RESOURCE}/report`, 'READ', async (ctx) => {
			const type = parseContentType(ctx.query.srfcontenttype);
			const request = parseListRequest(await readJson(ctx.req), app.flavour);
			const groups = app.store.groupTotals(REPORT_GROUP_FIELD, REPORT_SUM_FIELD, request.conditions);
			const { body, contentType } = await renderDocument(reportDocument(groups, app.clock.timestamp()), type);
			sendFile(ctx, { body, contentType, filename: `crm_lead_report.${type}` });
		});
}

function checkDataSet(param: string): void {
	if (!EXPORT_DATA_SETS.has(param)) {
		throw badRequest(`Unknown export data set '${param}' (known: ${[...EXPORT_DATA_SETS].join(', ')})`, 'invalid_export_param');
	}
}

async function sendExport(ctx: RequestContext, records: readonly LeadRecord[]): Promise<void> {
	const rows = records.map((record) => EXPORT_FIELDS.map((f) => exportCell(record[f.name])));
	const body = await buildWorkbook('crm_lead', EXPORT_FIELDS.map((f) => f.name), rows);
	sendFile(ctx, { body, contentType: XLSX_CONTENT_TYPE, filename: 'crm_lead_export.xlsx' });
}

function exportCell(value: unknown): CellInput {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'string') return value;
	return JSON.stringify(value);
}
