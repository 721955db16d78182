import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { normalizeBaseUrl, UrlBuildError } from './baseUrl';
import { credentialSecrets, tenantHeaders } from './authHeaders';
import { redactAll } from './errors';
import { isLoginError, LoginError, readHttpFailure } from './httpFailure';
import { serverMessage } from './serverText';

/**
 * Logging in to an iBiz platform with user name and password (`POST <base>/v7/login`). Both
 * server generations answer `{token, …}`: cloud adds `expirein`, classic a `user` object. A wrong
 * password is an HTTP 500 (cloud) or 400 (classic) error, told apart from a missing endpoint.
 */

export const DEFAULT_LOGIN_PATH = '/v7/login';

/**
 * The login's URL: Login Path below the Base URL. Login Path is a path only: a full URL (or a
 * query or fragment) would be glued onto the Base URL as text, so it is refused, saying what to put.
 */
export function loginUrl(credentials: ICredentialDataDecryptedObject): string {
	const path = String(credentials.loginPath ?? '').trim() || DEFAULT_LOGIN_PATH;
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || /[?#]/.test(path)) {
		throw new UrlBuildError(
			`Login Path "${path}" is not a path: give only the part after the Base URL, e.g. ${DEFAULT_LOGIN_PATH} or /uaa/login`,
		);
	}
	return `${normalizeBaseUrl(credentials.baseUrl)}/${path.replace(/^\/+/, '')}`;
}

/** The login call: only the properties the servers accept (the cloud runtime rejects any other). */
export function loginRequest(credentials: ICredentialDataDecryptedObject): IHttpRequestOptions {
	const body: IDataObject = { loginname: String(credentials.username ?? '').trim(), password: String(credentials.password ?? '') };
	const domain = String(credentials.domain ?? '').trim();
	if (domain) body.domain = domain;
	if (credentials.rememberMe === true) body.rememberme = true;
	return {
		method: 'POST',
		url: loginUrl(credentials),
		body,
		json: true,
		headers: { Accept: 'application/json', ...tenantHeaders(credentials) },
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	};
}

/** The token of a login answer; anything else is a LoginError. */
export function tokenFromAnswer(answer: unknown, url: string): string {
	const token = answer && typeof answer === 'object' ? (answer as IDataObject).token : undefined;
	if (typeof token !== 'string' || token.trim() === '') {
		throw new LoginError(`The login answer from ${url} holds no token: is Login Path right?`);
	}
	return token.trim();
}

/** What went wrong with a login call, in words, without the password. */
export function loginFailure(error: unknown, credentials: ICredentialDataDecryptedObject): LoginError {
	if (isLoginError(error)) return error;
	const url = loginUrl(credentials);
	const failure = readHttpFailure(error);
	const secrets = credentialSecrets(credentials);
	const said = serverMessage(failure.body);
	const fromServer = said ? `: ${said}` : '';
	let message: string;
	if (failure.status === undefined) {
		message = `Could not reach the login endpoint ${url}: ${failure.code ?? failure.networkMessage ?? 'no answer'}`;
	} else if (failure.status === 404 || failure.status === 405) {
		message = `There is no login endpoint at ${url} (HTTP ${failure.status}): check Login Path (iBiz servers use /v7/login or /uaa/login)`;
	} else if ([400, 401, 403, 500].includes(failure.status)) {
		message = `The server rejected the user name or password${fromServer} (HTTP ${failure.status})`;
	} else {
		message = `Logging in at ${url} failed with HTTP ${failure.status}${fromServer}`;
	}
	return new LoginError(redactAll(message, secrets));
}
