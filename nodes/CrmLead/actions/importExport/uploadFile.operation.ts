import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { multipartBody } from '../../transport/multipart';
import { crmRequest } from '../../transport/request';
import { assertSpreadsheet, inputBinaryParameter, readInputFile } from '../common/binary';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';

const properties: INodeProperties[] = [inputBinaryParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['uploadFile'] } },
	properties,
);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const file = assertSpreadsheet(ctx, itemIndex, await readInputFile(ctx, itemIndex));
	const { body, contentType } = multipartBody({ field: 'file', ...file });
	const { body: uploaded } = await crmRequest<IDataObject>(ctx, {
		method: 'POST',
		// The platform's file service lives beside /crm_leads, under the same Base URL.
		path: ['ibizutil', 'upload'],
		body,
		headers: { 'Content-Type': contentType },
		operation: 'Upload file',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	return [{ json: uploaded }];
}
