import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { multipartBody } from '../../transport/multipart';
import { crmRequest } from '../../transport/request';
import { assertSpreadsheet, inputBinaryParameter, readInputFile } from '../common/binary';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import { importTagParameter } from './tags.description';

const properties: INodeProperties[] = [inputBinaryParameter, importTagParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions({ show: { resource: ['importExport'], operation: ['import'] } }, properties);

/** Sends the input item's spreadsheet to an import endpoint as multipart field `file`. */
export async function sendImport<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	endpoint: 'importdata' | 'importdata2',
	binary: boolean,
) {
	const file = assertSpreadsheet(ctx, itemIndex, await readInputFile(ctx, itemIndex));
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
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
		policy: readPolicy(ctx, itemIndex),
	});
}

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { body } = await sendImport<IDataObject>(ctx, itemIndex, 'importdata', false);
	return [{ json: body }];
}
