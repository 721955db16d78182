/** message_post_with_source, and a test-only view of a lead's chatter. */
import type { App } from '../app';
import { ADMIN, RESOURCE } from '../app';
import { readJsonObject, sendJson, type Router } from '../http';

export function registerMessageRoutes(router: Router, app: App): void {
	// The docs give this endpoint the READ permission (posting to the chatter is not an edit).
	router
		.add('POST', `${RESOURCE}/:key/message_post_with_source`, 'READ', async (ctx) => {
			sendJson(ctx.res, 200, app.messages.post(ctx.params.key, await readJsonObject(ctx.req, false)));
		})
		.add('GET', `${ADMIN}/leads/:key/messages`, 'READ', (ctx) => {
			app.leads.get(ctx.params.key);
			sendJson(ctx.res, 200, app.store.messages(ctx.params.key));
		});
}
