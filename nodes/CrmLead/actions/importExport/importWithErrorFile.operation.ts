import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputBinaryParameter } from '../common/binaryParameters';
import { fileItem } from '../common/download';
import { optionsCollection, requestOptions } from '../common/options.description';
import type { ItemCall } from '../types';
import { prepareImport } from '../common/spreadsheetImport';
import { importTagParameter } from './tags.description';

export const errorFileParameter: INodeProperties = {
	displayName: 'Put Error File in Field',
	name: 'errorFileProperty',
	type: 'string',
	default: 'errors',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description: 'The name of the output binary field for the workbook of rows that failed',
};

const properties: INodeProperties[] = [inputBinaryParameter, importTagParameter, errorFileParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['importWithErrorFile'] } },
	properties,
);

function headerCount(headers: Record<string, string>, name: string): number | undefined {
	const value = Number(headers[name]);
	return headers[name] !== undefined && Number.isFinite(value) ? value : undefined;
}

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	return prepareImportWithErrorFile(ctx, itemIndex, { collection: ['crm_leads'], plural: 'leads', fallbackName: 'crm_lead_import_errors.xlsx' });
}

/** Import and Get Error File of any entity: the summary from the X-Import-* headers, the refused rows as a file. */
export function prepareImportWithErrorFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	target: { collection: readonly string[]; plural: string; fallbackName: string },
): ItemCall {
	const send = prepareImport<Buffer>(ctx, itemIndex, 'importdata2', true, target);
	const property = ctx.getNodeParameter('errorFileProperty', itemIndex, 'errors') as string;
	return async () => {
		const response = await send();
		const summary = {
			total: headerCount(response.headers, 'x-import-total'),
			success: headerCount(response.headers, 'x-import-success'),
			failed: headerCount(response.headers, 'x-import-failed'),
		};
		return [await fileItem(ctx, response, { property, fallbackName: target.fallbackName, json: summary })];
	};
}
