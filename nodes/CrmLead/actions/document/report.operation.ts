import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { fileItem, outputBinaryParameter, outputProperty } from '../common/binary';
import { filtersCollection } from '../common/list.description';
import { readFilterBody } from '../common/listQuery';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import { contentTypeParameter } from './contentType.description';

const properties: INodeProperties[] = [
	{
		displayName: 'Report Tag',
		name: 'reportTag',
		type: 'string',
		default: '',
		description: 'Which report of the server to render (srfreporttag); empty uses the default',
	},
	contentTypeParameter,
	filtersCollection,
	outputBinaryParameter,
	optionsCollection(requestOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['report'] } }, properties);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const contentType = ctx.getNodeParameter('contentType', itemIndex, 'pdf') as string;
	const tag = ctx.getNodeParameter('reportTag', itemIndex, '') as string;
	const filters = await readFilterBody(ctx, itemIndex, ctx.getNodeParameter('filters', itemIndex, {}) as never);
	const response = await crmRequest<Buffer>(ctx, {
		method: 'POST',
		path: ['crm_leads', 'report'],
		qs: { srfcontenttype: contentType, ...(tag ? { srfreporttag: tag } : {}) },
		body: filters,
		binary: true,
		operation: 'Render lead report',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	return [
		await fileItem(ctx, response, {
			property: outputProperty(ctx, itemIndex),
			fallbackName: `crm_lead_report.${contentType}`,
		}),
	];
}
