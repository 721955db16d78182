/** fetch_default: filtered, sorted pages with iBiz's x-page / x-per-page / x-total headers. */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { LIST_FAULTS } from '../faults';
import { readJson, sendJson, type RequestContext, type Router } from '../http';
import { effectivePageSize, pageSpec, parseListRequest } from '../listQuery';
import type { LeadRecord } from '../store';

const PAGING_HEADERS = ['x-page', 'x-per-page', 'x-total'];

export function registerListRoutes(router: Router, app: App): void {
	router.add('POST', `${RESOURCE}/fetch_default`, 'READ', async (ctx) => fetchDefault(ctx, app));
}

async function fetchDefault(ctx: RequestContext, app: App): Promise<void> {
	const request = parseListRequest(await readJson(ctx.req));
	const size = effectivePageSize(request);
	const total = app.store.count(request.conditions);
	const fault = ctx.takeFault(LIST_FAULTS);

	let rows: LeadRecord[];
	let headers: Record<string, number> | undefined = { 'x-page': request.page, 'x-per-page': size, 'x-total': total };
	switch (fault?.mode) {
		case 'ignore-page':
			// Always page 0, while the headers claim the requested page of a huge set.
			rows = app.store.list(pageSpec({ ...request, page: 0 }, size));
			headers['x-total'] = Math.max(total * 1000, 1_000_000);
			break;
		case 'huge-page':
			rows = app.store.list(pageSpec(request, undefined));
			break;
		case 'wrong-paging-headers':
			rows = app.store.list(pageSpec(request, size));
			headers = { 'x-page': 0, 'x-per-page': size, 'x-total': total * 10 + 1000 };
			break;
		case 'no-paging-headers':
			rows = app.store.list(pageSpec(request, size));
			headers = undefined;
			break;
		default:
			rows = app.store.list(pageSpec(request, size));
	}
	sendJson(ctx.res, 200, rows, headers ? { ...headers, 'Access-Control-Expose-Headers': PAGING_HEADERS.join(', ') } : {});
}
