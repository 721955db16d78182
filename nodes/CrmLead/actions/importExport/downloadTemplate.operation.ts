import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryParameter } from '../common/binaryParameters'
import { prepareDownload } from '../common/download';
import { optionsCollection, requestOptions } from '../common/options.description';
import { importTagParameter } from './tags.description';
import type { ItemCall } from '../types';

const properties: INodeProperties[] = [importTagParameter, outputBinaryParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['downloadTemplate'] } },
	properties,
);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'GET',
			path: ['crm_leads', 'importtemplate'],
			qs: tag ? { srfimporttag: tag } : undefined,
			operation: 'Download import template',
		},
		{ fallbackName: 'crm_lead_import_template.xlsx' },
	);
}
