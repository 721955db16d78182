import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, requestOptions } from '../common/options.description';
import { readPolicy } from '../common/parameters';
import { fetchImportStatus } from './startAsyncImport.operation';

const properties: INodeProperties[] = [
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

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const jobId = String(ctx.getNodeParameter('jobId', itemIndex)).trim();
	return [{ json: await fetchImportStatus(ctx, itemIndex, jobId, readPolicy(ctx, itemIndex)) }];
}
