import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryParameter } from '../common/binaryParameters'
import { prepareDownload } from '../common/download';
import { filtersCollection, limitParameter, returnAllParameter, sortCollection } from '../common/list.description';
import { extraParametersCollection } from '../common/fields.description';
import { readListQuery } from '../common/listQuery';
import { optionsCollection, requestOptions } from '../common/options.description';
import type { ItemCall } from '../types';

export const exportTagParameter: INodeProperties = {
	displayName: 'Export Tag',
	name: 'exportTag',
	type: 'string',
	default: '',
	description: 'Which export template of the server to use (srfexporttag); empty uses the default',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Data Set',
		name: 'dataSet',
		type: 'string',
		default: 'fetch_default',
		description: 'The server data set to export from (the {param} of exportdata), normally fetch_default',
	},
	exportTagParameter,
	{
		displayName: 'Single Lead ID',
		name: 'singleLeadId',
		type: 'string',
		default: '',
		description: 'Export only this lead (its key); empty exports every lead matching the filters',
	},
	returnAllParameter,
	limitParameter,
	filtersCollection,
	sortCollection,
	extraParametersCollection,
	outputBinaryParameter,
	optionsCollection(requestOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['importExport'], operation: ['export'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const dataSet = (ctx.getNodeParameter('dataSet', itemIndex, 'fetch_default') as string).trim() || 'fetch_default';
	const key = (ctx.getNodeParameter('singleLeadId', itemIndex, '') as string).trim();
	const tag = ctx.getNodeParameter('exportTag', itemIndex, '') as string;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const body: IDataObject = await readListQuery(ctx, itemIndex);
	if (!returnAll) Object.assign(body, { page: 0, size: ctx.getNodeParameter('limit', itemIndex, 50) as number });
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'POST',
			path: key ? ['crm_leads', 'exportdata', dataSet, key] : ['crm_leads', 'exportdata', dataSet],
			qs: tag ? { srfexporttag: tag } : undefined,
			body,
			changesData: false,
			operation: 'Export leads',
		},
		{ fallbackName: 'crm_lead_export.xlsx' },
	);
}
