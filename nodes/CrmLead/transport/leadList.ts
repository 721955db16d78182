import type { IDataObject } from 'n8n-workflow';

import type { PageFetcher } from './paging';
import type { RequestContext, RequestPolicy } from './request';
import { crmRequest } from './request';

type ListCall = { operation: string; itemIndex?: number; policy?: RequestPolicy };

/** A page fetcher over POST /crm_leads/fetch_default with a fixed filter/sort body. */
export function leadListFetcher(ctx: RequestContext, query: IDataObject, call: ListCall): PageFetcher {
	return listFetcher(ctx, ['crm_leads', 'fetch_default'], query, call);
}

/** A page fetcher over any entity's list (POST <path…>/fetch_<data set>) with a fixed filter/sort body. */
export function listFetcher(ctx: RequestContext, path: readonly string[], query: IDataObject, call: ListCall): PageFetcher {
	return async (page, size) => {
		const response = await crmRequest<unknown>(ctx, {
			method: 'POST',
			path,
			body: { ...query, page, size },
			answer: 'leads',
			changesData: false,
			// A POST that only reads: asking for the page again gives the same page, so a busy answer
			// is retried per Retries When Busy like a GET's (README, "Busy is busy").
			idempotent: true,
			...call,
		});
		// Whether the rows are an array is checked once, where pages are read (paging.ts, pageRecords).
		return { records: response.body, headers: response.headers };
	};
}
