/** Fault injection over HTTP (registered only with `faults: true`). */
import type { App } from '../app';
import { ADMIN } from '../app';
import { parseFaultSpec } from '../faults';
import { readJson, sendJson, type Router } from '../http';

export function registerFaultRoutes(router: Router, app: App): void {
	router
		.add('POST', `${ADMIN}/faults`, 'UPDATE', async (ctx) => {
			const body = await readJson(ctx.req);
			const specs = (Array.isArray(body) ? body : [body]).map(parseFaultSpec);
			for (const spec of specs) app.faults.add(spec);
			sendJson(ctx.res, 200, app.faults.list());
		})
		.add('GET', `${ADMIN}/faults`, 'READ', (ctx) => {
			sendJson(ctx.res, 200, app.faults.list());
		})
		.add('DELETE', `${ADMIN}/faults`, 'UPDATE', (ctx) => {
			app.faults.clear();
			sendJson(ctx.res, 200, []);
		});
}
