/** Single-record endpoints: create, get, update, delete, save, check_key, get_draft. */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { readJsonObject, sendJson, type Router } from '../http';

export function registerRecordRoutes(router: Router, app: App): void {
	router
		.add('POST', RESOURCE, 'CREATE', async (ctx) => {
			sendJson(ctx.res, 200, app.leads.create(await readJsonObject(ctx.req, true)));
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
			sendJson(ctx.res, 200, app.leads.save(await readJsonObject(ctx.req, true)));
		})
		.add('POST', `${RESOURCE}/check_key`, 'CREATE', async (ctx) => {
			sendJson(ctx.res, 200, app.leads.checkKey(await readJsonObject(ctx.req, false)));
		})
		.add('GET', `${RESOURCE}/get_draft`, 'CREATE', (ctx) => {
			sendJson(ctx.res, 200, app.leads.draft(ctx.query));
		});
}
