/** xlsx in and out (exceljs), and mapping header cells to lead fields. */
import ExcelJS from 'exceljs';
import { IMPORTABLE_FIELDS, LEAD_FIELDS, type LeadField } from './fields';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first sheet's rows as text cells ('' for empty). Throws on a file that is not a workbook. */
export async function readSheet(data: Buffer): Promise<string[][]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	if (!sheet) return [];
	const rows: string[][] = [];
	sheet.eachRow({ includeEmpty: false }, (row) => {
		const values = (row.values as unknown[]).slice(1);
		rows.push(values.map(cellText));
	});
	return rows;
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') {
		const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
		if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
		if (v.text !== undefined) return String(v.text);
		if (v.result !== undefined) return String(v.result);
		if (value instanceof Date) return value.toISOString();
		return JSON.stringify(value);
	}
	return String(value);
}

export async function buildSheet(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('crm_lead');
	sheet.addRow([...header]);
	for (const row of rows) sheet.addRow([...row]);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

const BY_HEADER = new Map<string, LeadField>();
for (const f of LEAD_FIELDS) {
	BY_HEADER.set(f.name.toLowerCase(), f);
	if (!BY_HEADER.has(f.label.toLowerCase())) BY_HEADER.set(f.label.toLowerCase(), f);
}

/** The field a header cell names, by wire name or by the docs page's label. */
export const headerField = (cell: string): LeadField | undefined => BY_HEADER.get(cell.trim().toLowerCase());

/** The header of an import file when the server's template cannot be used. */
export const FALLBACK_HEADER: readonly string[] = IMPORTABLE_FIELDS.map((f) => f.name);

/** One data row for `header`: each column gets the value of the field it names, else empty. */
export function rowFor(header: readonly string[], values: Record<string, string>): Array<string | null> {
	return header.map((cell) => {
		const f = headerField(cell);
		return f && values[f.name] !== undefined ? values[f.name] : null;
	});
}

/** Index of the column naming `fieldName`, or -1. */
export const columnOf = (header: readonly string[], fieldName: string): number => header.findIndex((cell) => headerField(cell)?.name === fieldName);
