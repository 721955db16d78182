import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadAsItem, outputBinaryParameter } from '../common/binary';
import { filtersCollection } from '../common/list.description';
import { readFilterBody } from '../common/listQuery';
import { optionsCollection, requestOptions } from '../common/options.description';
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
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await downloadAsItem(
		ctx,
		itemIndex,
		{
			method: 'POST',
			path: ['crm_leads', 'report'],
			qs: { srfcontenttype: contentType, ...(tag ? { srfreporttag: tag } : {}) },
			body: await readFilterBody(ctx, itemIndex, filters),
			operation: 'Render lead report',
		},
		{ fallbackName: `crm_lead_report.${contentType}` },
	);
}
