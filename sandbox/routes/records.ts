/** Single-record endpoints: create, get, update, delete, save, check_key, get_draft. */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { jsonObjectOf, readJson, readJsonObject, sendJson, type RequestContext, type Router } from '../http';
import type { LeadRecord } from '../store';

export function registerRecordRoutes(router: Router, app: App): void {
	router
		.add('POST', RESOURCE, 'CREATE', async (ctx) => {
			sendJson(ctx.res, 200, await forOneOrMany(ctx, app, (body) => app.leads.create(body)));
		})
		.add('GET', `${RESOURCE}/:key`, 'READ', (ctx) => {
			sendJson(ctx.res, 200, app.leads.get(ctx.params.key));
		})
		.add('PUT', `${RESOURCE}/:key`, 'UPDATE', async (ctx) => {
			sendJson(ctx.res, 200, app.leads.update(ctx.params.key, await readJsonObject(ctx.req, true)));
		})
		.add('DELETE', `${RESOURCE}/:key`, 'DELETE', (ctx) => {
			app.leads.delete(ctx.params.key);
			sendJson(ctx.res, 200, true);
		})
		.add('POST', `${RESOURCE}/save`, 'CREATE', async (ctx) => {
			sendJson(ctx.res, 200, await forOneOrMany(ctx, app, (body) => app.leads.save(body)));
		})
		.add('POST', `${RESOURCE}/check_key`, 'CREATE', async (ctx) => {
			sendJson(ctx.res, 200, app.leads.checkKey(await readJsonObject(ctx.req, false)));
		})
		.add('GET', `${RESOURCE}/get_draft`, 'CREATE', (ctx) => {
			sendJson(ctx.res, 200, app.leads.draft(ctx.query));
		});
}

/**
 * Cloud's generated resources take one DTO or an array of them (RequestWrapper.isArray: e.g.
 * iBizLab/plm-code Abstract*Resource.create/save) and answer in kind, item by item: items before
 * a failing one stay written. Classic resources bind a single DTO (arrays go to /batch).
 */
async function forOneOrMany(ctx: RequestContext, app: App, write: (body: Record<string, unknown>) => LeadRecord): Promise<LeadRecord | LeadRecord[]> {
	if (app.flavour === 'classic') return write(await readJsonObject(ctx.req, true));
	const body = await readJson(ctx.req);
	if (!Array.isArray(body)) return write(jsonObjectOf(body, true));
	return body.map((item) => write(jsonObjectOf(item, true)));
}
