/** xlsx helpers for tests: read a workbook into rows, build one from rows (exceljs). */
import ExcelJS from 'exceljs';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export async function readSheet(data: Buffer): Promise<string[][]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	const rows: string[][] = [];
	sheet.eachRow({ includeEmpty: false }, (row) => {
		const values = (row.values as unknown[]).slice(1);
		rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
	});
	return rows;
}

export async function buildSheet(rows: unknown[][]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('leads');
	for (const row of rows) sheet.addRow(row);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An n8n input item carrying a file in its `data` binary field (in-memory binary mode). */
export function fileInput(data: Buffer, fileName: string, mimeType: string, json: IDataObject = {}): INodeExecutionData {
	return { json, binary: { data: { data: data.toString('base64'), mimeType, fileName } } };
}
