/** The other entities' services on their own SQLite connection, loaded with reference data; the OpenAPI route. */
import Database from 'better-sqlite3';

import type { Clock } from '../clock';
import { noSuchEndpoint } from '../apiErrors';
import { sendJson, type Router } from '../http';
import { addContainsFunction } from '../store';
import { EntityService } from './entityService';
import { EntityStore } from './entityStore';
import { openApiDocument } from './openApi';
import { DESCRIBED_ENTITIES, REFERENCE_DATA, SERVED_ENTITIES } from './sandboxEntities';

export interface EntityServices {
	services: ReadonlyMap<string, EntityService>;
	close(): void;
}

/** `only`: the paths to serve (a server that lacks the others); default every entity. */
export function createEntityServices(dbPath: string, clock: Clock, keepDeletedKeys: boolean, only?: readonly string[]): EntityServices {
	const unknown = (only ?? []).filter((path) => !SERVED_ENTITIES.some((e) => e.path === path));
	if (unknown.length) throw new Error(`The sandbox has no entity ${unknown.join(', ')} (it has ${SERVED_ENTITIES.map((e) => e.path).join(', ')})`);
	const db = new Database(dbPath);
	addContainsFunction(db);
	const served = SERVED_ENTITIES.filter((entity) => !only || only.includes(entity.path));
	const services = new Map(served.map((entity) => [entity.path, new EntityService(new EntityStore(db, entity), clock, keepDeletedKeys)]));
	for (const [path, rows] of Object.entries(REFERENCE_DATA)) {
		const service = services.get(path);
		const missing = rows.filter((row) => !service?.store.get(String(row.id)));
		if (missing.length) service?.insertFixtures(missing);
	}
	return {
		services,
		close: () => {
			if (db.open) db.close();
		},
	};
}

/** The service hub's description: only `?group=auto` answers (DocumentationCache.outputOpenAPIDoc). */
export function registerOpenApiRoute(router: Router, serverUrl: () => string, services: EntityServices['services']): void {
	const described = DESCRIBED_ENTITIES.filter((e) => e.path === 'crm_leads' || services.has(e.path));
	router.add('GET', '/v3/api-docs', 'PUBLIC', (ctx) => {
		if (ctx.query.group !== 'auto') throw noSuchEndpoint('/v3/api-docs');
		sendJson(ctx.res, 200, openApiDocument(described, serverUrl()));
	});
}
