/**
 * fetch_default: filtered, sorted pages with the paging headers. Both generations send x-page,
 * x-per-page and x-total; cloud's MethodHandlerBase.sendBack adds x-total-pages, and x-totalx
 * for data sets with the TOTALX option (SandboxOptions.listTotalX).
 */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { LIST_FAULTS, SILENT_PAGE_CAP } from '../faults';
import { readJson, sendJson, type RequestContext, type Router } from '../http';
import { effectivePageSize, pageSpec, parseListRequest } from '../listQuery';
import type { LeadRecord } from '../store';

export interface Paging {
	page: number;
	/** undefined = no x-per-page header (a server that caps pages without saying so). */
	size: number | undefined;
	total: number;
}

export function registerListRoutes(router: Router, app: App): void {
	router.add('POST', `${RESOURCE}/fetch_default`, 'READ', async (ctx) => fetchDefault(ctx, app));
}

async function fetchDefault(ctx: RequestContext, app: App): Promise<void> {
	const request = parseListRequest(await readJson(ctx.req), app.flavour);
	// Test hook: the list may change between two page requests, as on a busy server.
	await app.beforeListPage?.({ page: request.page, size: request.size });
	const size = effectivePageSize(request);
	const total = app.store.count(request.conditions);
	const fault = ctx.takeFault(LIST_FAULTS);

	let rows: LeadRecord[];
	let paging: Paging | undefined = { page: request.page, size, total };
	switch (fault?.mode) {
		case 'ignore-page':
			// Always page 0, while the headers claim the requested page of a huge set.
			rows = app.store.list(pageSpec({ ...request, page: 0 }, size));
			paging.total = Math.max(total * 1000, 1_000_000);
			break;
		case 'ignore-sort':
			// The rows in the table's own order, whatever `sort` asked for.
			rows = app.store.list(pageSpec({ ...request, sort: [] }, size));
			break;
		case 'lie-x-total':
			// The right rows; x-total off by totalOffset, or a third of the truth (300 rows → 100).
			rows = app.store.list(pageSpec(request, size));
			paging.total = fault.totalOffset === undefined ? Math.floor(total / 3) : Math.max(0, total + fault.totalOffset);
			break;
		case 'silent-page-cap': {
			// Pages of at most SILENT_PAGE_CAP (or pageCap) rows, offsets counted in that size, and no x-per-page.
			const capped = Math.min(size, fault.pageCap ?? SILENT_PAGE_CAP);
			rows = app.store.list(pageSpec(request, capped));
			paging = { page: request.page, size: undefined, total };
			break;
		}
		case 'huge-page':
			rows = app.store.list(pageSpec(request, undefined));
			break;
		case 'wrong-paging-headers':
			rows = app.store.list(pageSpec(request, size));
			paging = { page: 0, size, total: total * 10 + 1000 };
			break;
		case 'no-paging-headers':
			rows = app.store.list(pageSpec(request, size));
			paging = undefined;
			break;
		default:
			rows = app.store.list(pageSpec(request, size));
	}
	sendJson(ctx.res, 200, rows, paging ? pagingHeaders(app, paging, ctx.res.hasHeader('x-message')) : {});
}

/** The paging headers of a list answer (every entity's list sends the same). */
export function pagingHeaders(app: Pick<App, 'flavour' | 'listTotalX'>, { page, size, total }: Paging, withMessage: boolean): Record<string, string | number> {
	const headers: Record<string, string | number> = { 'x-page': page, ...(size === undefined ? {} : { 'x-per-page': size }), 'x-total': total };
	if (app.flavour === 'cloud' && size !== undefined) {
		// Spring's PageImpl.getTotalPages().
		headers['x-total-pages'] = size === 0 ? 1 : Math.ceil(total / size);
		if (app.listTotalX) headers['x-totalx'] = total;
	}
	const exposed = [...Object.keys(headers), ...(withMessage ? ['x-message'] : [])];
	return { ...headers, 'Access-Control-Expose-Headers': exposed.join(', ') };
}
