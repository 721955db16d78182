/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The file endpoints of every entity besides the lead, from its field table: importtemplate,
 * exportdata/{data set}[/{key}], importdata (JSON summary), importdata2 (workbook of the refused
 * rows), asyncimportdata2 (a job over an uploaded file, run at once; its status at
 * asyncimportdata2/{jobid}), printdata/{key} and report (how many records each list holds, with
 * the filters asked for). Same rules as the lead's (routes/imports.ts, routes/exports.ts).
 */
import { randomUUID } from 'node:crypto';

import type { App } from '../app';
import { ApiError, badRequest, resourceNotFound } from '../apiErrors';
import { XLSX_CONTENT_TYPE, buildWorkbook, type CellInput } from '../files/xlsx';
import { readMultipartFile } from '../files/multipart';
import { readUploadedTable, type UploadedTable } from '../files/table';
import { readJson, sendFile, sendJson, type RequestContext, type Router } from '../http';
import { parseListRequest } from '../listQuery';
import { parseContentType, recordDocument, renderDocument } from '../printing';
import { dataSetRules } from './dataSets';
import type { EntityRecord } from './entityStore';
import type { EntityService, ParentScope } from './entityService';

interface ImportResult {
	summary: { total: number; success: number; failed: number; errors: Array<{ row: number; column: string; reason: string }> };
	failedRows: Array<{ cells: CellInput[]; error: string }>;
	header: string[];
}

/** Every row of the table created through the service; a row fails whole, naming its fields. */
function importRows(service: EntityService, table: UploadedTable, scope: ParentScope | undefined): ImportResult {
	const fields = table.header.map((h) => service.store.entity.table.byName.get(h.trim()));
	if (!fields.some(Boolean)) throw badRequest(`No header cell names a ${service.name} field`, 'bad_file');
	const result: ImportResult = { summary: { total: 0, success: 0, failed: 0, errors: [] }, failedRows: [], header: table.header };
	for (const row of table.rows) {
		result.summary.total += 1;
		const body: EntityRecord = {};
		fields.forEach((field, i) => {
			if (field && row.cells[i] !== null && row.cells[i] !== undefined) body[field.name] = row.cells[i];
		});
		try {
			service.create(body, scope);
			result.summary.success += 1;
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			result.summary.failed += 1;
			result.summary.errors.push({ row: row.rowNumber, column: '', reason: error.detail });
			result.failedRows.push({ cells: row.cells, error: error.detail });
		}
	}
	return result;
}

function cell(value: unknown): CellInput {
	if (value === null || value === undefined) return null;
	return typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);
}

export function registerEntityFileRoutes(router: Router, app: App, service: EntityService, base: string, scopeOf: (ctx: RequestContext) => ParentScope | undefined): void {
	const { entity } = service.store;
	const name = service.name;
	const importable = entity.table.writable.filter((f) => f.wireType !== 'Object');
	const jobs = new Map<string, Record<string, unknown>>();
	const dataSets = new Set(entity.lists.map((l) => l.dataSet));
	const exportRows = async (ctx: RequestContext, records: readonly EntityRecord[]) => {
		const rows = records.map((r) => entity.table.fields.map((f) => cell(r[f.name])));
		const body = await buildWorkbook(name, entity.table.fields.map((f) => f.name), rows);
		sendFile(ctx, { body, contentType: XLSX_CONTENT_TYPE, filename: `${name}_export.xlsx` });
	};
	const checkDataSet = (param: string) => {
		if (!dataSets.has(param)) throw badRequest(`Unknown export data set '${param}' (known: ${[...dataSets].join(', ')})`, 'invalid_export_param');
	};
	const upload = async (ctx: RequestContext) => importRows(service, await readUploadedTable((await readMultipartFile(ctx.req)).data), scopeOf(ctx));
	router
		.add('GET', `${base}/importtemplate`, 'READ', async (ctx) => {
			const body = await buildWorkbook(name, importable.map((f) => f.name), []);
			sendFile(ctx, { body, contentType: XLSX_CONTENT_TYPE, filename: `${name}_import_template.xlsx` });
		})
		.add('POST', `${base}/exportdata/:param`, 'READ', async (ctx) => {
			checkDataSet(ctx.params.param);
			const request = parseListRequest(await readJson(ctx.req), app.flavour, entity.table);
			const size = request.size;
			const query = { conditions: request.conditions, rules: dataSetRules(entity.path, ctx.params.param), sort: request.sort, limit: size, offset: size === undefined ? 0 : request.page * size };
			await exportRows(ctx, service.list(query, scopeOf(ctx)).rows);
		})
		.add('POST', `${base}/exportdata/:param/:key`, 'READ', async (ctx) => {
			checkDataSet(ctx.params.param);
			await exportRows(ctx, [service.get(ctx.params.key, scopeOf(ctx))]);
		})
		.add('POST', `${base}/importdata`, 'CREATE', async (ctx) => sendJson(ctx.res, 200, (await upload(ctx)).summary))
		.add('POST', `${base}/importdata2`, 'CREATE', async (ctx) => {
			const run = await upload(ctx);
			const rows = run.failedRows.map((r) => [...Array.from({ length: run.header.length }, (_, i) => r.cells[i] ?? null), r.error]);
			const body = await buildWorkbook('errors', [...run.header, 'error'], rows);
			sendFile(ctx, {
				body,
				contentType: XLSX_CONTENT_TYPE,
				filename: `${name}_import_errors.xlsx`,
				headers: { 'x-import-total': run.summary.total, 'x-import-success': run.summary.success, 'x-import-failed': run.summary.failed },
			});
		})
		.add('GET', `${base}/asyncimportdata2`, 'CREATE', async (ctx) => {
			const fileId = ctx.query.srfossfileid;
			if (!fileId) throw badRequest(`'srfossfileid' is required: the id returned by ibizutil/upload`, 'missing_file');
			const stored = app.uploads.get(fileId);
			if (!stored) throw resourceNotFound(`No uploaded file with id '${fileId}' (srfossfileid)`);
			const { summary } = importRows(service, await readUploadedTable(stored.data), scopeOf(ctx));
			const job = { jobid: randomUUID(), status: 'finished', ...summary };
			jobs.set(job.jobid, job);
			sendJson(ctx.res, 200, job);
		})
		.add('GET', `${base}/asyncimportdata2/:jobid`, 'READ', (ctx) => {
			const job = jobs.get(ctx.params.jobid);
			if (!job) throw resourceNotFound(`No import job with id '${ctx.params.jobid}'`);
			sendJson(ctx.res, 200, job);
		})
		.add('GET', `${base}/printdata/:key`, 'READ', async (ctx) => {
			const type = parseContentType(ctx.query.srfcontenttype);
			const record = service.get(ctx.params.key, scopeOf(ctx));
			const { body, contentType } = await renderDocument(recordDocument(record, entity.table.fields, { name, displayName: entity.displayName, title: entity.titleField }), type);
			sendFile(ctx, { body, contentType, filename: `${name}_${ctx.params.key}.${type}` });
		})
		.add('POST', `${base}/report`, 'READ', async (ctx) => {
			const type = parseContentType(ctx.query.srfcontenttype);
			const request = parseListRequest(await readJson(ctx.req), app.flavour, entity.table);
			const counts = entity.lists.map((list) => {
				const { total } = service.list({ conditions: request.conditions, rules: dataSetRules(entity.path, list.dataSet), sort: [], limit: 0, offset: 0 }, scopeOf(ctx));
				return [list.displayName, String(total)];
			});
			const document = {
				title: `${entity.displayName} report`,
				subtitle: `Generated ${app.clock.timestamp()}`,
				blocks: [{ kind: 'table' as const, columns: ['List', entity.plural], rows: counts }],
				data: { filename: `${name}_report.json`, json: Object.fromEntries(counts) },
			};
			const { body, contentType } = await renderDocument(document, type);
			sendFile(ctx, { body, contentType, filename: `${name}_report.${type}` });
		});
}
