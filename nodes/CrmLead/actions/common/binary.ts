import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { crmRequest, type CrmRequest, type CrmResponse } from '../../transport/request';
import type { ItemCall } from '../types';
import { readNodeParameter } from './nodeParameter';
import { readPolicy } from './parameters';

export const inputBinaryParameter: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to be written',
	description: 'The name of the input binary field holding the spreadsheet (xlsx or csv) to send',
};

export const outputBinaryParameter: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'The name of the output binary field to put the downloaded file in',
};

export interface InputFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** The binary field chosen in "Input Binary Field" / "Put Output File in Field". */
export function readBinaryProperty(ctx: IExecuteFunctions, itemIndex: number): string {
	return readNodeParameter(ctx, 'binaryPropertyName', itemIndex, 'data');
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

/** The file name from Content-Disposition (RFC 6266: filename* wins over filename). */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A malformed filename* falls back to the plain filename below.
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name || undefined;
}

/** A downloaded file → one output item with the file in the chosen binary field. */
export async function fileItem(
	ctx: IExecuteFunctions,
	response: CrmResponse<Buffer>,
	target: { property: string; fallbackName: string; json?: IDataObject },
): Promise<INodeExecutionData> {
	const { property, fallbackName, json = {} } = target;
	const fileName = fileNameFromDisposition(response.headers['content-disposition']) ?? fallbackName;
	const mimeType = (response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const binary = await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return { json: { fileName, mimeType, fileSize: response.body.length, ...json }, binary: { [property]: binary } };
}

/** The call that requests a file for one item and returns it as an output item (the download operations' shared path). */
export function prepareDownload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<CrmRequest, 'binary' | 'itemIndex' | 'policy'>,
	target: { fallbackName: string; json?: IDataObject },
): ItemCall {
	const policy = readPolicy(ctx, itemIndex);
	const property = readBinaryProperty(ctx, itemIndex);
	return async () => {
		const response = await crmRequest<Buffer>(ctx, { ...request, binary: true, itemIndex, policy });
		return [await fileItem(ctx, response, { property, ...target })];
	};
}
