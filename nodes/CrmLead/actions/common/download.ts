import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { crmRequest, type CrmRequest, type CrmResponse } from '../../transport/request';
import type { ItemCall } from '../types';
import { readBinaryProperty } from './binaryParameters';
import { fileNameFromDisposition } from './contentDisposition';
import { readPolicy } from './parameters';

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
