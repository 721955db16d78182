import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { crmRequest, type RequestPolicy } from '../../transport/request';
import { optionsCollection, requestOptions } from '../common/options.description';
import { readOptions, readPolicy } from '../common/parameters';
import type { ItemCall } from '../types';
import { fetchImportStatus, STATUS_ENDPOINT_REQUIREMENT } from '../common/importStatus';
import { importTagParameter } from './tags.description';

/** Start Async Import's parameters, shared by the entity resources. */
export const asyncImportProperties: INodeProperties[] = [
	importTagParameter,
	{
		displayName: 'Uploaded File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the file already uploaded to the platform (srfossfileid), e.g. from the Upload File operation',
	},
	{
		displayName: 'Import Schema ID',
		name: 'schemaId',
		type: 'string',
		default: '',
		description: 'Header mapping to read the file with (srfimportschemaid)',
	},
	optionsCollection([
		...requestOptions,
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: `Whether to poll the job until it has finished and return its final status. ${STATUS_ENDPOINT_REQUIREMENT}.`,
		},
		{
			displayName: 'Poll Interval (Ms)',
			name: 'pollIntervalMs',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: 1000,
			description: 'How long to wait between two status checks, in milliseconds',
		},
		{
			displayName: 'Max Wait (Ms)',
			name: 'maxWaitMs',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 300000,
			description: 'Give up waiting after this long, in milliseconds (the import itself goes on)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['importExport'], operation: ['startAsyncImport'] } },
	asyncImportProperties,
);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	return prepareAsyncImport(ctx, itemIndex, ['crm_leads']);
}

/** Start Async Import of any entity (its collection): reads the parameters now, starts (and waits) in the call. */
export function prepareAsyncImport(ctx: IExecuteFunctions, itemIndex: number, collection: readonly string[]): ItemCall {
	const policy = readPolicy(ctx, itemIndex);
	const qs: IDataObject = { srfossfileid: ctx.getNodeParameter('fileId', itemIndex) as string };
	const tag = ctx.getNodeParameter('importTag', itemIndex, '') as string;
	const schema = ctx.getNodeParameter('schemaId', itemIndex, '') as string;
	if (tag) qs.srfimporttag = tag;
	if (schema) qs.srfimportschemaid = schema;
	const options = readOptions(ctx, itemIndex);
	return async () => await startImport(ctx, itemIndex, { qs, policy, options, collection });
}

/** Starts the job and, with Wait for Completion, polls it until it has finished. */
async function startImport(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ qs, policy, options, collection }: { qs: IDataObject; policy: RequestPolicy; options: IDataObject; collection: readonly string[] },
): Promise<INodeExecutionData[]> {
	const { body: job } = await crmRequest<IDataObject>(ctx, {
		method: 'GET',
		path: [...collection, 'asyncimportdata2'],
		qs,
		answer: 'object',
		// A GET that starts an import job.
		changesData: true,
		operation: 'Start async import',
		itemIndex,
		policy,
	});
	if (options.waitForCompletion !== true) return [{ json: job }];

	const jobId = String(job.jobid ?? job.id ?? '');
	if (!jobId) {
		throw new NodeOperationError(ctx.getNode(), 'The server did not return a job ID to wait for', { itemIndex });
	}
	const interval = Number(options.pollIntervalMs ?? 1000);
	const deadline = Date.now() + Number(options.maxWaitMs ?? 300000);
	let status = job;
	while (status.status === 'running' || status.status === 'pending' || status.status === undefined) {
		if (Date.now() >= deadline) {
			throw new NodeOperationError(ctx.getNode(), `Import job ${jobId} is still running after the maximum wait`, {
				itemIndex,
				description: 'Raise Options → Max Wait, or check later with Get Import Status',
			});
		}
		await sleep(interval);
		status = await fetchImportStatus(ctx, itemIndex, jobId, policy, collection);
	}
	return [{ json: status }];
}
