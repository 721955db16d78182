import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorKindOf } from '../../transport/errorKinds';
import { crmRequest, type RequestPolicy } from '../../transport/request';

/**
 * The import job status call, GET crm_leads/asyncimportdata2/{jobid}. The API's docs list only
 * the call that starts a job; not every server has this one, so Get Import Status and Wait for
 * Completion say so in the panel, and a server without it gets an error that says so too.
 */
const STATUS_ENDPOINT = 'GET crm_leads/asyncimportdata2/{jobid}';

export const STATUS_ENDPOINT_REQUIREMENT = `Needs a server that reports import jobs (${STATUS_ENDPOINT}); the API docs list only the call that starts a job`;

export const statusEndpointNotice: INodeProperties = {
	displayName: `${STATUS_ENDPOINT_REQUIREMENT}. A server without it answers 404 and the node stops with "This server has no import status endpoint".`,
	name: 'statusEndpointNotice',
	type: 'notice',
	default: '',
};

export const MISSING_STATUS_ENDPOINT = `This server has no import status endpoint (${STATUS_ENDPOINT} answered 404)`;

/** A 404 for a path the server has no route for (not an unknown job) becomes an error that names the missing call. */
function explainMissingEndpoint(error: unknown): unknown {
	if (error instanceof NodeApiError && errorKindOf(error) === 'invalidRequest' && error.httpCode === '404') {
		error.message = MISSING_STATUS_ENDPOINT;
		error.description =
			'Get Import Status and Options → Wait for Completion need a server that reports import jobs. The import itself was started: check its result on the server, or run Start Async Import without Wait for Completion.';
	}
	return error;
}

export async function fetchImportStatus(
	ctx: IExecuteFunctions,
	itemIndex: number,
	jobId: string,
	policy: RequestPolicy,
	collection: readonly string[] = ['crm_leads'],
): Promise<IDataObject> {
	try {
		const { body } = await crmRequest<IDataObject>(ctx, {
			method: 'GET',
			path: [...collection, 'asyncimportdata2', jobId],
			answer: 'object',
			operation: 'Get import status',
			recordKey: jobId,
			subject: 'Import job',
			itemIndex,
			policy,
		});
		return body;
	} catch (error) {
		throw explainMissingEndpoint(error);
	}
}
