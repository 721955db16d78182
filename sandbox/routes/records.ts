/** Single-record endpoints: create, get, update, delete, save, check_key, get_draft; and their array forms. */
import type { App } from '../app';
import { RESOURCE } from '../app';
import { jsonObjectOf, readJson, readJsonObject, sendJson, type RequestContext, type Router } from '../http';
import type { LeadRecord } from '../store';
import { malformedRequest } from '../apiErrors';
import { CHECK_KEY_FAULTS } from '../faults';
import { KEY_STATES } from '../leads';

type Write<R> = (body: Record<string, unknown>) => R;

/** What the array rules depend on: the flavour, whether arrays are taken, and a transaction. */
type ArrayRules = Pick<App, 'flavour' | 'acceptArrays'> & { transaction<T>(work: () => T): T };

export function registerRecordRoutes(router: Router, app: App): void {
	router
		.add('POST', RESOURCE, 'CREATE', async (ctx) => {
			answer(ctx, await forOneOrMany(ctx, app, (body) => app.leads.create(body)));
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
			answer(ctx, await forOneOrMany(ctx, app, (body) => app.leads.save(body)));
		})
		.add('POST', `${RESOURCE}/check_key`, 'CREATE', async (ctx) => {
			const state = app.leads.checkKey(await readJsonObject(ctx.req, false));
			sendJson(ctx.res, 200, ctx.takeFault(CHECK_KEY_FAULTS) ? state === KEY_STATES.exists : state);
		})
		.add('GET', `${RESOURCE}/get_draft`, 'CREATE', (ctx) => {
			sendJson(ctx.res, 200, app.leads.draft(ctx.query));
		});
	if (app.flavour === 'classic' && app.acceptArrays) {
		// Classic's generated createBatch / saveBatch (ibizlab-runtime SysUserResource.java): a list of
		// DTOs, answered with `true`; MyBatis-Plus saves it in one batch session, all or nothing.
		router
			.add('POST', `${RESOURCE}/batch`, 'CREATE', async (ctx) => {
				answer(ctx, await inOneTransaction(ctx, leadArrays(app), (body) => app.leads.create(body)));
			})
			.add('POST', `${RESOURCE}/savebatch`, 'CREATE', async (ctx) => {
				answer(ctx, await inOneTransaction(ctx, leadArrays(app), (body) => app.leads.save(body)));
			});
	}
}

/**
 * Cloud's generated resources take one DTO or an array of them (RequestWrapper.isArray: e.g.
 * iBizLab/plm-code Abstract*Resource.create/save) and answer in kind, item by item, each item in
 * its own transaction: when item k fails the request answers k's error, items before k stay
 * written and items after k are never tried. Classic resources bind a single DTO (an array is an
 * unreadable body, 400; arrays go to /batch), and so does an older server (acceptArrays false).
 */
export async function forOneOrMany<R = LeadRecord>(ctx: RequestContext, app: Pick<App, 'flavour' | 'acceptArrays'>, write: Write<R>): Promise<R | R[]> {
	if (app.flavour === 'classic' || !app.acceptArrays) return write(await readJsonObject(ctx.req, true));
	const body = await readJson(ctx.req);
	if (!Array.isArray(body)) return write(jsonObjectOf(body, true));
	return body.map((item) => write(jsonObjectOf(item, true)));
}

function leadArrays(app: App): ArrayRules {
	return { flavour: app.flavour, acceptArrays: app.acceptArrays, transaction: (work) => app.store.transaction(work) };
}

/** Classic's batch paths: every item written, or (first failure) none; the answer is `true`. */
export async function inOneTransaction<R>(ctx: RequestContext, rules: ArrayRules, write: Write<R>): Promise<true> {
	const body = await readJson(ctx.req);
	if (!Array.isArray(body)) throw malformedRequest('The request body must be a JSON array', 'bad_body');
	rules.transaction(() => {
		for (const item of body) write(jsonObjectOf(item, true));
	});
	return true;
}

/** Sends the answer; the `answer-cut` fault sends half of it (after the writes) and closes the connection. */
export function answer(ctx: RequestContext, body: unknown): void {
	if (!ctx.takeFault(['answer-cut'])) {
		sendJson(ctx.res, 200, body);
		return;
	}
	const bytes = Buffer.from(JSON.stringify(body));
	ctx.res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': bytes.length });
	ctx.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => ctx.res.destroy());
}
