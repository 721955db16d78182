import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { multipartBody } from '../../transport/multipart';
import { crmRequest } from '../../transport/request';
import { inputBinaryParameter, readBinaryProperty } from '../common/binaryParameters'
import { assertSpreadsheet, readInputFile } from '../common/inputFile';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import type { ItemCall } from '../types';

const properties: INodeProperties[] = [inputBinaryParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['uploadFile'] } },
	properties,
);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const property = readBinaryProperty(ctx, itemIndex);
	const policy = readPolicy(ctx, itemIndex);
	return async () => {
		const file = assertSpreadsheet(ctx, itemIndex, property, await readInputFile(ctx, itemIndex, property));
		const { body, contentType } = multipartBody({ field: 'file', ...file });
		const { body: uploaded } = await crmRequest<IDataObject>(ctx, {
			method: 'POST',
			// The platform's file service lives beside /crm_leads, under the same Base URL.
			path: ['ibizutil', 'upload'],
			body,
			headers: { 'Content-Type': contentType },
			answer: 'object',
			operation: 'Upload file',
			itemIndex,
			policy,
		});
		return [{ json: uploaded }];
	};
}
