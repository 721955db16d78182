/** The UAA login (no token needed): /v7/login in both generations, cloud also /uaa/login. */
import type { Flavour } from '../flavour';
import { readJson, sendJson, type Router } from '../http';
import { login, type LoginSettings } from '../loginService';

export const LOGIN_PATH = '/v7/login';
/** UAARestController maps the cloud login to both paths. */
const CLOUD_LOGIN_PATHS = [LOGIN_PATH, '/uaa/login'];

export function loginPaths(flavour: Flavour): readonly string[] {
	return flavour === 'cloud' ? CLOUD_LOGIN_PATHS : [LOGIN_PATH];
}

export function registerLoginRoutes(router: Router, settings: LoginSettings): void {
	for (const path of loginPaths(settings.flavour)) {
		router.add('POST', path, 'PUBLIC', async (ctx) => {
			const outcome = login(await readJson(ctx.req), ctx.req.headers, settings);
			ctx.setPrincipal(outcome.principal);
			if (!outcome.result.ok) throw outcome.result.error;
			sendJson(ctx.res, 200, outcome.result.body);
		});
	}
}
