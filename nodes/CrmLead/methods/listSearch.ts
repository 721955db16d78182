import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { crmRequest } from '../transport/request';

const SEARCH_PAGE_SIZE = 50;

/** "From List" for lead pickers: name search over fetch_default, paged by the server's page number. */
export async function searchLeads(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 0;
	const { body, headers } = await crmRequest<IDataObject[]>(this, {
		method: 'POST',
		path: ['crm_leads', 'fetch_default'],
		body: {
			page,
			size: SEARCH_PAGE_SIZE,
			sort: 'write_date,desc',
			...(filter ? { n_name_like: filter } : {}),
		},
		answer: 'leads',
		changesData: false,
		operation: 'Search leads',
	});
	const records = Array.isArray(body) ? body : [];
	const total = Number(headers['x-total']);
	const more = Number.isFinite(total) ? (page + 1) * SEARCH_PAGE_SIZE < total : records.length === SEARCH_PAGE_SIZE;
	return {
		results: records.map((lead) => ({
			name: `${String(lead.name ?? '(no name)')} (${String(lead.id)})`,
			value: String(lead.id),
		})),
		paginationToken: more ? String(page + 1) : undefined,
	};
}
