import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface InputFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** The input item's file, read through n8n's binary helpers (works in memory and filesystem modes). */
export async function readInputFile(ctx: IExecuteFunctions, itemIndex: number, property: string): Promise<InputFile> {
	const meta = ctx.helpers.assertBinaryData(itemIndex, property);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { data, fileName: meta.fileName ?? 'upload', mimeType: meta.mimeType ?? 'application/octet-stream' };
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Import takes xlsx (a zip container) or csv (text); anything else fails here, naming the field. */
export function assertSpreadsheet(ctx: IExecuteFunctions, itemIndex: number, property: string, file: InputFile): InputFile {
	const isZip = file.data.length > 3 && file.data[0] === 0x50 && file.data[1] === 0x4b;
	if (isZip) return { ...file, mimeType: XLSX_MIME };
	const head = file.data.subarray(0, 4096);
	const looksLikeText = head.length > 0 && !head.includes(0) && /[,;\t]/.test(head.toString('utf8'));
	if (looksLikeText) return { ...file, mimeType: 'text/csv' };
	throw new NodeOperationError(ctx.getNode(), `The file "${file.fileName}" is not an xlsx or csv spreadsheet`, {
		itemIndex,
		description: `The binary field "${property}" holds ${file.mimeType} data; import accepts .xlsx workbooks and .csv files`,
	});
}
