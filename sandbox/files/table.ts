/** An uploaded spreadsheet as rows of cells, whether it arrived as xlsx or CSV. */
import { badRequest } from '../apiErrors';
import { parseCsv } from './csv';
import { readFirstSheet, type SheetRow } from './xlsx';

export interface UploadedTable {
	format: 'xlsx' | 'csv';
	header: string[];
	rows: SheetRow[];
}

export const NOT_A_TABLE = 'The file is neither an xlsx workbook nor a CSV file whose header row names crm_lead columns';

/** Detects the format by content: `PK` zip magic = xlsx, otherwise UTF-8 text = CSV. */
export async function readUploadedTable(data: Buffer): Promise<UploadedTable> {
	const format = detectFormat(data);
	const rows = format === 'xlsx' ? await readXlsxRows(data) : readCsvRows(data);
	const [headerRow, ...dataRows] = rows;
	if (!headerRow) throw badRequest(`${NOT_A_TABLE}: it has no header row`, 'bad_file');
	const header = headerRow.cells.map((c) => (c === null ? '' : String(c).trim()));
	return { format, header, rows: dataRows.filter((r) => r.cells.some((c) => c !== null && c !== '')) };
}

export function detectFormat(data: Buffer): 'xlsx' | 'csv' {
	if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'xlsx';
	if (data.length === 0 || data.includes(0) || !isUtf8(data)) throw badRequest(NOT_A_TABLE, 'bad_file');
	return 'csv';
}

function isUtf8(data: Buffer): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(data);
		return true;
	} catch {
		return false;
	}
}

async function readXlsxRows(data: Buffer): Promise<SheetRow[]> {
	try {
		return await readFirstSheet(data);
	} catch (error) {
		throw badRequest(`${NOT_A_TABLE}: the zip could not be read as a workbook (${(error as Error).message})`, 'bad_file');
	}
}

function readCsvRows(data: Buffer): SheetRow[] {
	return parseCsv(data.toString('utf8')).map((cells, index) => ({
		rowNumber: index + 1,
		cells: cells.map((c) => (c === '' ? null : c)),
	}));
}
