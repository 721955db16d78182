import type { IDataObject } from 'n8n-workflow';

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
			// A POST that only reads: asking for the page again gives the same page, so a busy answer
			// is retried per Retries When Busy like a GET's (README, "Busy is busy").
			idempotent: true,
			...call,
		});
		// Whether the rows are an array is checked once, where pages are read (paging.ts, pageRecords).
		return { records: response.body, headers: response.headers };
	};
}
