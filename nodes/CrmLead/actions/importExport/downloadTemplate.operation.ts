import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadAsItem, outputBinaryParameter } from '../common/binary';
import { optionsCollection, requestOptions } from '../common/options.description';
import { importTagParameter } from './tags.description';

const properties: INodeProperties[] = [importTagParameter, outputBinaryParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['downloadTemplate'] } },
	properties,
);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
	return await downloadAsItem(
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
