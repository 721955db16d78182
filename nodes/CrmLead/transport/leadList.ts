import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markErrorKind } from './errorKinds';
import type { PageFetcher } from './paging';
import type { RequestContext, RequestPolicy } from './request';
import { crmRequest } from './request';

/** A page fetcher over POST /crm_leads/fetch_default with a fixed filter/sort body. */
export function leadListFetcher(
	ctx: RequestContext,
	query: IDataObject,
	call: { operation: string; itemIndex?: number; policy?: RequestPolicy },
): PageFetcher {
	return async (page, size) => {
		const response = await crmRequest<unknown>(ctx, {
			method: 'POST',
			path: ['crm_leads', 'fetch_default'],
			body: { ...query, page, size },
			...call,
		});
		if (!Array.isArray(response.body)) {
			const error = new NodeOperationError(ctx.getNode(), `${call.operation}: the server's list answer is not a JSON array`, {
				itemIndex: call.itemIndex,
			});
			throw markErrorKind(error, 'server');
		}
		return { records: response.body as IDataObject[], headers: response.headers };
	};
}
