/** Downloads: exportdata (list and one record), printdata as PDF, and the report. */
import type { RunContext } from '../context';
import { differ, dispositionFileName, is2xx, listSome, match, quote, startsWith, unexpectedStatus, type Json } from '../expect';
import { KEY, NAME_LIKE } from '../fields';
import type { ApiResponse } from '../http';
import { columnOf } from '../spreadsheet';
import type { Outcome } from '../types';
import { RESOURCE, fetchDefault, idsOf, needA, rowsOf } from './common';
import { fileKind, workbookOf } from './files';

/** The ids in an exported workbook, or why they cannot be read. */
async function exportedIds(res: ApiResponse): Promise<{ ids: string[]; filename?: string } | { outcome: Outcome }> {
	const book = await workbookOf(res, '200 with an xlsx file');
	if ('outcome' in book) return book;
	const header = book.rows[0] ?? [];
	const column = columnOf(header, KEY.name);
	if (column < 0) return { outcome: differ(`the export has no ${KEY.name} column (columns: ${listSome(header.map((c) => quote(c)))})`) };
	const ids = book.rows.slice(1).map((row) => row[column] ?? '').filter((id) => id !== '');
	return { ids, filename: dispositionFileName(res.headers['content-disposition']) };
}

const withFileName = (filename: string | undefined, info: string): Outcome =>
	filename ? match(`${quote(filename)}, ${info}`) : differ('no file name in Content-Disposition', 'no-filename', info);

function documentAnswer(res: ApiResponse): Outcome {
	if (!is2xx(res)) return unexpected(res);
	if (!startsWith(res.body, '%PDF-')) return differ(`not a PDF: ${fileKind(res)}`);
	const filename = dispositionFileName(res.headers['content-disposition']);
	return match(`${filename ? `${quote(filename)}, ` : ''}${res.body.length} bytes`);
}
const unexpected = (res: ApiResponse): Outcome => differ(unexpectedStatus(res, '200 with a PDF'));

export async function checkExports(ctx: RunContext): Promise<void> {
	const filter: Json = NAME_LIKE ? { [NAME_LIKE.key]: ctx.runTag } : {};

	await ctx.check('export.list', async () => {
		const body = { page: 0, size: 50, ...filter };
		const exported = await exportedIds(await ctx.send({ method: 'POST', path: [RESOURCE, 'exportdata', 'fetch_default'], json: body }));
		if ('outcome' in exported) return exported.outcome;
		const listed = rowsOf(await fetchDefault(ctx, body));
		const expected = listed ? idsOf(listed) : [ctx.fixtures.a, ctx.fixtures.b, ctx.fixtures.c].filter((x): x is string => x !== undefined);
		const missing = expected.filter((id) => !exported.ids.includes(id));
		const extra = exported.ids.filter((id) => !expected.includes(id));
		if (missing.length > 0) return differ(`the export lacks ${missing.length} of the ${expected.length} test records: ${listSome(missing, 3)}`);
		if (listed && extra.length > 0) return differ(`the export holds ${extra.length} records that fetch_default with the same filter does not list`);
		return withFileName(exported.filename, `${exported.ids.length} records`);
	});

	await ctx.check('export.one', async () => {
		const need = needA(ctx);
		if ('outcome' in need) return need.outcome;
		const exported = await exportedIds(await ctx.send({ method: 'POST', path: [RESOURCE, 'exportdata', 'fetch_default', need.id], json: {} }));
		if ('outcome' in exported) return exported.outcome;
		if (exported.ids.join() !== need.id) return differ(`the export holds ${quote(exported.ids)}, not just ${quote(need.id)}`);
		return withFileName(exported.filename, '1 record');
	});

	await ctx.check('print.pdf', async () => {
		const need = needA(ctx);
		if ('outcome' in need) return need.outcome;
		return documentAnswer(await ctx.send({ method: 'GET', path: [RESOURCE, 'printdata', need.id], query: { srfcontenttype: 'pdf' } }));
	});

	await ctx.check('report.document', async () =>
		documentAnswer(await ctx.send({ method: 'POST', path: [RESOURCE, 'report'], query: { srfcontenttype: 'pdf' }, json: filter })),
	);
}
