import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryParameter } from '../common/binaryParameters'
import { prepareDownload } from '../common/download';
import { filtersCollection } from '../common/list.description';
import { readFilterBody } from '../common/listQuery';
import { optionsCollection, requestOptions } from '../common/options.description';
import { contentTypeParameter } from './contentType.description';
import type { ItemCall } from '../types';

export const reportTagParameter: INodeProperties = {
	displayName: 'Report Tag',
	name: 'reportTag',
	type: 'string',
	default: '',
	description: 'Which report of the server to render (srfreporttag); empty uses the default',
};

const properties: INodeProperties[] = [
	reportTagParameter,
	contentTypeParameter,
	filtersCollection,
	outputBinaryParameter,
	optionsCollection(requestOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['report'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const contentType = ctx.getNodeParameter('contentType', itemIndex, 'pdf') as string;
	const tag = ctx.getNodeParameter('reportTag', itemIndex, '') as string;
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const body = await readFilterBody(ctx, itemIndex, filters);
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'POST',
			path: ['crm_leads', 'report'],
			qs: { srfcontenttype: contentType, ...(tag ? { srfreporttag: tag } : {}) },
			body,
			changesData: false,
			operation: 'Render lead report',
		},
		{ fallbackName: `crm_lead_report.${contentType}` },
	);
}
