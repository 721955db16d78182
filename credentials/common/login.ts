import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { AnswerCutOff, AnswerTooLarge, inMegabytes, JSON_ANSWER_LIMIT, parseAnswer, readBody, settleErrorBody } from './answerBody';
import { normalizeBaseUrl, UrlBuildError, urlForMessage } from './baseUrl';
import { credentialSecrets, tenantHeaders } from './authHeaders';
import { RequestDeadline } from './deadline';
import { redactAll } from './redact';
import { redirectMessage } from './redirect';
import { isLoginError, LoginError, readHttpFailure, redactFailure, type LoginCause } from './httpFailure';
import { serverMessage } from './serverText';

/**
 * Logging in to an iBiz platform with user name and password (`POST <base>/v7/login`). Both
 * server generations answer `{token, …}`: cloud adds `expirein`, classic a `user` object. A wrong
 * password is an HTTP 500 (cloud) or 400 (classic) error, told apart from a missing endpoint.
 */

export const DEFAULT_LOGIN_PATH = '/v7/login';

/**
 * A login that takes longer than this — connecting, the answer and its whole body — is stopped and
 * reported busy (the credential has no Timeout of its own).
 */
export const LOGIN_TIMEOUT_MS = 30_000;

/** Answers that mean "busy, try again" on any endpoint, the login included. */
const BUSY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The login's URL: Login Path below the Base URL. Login Path is a path only: a full URL (or a
 * query or fragment) would be glued onto the Base URL as text, so it is refused, saying what to put.
 */
export function loginUrl(credentials: ICredentialDataDecryptedObject): string {
	const path = String(credentials.loginPath ?? '').trim() || DEFAULT_LOGIN_PATH;
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || /[?#]/.test(path)) {
		throw new UrlBuildError(
			`Login Path "${urlForMessage(path)}" is not a path: give only the part after the Base URL, e.g. ${DEFAULT_LOGIN_PATH} or /uaa/login`,
		);
	}
	return `${normalizeBaseUrl(credentials.baseUrl)}/${path.replace(/^\/+/, '')}`;
}

/**
 * The login call: only the properties the servers accept (the cloud runtime rejects any other).
 * The password goes to the Base URL's address and nowhere else: a redirect is an error, never
 * followed (redirect.ts). The answer comes as a stream, read within a size limit (logIn).
 */
export function loginRequest(credentials: ICredentialDataDecryptedObject): IHttpRequestOptions {
	const body: IDataObject = { loginname: String(credentials.username ?? '').trim(), password: String(credentials.password ?? '') };
	const domain = String(credentials.domain ?? '').trim();
	if (domain) body.domain = domain;
	if (credentials.rememberMe === true) body.rememberme = true;
	return {
		method: 'POST',
		url: loginUrl(credentials),
		body,
		headers: { Accept: 'application/json', ...tenantHeaders(credentials) },
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		timeout: LOGIN_TIMEOUT_MS,
		disableFollowRedirect: true,
		encoding: 'stream',
	};
}

/**
 * Logs in with `send` (the helpers' httpRequest) and returns the token. The whole exchange has
 * LOGIN_TIMEOUT_MS; the answer, error answers included, is read within the JSON size limit and
 * parsed once. Every failure is a LoginError in words, without the password.
 */
export async function logIn(
	send: (request: IHttpRequestOptions) => Promise<unknown>,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const request = loginRequest(credentials);
	const url = String(request.url);
	const deadline = new RequestDeadline(LOGIN_TIMEOUT_MS);
	deadline.attach(request);
	deadline.arm();
	try {
		const answer = parseAnswer(await readBody(await send(request), JSON_ANSWER_LIMIT));
		return tokenFromAnswer(!answer.empty && answer.ok ? answer.value : undefined, url);
	} catch (error) {
		// An error answer comes as a stream too: read within the limit before it is looked at.
		await settleErrorBody(error, JSON_ANSWER_LIMIT);
		throw loginFailure(error, credentials, deadline.exceeded);
	} finally {
		deadline.finish();
	}
}

const loginTimeoutMessage = (url: string) =>
	`The login endpoint ${url} did not answer within ${LOGIN_TIMEOUT_MS / 1000} s: the server is busy or unreachable (raise Options → Retries When Busy to try again)`;

/** The token of a login answer; anything else is a LoginError. */
export function tokenFromAnswer(answer: unknown, url: string): string {
	const token = answer && typeof answer === 'object' ? (answer as IDataObject).token : undefined;
	if (typeof token !== 'string' || token.trim() === '') {
		throw new LoginError(`The login answer from ${url} holds no token: is Login Path right?`);
	}
	return token.trim();
}

/** What went wrong with a login call, in words, without the password (`timedOut`: its deadline ran out). */
export function loginFailure(error: unknown, credentials: ICredentialDataDecryptedObject, timedOut = false): LoginError {
	if (isLoginError(error)) return error;
	const url = loginUrl(credentials);
	if (timedOut) return new LoginError(loginTimeoutMessage(url), 'busy');
	if (error instanceof AnswerTooLarge) {
		return new LoginError(`The answer of ${url} is larger than ${inMegabytes(error.limit)}, so it is not a login answer: check Login Path and Base URL`, 'endpoint');
	}
	if (error instanceof AnswerCutOff) return new LoginError(`The login answer from ${url} was cut off before it was complete`, 'connection');
	const secrets = credentialSecrets(credentials);
	// Scrubbed before its words are read: a server that echoes the password gets it cut out with
	// its exact characters (runs of spaces included), before any text is cut or collapsed.
	const failure = redactFailure(readHttpFailure(error), secrets);
	const said = serverMessage(failure.body);
	const fromServer = said ? `: ${said}` : '';
	const status = failure.status;
	let message: string;
	let cause: LoginCause = 'refused';
	if (status === undefined) {
		const timedOut = failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT' || /timeout/i.test(failure.networkMessage ?? '');
		cause = timedOut ? 'busy' : 'connection';
		message = timedOut ? loginTimeoutMessage(url) : `Could not reach the login endpoint ${url}: ${failure.code ?? failure.networkMessage ?? 'no answer'}`;
	} else if (status >= 300 && status < 400) {
		cause = 'connection';
		message = redirectMessage(status, failure.headers.location, url, normalizeBaseUrl(credentials.baseUrl));
	} else if (BUSY_STATUSES.has(status)) {
		cause = 'busy';
		message = `The login endpoint ${url} is busy (HTTP ${status})${fromServer}: try again later, or raise Options → Retries When Busy`;
	} else if (status === 404 || status === 405) {
		cause = 'endpoint';
		message = `There is no login endpoint at ${url} (HTTP ${status}): check Login Path (iBiz servers use /v7/login or /uaa/login)`;
	} else if (status === 401) {
		// iBiz logins refuse a wrong password with 500 (cloud) or 400 (classic), never 401: a 401
		// means the address asked for a token itself, so it is not the login.
		cause = 'endpoint';
		message = `${url} answered HTTP 401 (it wants a token itself), so it is most likely not the login endpoint: check Login Path (iBiz servers use /v7/login or /uaa/login) and that Base URL is the address before /crm_leads`;
	} else if ([400, 403, 500].includes(status)) {
		message = `The server rejected the user name or password${fromServer} (HTTP ${status})`;
	} else {
		message = `Logging in at ${url} failed with HTTP ${status}${fromServer}`;
	}
	return new LoginError(redactAll(message, secrets), cause, failure.headers['retry-after']);
}
