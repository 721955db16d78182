/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The login the check can do instead of taking a token: POST {loginname, password, domain?} to
 * the login path (default /v7/login below the base URL, resolved by the node's own code) and read the token from the answer,
 * whichever generation's shape it has (cloud {token, expirein, appdata?}; classic {token, user}).
 */
import { UrlBuildError } from '../../credentials/common/baseUrl';
import { DEFAULT_LOGIN_PATH, loginUrl as nodeLoginUrl } from '../../credentials/common/login';
import { ContractCheckError } from './checkError';
import { describe, is2xx, isObject } from './expect';
import type { Generation } from './generations';
import { RequestFailed, RunStopped, type ApiClient, type ApiResponse } from './http';
import { redact } from './report';

export { DEFAULT_LOGIN_PATH };

export interface LoginSettings {
	user: string;
	password: string;
	domain?: string;
	/** Absolute URL of the login. */
	url: string;
}

export interface LoginResult {
	token: string;
	answer: ApiResponse;
	/** The generation whose answer shape this is (undefined: a token, but neither known shape). */
	shape: Generation | undefined;
}

/**
 * The login URL, resolved exactly as the credential resolves it (the node's own loginUrl): a path
 * below the base URL; a full URL, a query or a fragment is refused with what to pass instead.
 */
export function loginUrl(baseUrl: string, loginPath: string | undefined): string {
	try {
		return nodeLoginUrl({ baseUrl, loginPath: loginPath ?? '' });
	} catch (error) {
		if (!(error instanceof UrlBuildError)) throw error;
		throw new ContractCheckError(`--login-path: ${error.message.replace(/^Login Path /, '')}`);
	}
}

export function sendLogin(api: ApiClient, settings: LoginSettings, password = settings.password): Promise<ApiResponse> {
	const json = { loginname: settings.user, password, ...(settings.domain ? { domain: settings.domain } : {}) };
	return api.send({ method: 'POST', path: [], url: settings.url, json, auth: { kind: 'none' }, tenant: true });
}

/** Which generation's login answer this is. */
export function loginShape(res: ApiResponse): Generation | undefined {
	if (!isObject(res.json) || typeof res.json.token !== 'string') return undefined;
	if (typeof res.json.expirein === 'number') return 'cloud';
	return isObject(res.json.user) ? 'classic' : undefined;
}

/** Logs in, or stops the run with a message that never holds the password. */
export async function logIn(api: ApiClient, settings: LoginSettings): Promise<LoginResult> {
	let answer: ApiResponse;
	try {
		answer = await sendLogin(api, settings);
	} catch (error) {
		if (error instanceof RunStopped) throw new ContractCheckError(error.reason);
		throw new ContractCheckError(`cannot reach the login at ${settings.url}: ${error instanceof RequestFailed ? error.message : 'the request failed'}`);
	}
	const said = redact(describe(answer), [settings.password]);
	if (answer.status === 404 || answer.status === 405) throw new ContractCheckError(`there is no login at ${settings.url} (${said}); give its path with --login-path`);
	const token = isObject(answer.json) && typeof answer.json.token === 'string' ? answer.json.token : undefined;
	if (!is2xx(answer)) throw new ContractCheckError(`the login was refused (${said}); check --user, --password and --domain`);
	if (!token) throw new ContractCheckError(`the login answered HTTP ${answer.status} without a token; is --login-path right?`);
	return { token, answer, shape: loginShape(answer) };
}
