/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Imports: template, importdata (JSON result), importdata2 (error workbook), upload + async import. */
import type { RunContext } from '../context';
import { describe, differ, dispositionFileName, is2xx, isObject, listSome, match, quote, skip, startsWith, unexpectedStatus, type Json } from '../expect';
import { KEY, LEAD, NAME, NAME_LIKE, TYPE } from '../fields';
import type { ApiClient, ApiResponse } from '../http';
import { FALLBACK_HEADER, XLSX_TYPE, buildSheet, columnOf, headerField, readSheet, rowFor } from '../spreadsheet';
import type { Outcome } from '../types';
import { RESOURCE, fetchDefault, readLead, rowsOf } from './common';

const POLL_INTERVAL_MS = 250;
const POLL_ROUNDS = 40;

/** What a download turned out to be, for a "not an xlsx/PDF" message. */
export function fileKind(res: ApiResponse): string {
	if (res.isJson) return describe(res);
	const type = (res.headers['content-type'] ?? 'no Content-Type').split(';')[0];
	const head = res.body.subarray(0, 8).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
	return `${type}, ${res.body.length} bytes${res.body.length > 0 ? ` starting ${quote(head)}` : ''}`;
}

/** Reads a downloaded workbook, or says why it is not one. */
export async function workbookOf(res: ApiResponse, expected: string): Promise<{ rows: string[][] } | { outcome: Outcome }> {
	if (!is2xx(res)) return { outcome: differ(unexpectedStatus(res, expected)) };
	if (!startsWith(res.body, 'PK')) return { outcome: differ(`not an xlsx file: ${fileKind(res)}`) };
	try {
		return { rows: await readSheet(res.body) };
	} catch {
		return { outcome: differ(`a zip file that is not a readable xlsx workbook (${res.body.length} bytes)`) };
	}
}

interface TestRow {
	id: string;
	name: string;
}

/** The id an imported test row got: its own when stored under it, else the one found by its name. */
async function findImported(ctx: RunContext, row: TestRow): Promise<string | undefined> {
	if (await readLead(ctx, row.id)) return row.id;
	if (!NAME_LIKE) return undefined;
	const res = await fetchDefault(ctx, { page: 0, size: 5, [NAME_LIKE.key]: row.name });
	const found = (rowsOf(res) ?? []).filter((r) => r[NAME.name] === row.name).map((r) => String(r[KEY.name]));
	found.forEach((id) => ctx.track(id));
	return found[0];
}

function jobIdOf(job: Json): string | undefined {
	const id = job.jobid ?? job.jobId ?? job.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Polls asyncimportdata2/{jobid} until its status is no longer "running" (bounded: 10 s). */
export async function pollImportJob(
	api: ApiClient,
	jobid: string,
): Promise<{ job?: Json; failure?: string; variant?: string }> {
	let last: Json | undefined;
	for (let round = 0; round < POLL_ROUNDS; round++) {
		const res = await api.send({ method: 'GET', path: [RESOURCE, 'asyncimportdata2', jobid] });
		if (res.status === 404) return { failure: `polling the job answered ${describe(res)}`, variant: 'no-poll-endpoint' };
		if (!is2xx(res) || !isObject(res.json)) return { failure: `polling the job answered ${describe(res)}` };
		last = res.json;
		if (!['running', 'pending', 'queued', 'started'].includes(String(last.status).toLowerCase())) return { job: last };
		await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
	}
	return { failure: `the job is still ${quote(last?.status)} after ${(POLL_ROUNDS * POLL_INTERVAL_MS) / 1000} s` };
}

export async function checkImports(ctx: RunContext): Promise<void> {
	let template: string[] | undefined;
	await ctx.check('import.template', async () => {
		const res = await ctx.send({ method: 'GET', path: [RESOURCE, 'importtemplate'] });
		const book = await workbookOf(res, '200 with an xlsx file');
		if ('outcome' in book) return book.outcome;
		const cells = (book.rows[0] ?? []).filter((c) => c.trim() !== '');
		const known = cells.filter((c) => headerField(c));
		if (known.length === 0) return differ(`no header cell names a lead field: ${cells.length > 0 ? listSome(cells.map((c) => quote(c))) : 'the first row is empty'}`);
		template = book.rows[0];
		const unknown = cells.filter((c) => !headerField(c));
		const filename = dispositionFileName(res.headers['content-disposition']);
		const info = `${filename ? `${quote(filename)}, ` : ''}${cells.length} columns, ${known.length} name lead fields${unknown.length > 0 ? `; unknown: ${listSome(unknown)}` : ''}`;
		return filename ? match(info) : differ('no file name in Content-Disposition', 'no-filename', info);
	});

	// The import file: the template's own header when it has the columns a test row needs.
	const usable = template !== undefined && columnOf(template, NAME.name) >= 0 && columnOf(template, TYPE.name) >= 0;
	const header = usable && template ? template : FALLBACK_HEADER;
	const source = usable ? 'a file built from the template header' : "a file with the field table's column names (the template has no usable name/type columns)";
	const hasId = columnOf(header, KEY.name) >= 0;
	const sheet = (rows: Array<TestRow & { type: string }>) => buildSheet(header, rows.map((r) => rowFor(header, { [KEY.name]: r.id, [TYPE.name]: r.type, [NAME.name]: r.name })));
	const upload = (path: string[], data: Buffer) => ctx.send({ method: 'POST', path, file: { field: 'file', name: `${ctx.runId}.xlsx`, type: XLSX_TYPE, data } });

	let result: ApiResponse | undefined;
	await ctx.check('import.data', async () => {
		const row = { id: ctx.id('import-1'), name: ctx.name('I1'), type: LEAD };
		result = await upload([RESOURCE, 'importdata'], await sheet([row]));
		if (!is2xx(result)) return differ(unexpectedStatus(result, '200 with the import result'));
		const found = await findImported(ctx, row);
		if (!found) return differ(`answered ${describe(result)}, but the row of ${source} was not imported`);
		if (hasId && found !== row.id) return differ(`the row was imported under id ${quote(found)}, not the file's ${quote(row.id)}`);
		return match(source);
	});

	await ctx.check('import.data-counts', async () => {
		if (!result || !is2xx(result)) return skip('the import failed (see import.data)');
		const body = result.json;
		if (!isObject(body)) return differ(`answered ${describe(result)} instead of a JSON object`, 'shape');
		const missing = ['total', 'success', 'failed'].filter((k) => typeof body[k] !== 'number');
		if (!Array.isArray(body.errors)) missing.push('errors (array)');
		if (missing.length > 0) return differ(`no ${missing.join(', ')} in ${quote(body, 160)}`, 'shape');
		if (body.total !== 1 || body.success !== 1 || body.failed !== 0) {
			return differ(`total=${quote(body.total)} success=${quote(body.success)} failed=${quote(body.failed)} for a file of one valid row`);
		}
		return match();
	});

	await ctx.check('import.data2', async () => {
		const good = { id: ctx.id('import-2'), name: ctx.name('I2'), type: LEAD };
		const bad = { id: ctx.id('import-2-bad'), name: ctx.name('I2 bad row'), type: 'not-a-type' };
		const res = await upload([RESOURCE, 'importdata2'], await sheet([good, bad]));
		const book = await workbookOf(res, '200 with an xlsx file');
		if ('outcome' in book) return book.outcome;
		const listed = (row: TestRow) => book.rows.slice(1).some((cells) => cells.includes(row.id) || cells.includes(row.name));
		if (!(await findImported(ctx, good))) return differ(`the valid row of ${source} was not imported`);
		if (listed(good)) return differ('the error workbook lists the valid row');
		const failed = book.rows.length - 1;
		if (await findImported(ctx, bad)) return match(`the server accepted type "not-a-type", so no row failed (${failed} rows in the workbook)`);
		if (!listed(bad)) return differ(`the error workbook does not list the row that failed (${failed} data rows)`);
		return match(`${failed} failed row listed; columns end with ${quote(book.rows[0]?.[book.rows[0].length - 1])}`);
	});

	let fileId: string | undefined;
	const asyncRow = { id: ctx.id('import-3'), name: ctx.name('I3'), type: LEAD };
	await ctx.check('import.upload', async () => {
		const res = await upload(['ibizutil', 'upload'], await sheet([asyncRow]));
		if (res.status === 404 || res.status === 405) {
			return differ(`no upload endpoint at ${ctx.api.url(['ibizutil', 'upload'])} (HTTP ${res.status}); asyncimportdata2 needs a file uploaded through the platform`);
		}
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with the file id'));
		const id = isObject(res.json) ? res.json.id : undefined;
		if ((typeof id !== 'string' && typeof id !== 'number') || id === '') return differ(`answered ${describe(res)} without a file id`);
		fileId = String(id);
		return match(`file id ${quote(fileId)}`);
	});

	let job: Json | undefined;
	await ctx.check('import.async', async () => {
		if (!fileId) return skip('needs a file uploaded with ibizutil/upload (see import.upload)');
		const started = Date.now();
		const res = await ctx.send({ method: 'GET', path: [RESOURCE, 'asyncimportdata2'], query: { srfossfileid: fileId } });
		const took = Date.now() - started;
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with a job'));
		if (!isObject(res.json)) return differ(`answered ${describe(res)} instead of a job descriptor`);
		job = res.json;
		ctx.pendingImportJob = jobIdOf(job);
		return match(`answered after ${took} ms with ${quote(job, 100)}`);
	});

	await ctx.check('import.async-poll', async () => {
		if (!job) return skip('needs a started job (see import.async)');
		const jobid = jobIdOf(job);
		if (!jobid) return differ(`the job descriptor has no jobid: ${quote(job)}`);
		const polled = await pollImportJob(ctx.api, jobid);
		if (polled.failure) return differ(polled.failure, polled.variant);
		ctx.pendingImportJob = undefined;
		const status = String(polled.job?.status);
		const found = await findImported(ctx, asyncRow);
		if (!found) return differ(`the job ended with status ${quote(status)} without importing the row${polled.job?.error ? `: ${quote(polled.job.error)}` : ''}`);
		return match(`status ${quote(status)}`);
	});
}
