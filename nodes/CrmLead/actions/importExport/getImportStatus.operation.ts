import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import { fetchImportStatus, statusEndpointNotice } from '../common/importStatus';
import type { ItemCall } from '../types';

const properties: INodeProperties[] = [
	statusEndpointNotice,
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		required: true,
		default: '',
		description: 'The job ID returned by Start Async Import (jobid)',
	},
	optionsCollection(requestOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['getImportStatus'] } },
	properties,
);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const jobId = String(ctx.getNodeParameter('jobId', itemIndex)).trim();
	const policy = readPolicy(ctx, itemIndex);
	return async () => [{ json: await fetchImportStatus(ctx, itemIndex, jobId, policy) }];
}
