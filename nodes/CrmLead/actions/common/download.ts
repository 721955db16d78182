import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { crmRequest, type CrmRequest, type CrmResponse } from '../../transport/request';
import type { ItemCall } from '../types';
import { readBinaryProperty } from './binaryParameters';
import { fileNameFromDisposition } from './contentDisposition';
import { safeBuiltFileName, safeFileName } from './fileName';
import { liveSecrets } from '../../transport/errorScrub';
import { redactAll } from '../../../../credentials/common/redact';
import { cutText } from '../../../../credentials/common/serverText';
import { readPolicy } from './parameters';

/** Longest original name kept for the user (`originalFileName`), in characters. */
const MAX_ORIGINAL_NAME = 1000;

/** The name used when neither the server's name nor the node's own leaves anything usable. */
const LAST_RESORT_NAME = 'download';

/**
 * A downloaded file → one output item with the file in the chosen binary field. Its name is the
 * server's (Content-Disposition), else the node's own (`fallbackName`), always made safe
 * (fileName.ts); when the server's name had to change, it is kept as sent, scrubbed of the
 * credential's secrets and bounded, in `originalFileName`.
 */
export async function fileItem(
	ctx: IExecuteFunctions,
	response: CrmResponse<Buffer>,
	target: { property: string; fallbackName: string; json?: IDataObject },
): Promise<INodeExecutionData> {
	const { property, fallbackName, json = {} } = target;
	const named = fileNameFromDisposition(response.headers['content-disposition']);
	const sent = named === undefined ? undefined : redactAll(named, (await liveSecrets(ctx))());
	const fileName = (sent === undefined ? undefined : safeFileName(sent)) ?? safeBuiltFileName(fallbackName) ?? LAST_RESORT_NAME;
	const original = sent !== undefined && sent !== fileName ? { originalFileName: cutText(sent, MAX_ORIGINAL_NAME) } : {};
	const mimeType = (response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const binary = await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return { json: { fileName, mimeType, fileSize: response.body.length, ...original, ...json }, binary: { [property]: binary } };
}

/** The call that requests a file for one item and returns it as an output item (the download operations' shared path). */
export function prepareDownload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<CrmRequest, 'answer' | 'itemIndex' | 'policy'>,
	target: { fallbackName: string; json?: IDataObject },
): ItemCall {
	const policy = readPolicy(ctx, itemIndex);
	const property = readBinaryProperty(ctx, itemIndex);
	return async () => {
		const response = await crmRequest<Buffer>(ctx, { ...request, answer: 'file', itemIndex, policy });
		return [await fileItem(ctx, response, { property, ...target })];
	};
}
