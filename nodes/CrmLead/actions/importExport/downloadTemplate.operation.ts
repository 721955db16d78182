import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { fileItem, outputBinaryParameter, outputProperty } from '../common/binary';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import { importTagParameter } from './tags.description';

const properties: INodeProperties[] = [importTagParameter, outputBinaryParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['downloadTemplate'] } },
	properties,
);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
	const response = await crmRequest<Buffer>(ctx, {
		method: 'GET',
		path: ['crm_leads', 'importtemplate'],
		qs: tag ? { srfimporttag: tag } : undefined,
		binary: true,
		operation: 'Download import template',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	return [
		await fileItem(ctx, response, {
			property: outputProperty(ctx, itemIndex),
			fallbackName: 'crm_lead_import_template.xlsx',
		}),
	];
}
