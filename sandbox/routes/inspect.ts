/**
 * Test-only views for clients in another process (the e2e suite drives n8n, not the sandbox):
 * the request log the programmatic API exposes as `requests`, and expiring every login token.
 */
import { ADMIN } from '../app';
import { sendJson, type RequestLogEntry, type Router } from '../http';

export function registerInspectionRoutes(
	router: Router,
	inspected: { requests: RequestLogEntry[]; expireTokens: () => void },
): void {
	router
		.add('GET', `${ADMIN}/requests`, 'READ', (ctx) => {
			sendJson(ctx.res, 200, inspected.requests);
		})
		// How many there are, without sending them (a long measurement makes hundreds of thousands).
		.add('GET', `${ADMIN}/requests/count`, 'READ', (ctx) => {
			sendJson(ctx.res, 200, inspected.requests.length);
		})
		.add('POST', `${ADMIN}/tokens/expire`, 'UPDATE', (ctx) => {
			inspected.expireTokens();
			sendJson(ctx.res, 200, true);
		});
}
