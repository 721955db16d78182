import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { multipartBody } from '../../transport/multipart';
import { crmRequest, type CrmResponse } from '../../transport/request';
import { assertSpreadsheet, inputBinaryParameter, readBinaryProperty, readInputFile } from '../common/binary';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import type { ItemCall } from '../types';
import { importTagParameter } from './tags.description';

const properties: INodeProperties[] = [inputBinaryParameter, importTagParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions({ show: { resource: ['importExport'], operation: ['import'] } }, properties);

/** Reads the parameters of an import now; the returned call sends the item's spreadsheet as multipart field `file`. */
export function prepareImport<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	endpoint: 'importdata' | 'importdata2',
	binary: boolean,
): () => Promise<CrmResponse<T>> {
	const property = readBinaryProperty(ctx, itemIndex);
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
	const policy = readPolicy(ctx, itemIndex);
	return async () => {
		const file = assertSpreadsheet(ctx, itemIndex, property, await readInputFile(ctx, itemIndex, property));
		const { body, contentType } = multipartBody({ field: 'file', ...file });
		return await crmRequest<T>(ctx, {
			method: 'POST',
			path: ['crm_leads', endpoint],
			qs: tag ? { srfimporttag: tag } : undefined,
			body,
			headers: { 'Content-Type': contentType },
			binary,
			operation: endpoint === 'importdata' ? 'Import leads' : 'Import leads with error file',
			itemIndex,
			policy,
		});
	};
}

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const send = prepareImport<IDataObject>(ctx, itemIndex, 'importdata', false);
	return async () => [{ json: (await send()).body }];
}
