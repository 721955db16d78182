import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputBinaryParameter } from '../common/binaryParameters'
import { prepareDownload } from '../common/download';
import { leadLocator } from '../common/leadLocator.description';
import { batchingOption, optionsCollection, requestOptions } from '../common/options.description';
import { readLeadId } from '../common/parameters';
import { contentTypeParameter } from './contentType.description';
import type { ItemCall } from '../types';
import { readNodeParameter } from '../common/nodeParameter';

export const printTagParameter: INodeProperties = {
	displayName: 'Print Tag',
	name: 'printTag',
	type: 'string',
	default: '',
	description: 'Which print template of the server to use (srfprinttag); empty uses the default',
};

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to print' }),
	printTagParameter,
	contentTypeParameter,
	outputBinaryParameter,
	optionsCollection([...requestOptions, batchingOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['print'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const id = readLeadId(ctx, itemIndex);
	const contentType = readNodeParameter(ctx, 'contentType', itemIndex, 'pdf');
	const tag = readNodeParameter(ctx, 'printTag', itemIndex, '');
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'GET',
			path: ['crm_leads', 'printdata', id],
			qs: { srfcontenttype: contentType, ...(tag ? { srfprinttag: tag } : {}) },
			operation: 'Print lead',
			recordKey: id,
		},
		{ fallbackName: `crm_lead_${id}.${contentType}`, json: { id } },
	);
}
