/**
 * The routes of every entity the sandbox serves, generic by entity: the standard record set,
 * each list (data set), each action, the classic batch paths — and all of them again under the
 * entity's parent (/<parent>/{pkey}/<entity>…), limited to that parent's records.
 */
import type { App } from '../app';
import type { Entity } from '../../nodes/CrmLead/entities';
import { badRequest } from '../apiErrors';
import { readJson, readJsonObject, sendJson, type Permission, type RequestContext, type Router } from '../http';
import { effectivePageSize, parseListRequest } from '../listQuery';
import { answer, forOneOrMany, inOneTransaction } from '../routes/records';
import { pagingHeaders } from '../routes/list';
import { actionOf, type ActionContext } from './actions';
import { dataSetRules } from './dataSets';
import { registerEntityFileRoutes } from './fileRoutes';
import type { EntityService, ParentScope } from './entityService';

export interface ServedEntities {
	/** Every entity served, by path. */
	services: ReadonlyMap<string, EntityService>;
}

export function registerEntityRoutes(router: Router, app: App, served: ServedEntities): void {
	for (const service of served.services.values()) {
		const { entity } = service.store;
		registerAt(router, app, served, service, `/${entity.path}`, () => undefined);
		const { parent } = entity;
		if (parent) {
			registerAt(router, app, served, service, `/${parent.path}/:pkey/${entity.path}`, (ctx) => ({
				linkField: parent.linkField,
				parentId: ctx.params.pkey,
			}));
		}
	}
}

type ScopeOf = (ctx: RequestContext) => ParentScope | undefined;

function registerAt(router: Router, app: App, served: ServedEntities, service: EntityService, base: string, scopeOf: ScopeOf): void {
	const { entity } = service.store;
	const arrays = { flavour: app.flavour, acceptArrays: app.acceptArrays, transaction: <T>(work: () => T) => service.store.transaction(work) };
	router
		.add('POST', base, 'CREATE', async (ctx) => {
			answer(ctx, await forOneOrMany(ctx, app, (body) => service.create(body, scopeOf(ctx))));
		})
		.add('GET', `${base}/:key`, 'READ', (ctx) => sendJson(ctx.res, 200, service.get(ctx.params.key, scopeOf(ctx))))
		.add('PUT', `${base}/:key`, 'UPDATE', async (ctx) => {
			sendJson(ctx.res, 200, service.update(ctx.params.key, await readJsonObject(ctx.req, true), scopeOf(ctx)));
		})
		.add('DELETE', `${base}/:key`, 'DELETE', (ctx) => {
			service.delete(ctx.params.key, scopeOf(ctx));
			sendJson(ctx.res, 200, true);
		})
		.add('POST', `${base}/save`, 'CREATE', async (ctx) => {
			answer(ctx, await forOneOrMany(ctx, app, (body) => service.save(body, scopeOf(ctx))));
		})
		.add('POST', `${base}/check_key`, 'CREATE', async (ctx) => {
			sendJson(ctx.res, 200, service.checkKey(await readJsonObject(ctx.req, false)));
		})
		.add('GET', `${base}/get_draft`, 'CREATE', (ctx) => sendJson(ctx.res, 200, service.draft(ctx.query, scopeOf(ctx))));
	for (const list of entity.lists) {
		router.add('POST', `${base}/${list.dataSet}`, 'READ', async (ctx) => {
			const request = parseListRequest(await readJson(ctx.req), app.flavour, entity.table);
			const size = effectivePageSize(request);
			const query = { conditions: request.conditions, rules: dataSetRules(entity.path, list.dataSet), sort: request.sort, limit: size, offset: request.page * size };
			const { rows, total } = service.list(query, scopeOf(ctx));
			sendJson(ctx.res, 200, rows, pagingHeaders(app, { page: request.page, size, total }, false));
		});
	}
	for (const action of entity.actions) {
		const run = actionOf(entity.path, action.segment);
		if (!run) throw new Error(`The sandbox has no ${entity.path}/${action.segment}`);
		const context: ActionContext = { service, services: served.services, clock: app.clock };
		const path = action.scope === 'record' ? `${base}/:key/${action.segment}` : `${base}/${action.segment}`;
		const permission: Permission = 'UPDATE';
		router.add(action.method, path, permission, async (ctx) => {
			const body = await readJson(ctx.req);
			if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
				throw badRequest('The request body must be a JSON object');
			}
			sendJson(ctx.res, 200, run(context, ctx.params.key, (body ?? {}) as Record<string, unknown>, scopeOf(ctx)));
		});
	}
	registerEntityFileRoutes(router, app, service, base, scopeOf);
	if (app.flavour === 'classic' && app.acceptArrays) {
		router
			.add('POST', `${base}/batch`, 'CREATE', async (ctx) => {
				answer(ctx, await inOneTransaction(ctx, arrays, (body) => service.create(body, scopeOf(ctx))));
			})
			.add('POST', `${base}/savebatch`, 'CREATE', async (ctx) => {
				answer(ctx, await inOneTransaction(ctx, arrays, (body) => service.save(body, scopeOf(ctx))));
			});
	}
}

export type { Entity };
