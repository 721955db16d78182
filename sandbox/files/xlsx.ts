/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Workbooks in and out (exceljs). */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatUtcWallClock } from '../timestamps';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CellInput = string | number | null;

export interface SheetRow {
	/** 1-based spreadsheet row number (the header is row 1). */
	rowNumber: number;
	cells: CellInput[];
}

/**
 * One sheet: a bold header row, then the rows. Written with exceljs's streaming writer and
 * inline strings, so a 100k-row export neither holds a cell-object model nor a shared-string table.
 */
export async function buildWorkbook(sheetName: string, header: readonly string[], rows: ReadonlyArray<readonly CellInput[]>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	const sink = new PassThrough();
	sink.on('data', (chunk: Buffer) => chunks.push(chunk));
	const drained = new Promise<void>((resolve, reject) => sink.on('end', resolve).on('error', reject));
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
	workbook.creator = 'crm-lead-sandbox';
	const sheet = workbook.addWorksheet(sheetName);
	const headerRow = sheet.addRow([...header]);
	headerRow.font = { bold: true };
	headerRow.commit();
	for (const row of rows) sheet.addRow(row.map((c) => (c === null ? undefined : c))).commit();
	sheet.commit();
	await workbook.commit();
	await drained;
	return Buffer.concat(chunks);
}

/** All non-empty rows of the first sheet, cells as text or numbers. */
export async function readFirstSheet(data: Buffer): Promise<SheetRow[]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	if (!sheet) return [];
	const rows: SheetRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: CellInput[] = [];
		row.eachCell({ includeEmpty: true }, (cell, column) => {
			cells[column - 1] = cellToInput(cell.value);
		});
		rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
	});
	return rows;
}

/**
 * Flattens exceljs's cell value variants. Dates come back as UTC wall clock (exceljs reads
 * serial dates as UTC), so the Timestamp the user typed survives unchanged.
 */
function cellToInput(value: ExcelJS.CellValue): CellInput {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (value instanceof Date) return formatUtcWallClock(value);
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('formula' in value || 'sharedFormula' in value) return cellToInput((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
	if ('hyperlink' in value) return cellToInput((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
	if ('error' in value) return String(value.error);
	return String(value);
}
