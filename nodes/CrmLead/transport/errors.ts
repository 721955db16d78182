import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What we keep of a failed HTTP exchange: status, headers and the decoded body. Nothing else. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	/** Network-level failure code (ECONNREFUSED, ETIMEDOUT, ECONNABORTED, …). */
	code?: string;
	/** Network-level message when there was no response. */
	networkMessage?: string;
	/** Set when the credential's login failed: what went wrong, already in words. */
	loginMessage?: string;
}

/** A login that failed; its message is written for the user and holds no secret. */
export class LoginError extends Error {
	readonly loginFailed = true;

	constructor(message: string) {
		super(message);
		this.name = 'CrmLeadLoginError';
	}
}

export function isLoginError(error: unknown): error is LoginError {
	return (error as { loginFailed?: unknown } | undefined)?.loginFailed === true;
}

interface AxiosLike {
	code?: unknown;
	message?: unknown;
	response?: { status?: unknown; headers?: unknown; data?: unknown };
}

function decodeBody(data: unknown): unknown {
	let text: string | undefined;
	if (Buffer.isBuffer(data)) text = data.toString('utf8');
	else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8');
	else return data;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			if (value !== undefined && value !== null) out[key.toLowerCase()] = String(value);
		}
	}
	return out;
}

/** Digs the HTTP exchange out of whatever n8n's helper threw (a NodeApiError around an AxiosError). */
export function readHttpFailure(error: unknown): HttpFailure {
	const chain: AxiosLike[] = [];
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		chain.push(current as AxiosLike);
		current = (current as { cause?: unknown }).cause;
	}
	const login = chain.find(isLoginError);
	if (login) return { headers: {}, body: undefined, loginMessage: String(login.message) };
	const withResponse = chain.find((e) => e.response && typeof e.response === 'object');
	if (withResponse?.response) {
		const { status, headers, data } = withResponse.response;
		return {
			status: typeof status === 'number' ? status : Number(status) || undefined,
			headers: lowerCaseHeaders(headers),
			body: decodeBody(data),
		};
	}
	const withCode = chain.find((e) => typeof e.code === 'string');
	const httpCode = (error as { httpCode?: unknown })?.httpCode;
	return {
		status: httpCode ? Number(httpCode) || undefined : undefined,
		headers: {},
		body: undefined,
		code: withCode ? String(withCode.code) : undefined,
		networkMessage: chain.map((e) => e.message).find((m) => typeof m === 'string') as string | undefined,
	};
}

/** How the request was authenticated: decides what a 401 or a silent 403 most likely means. */
export interface AuthContext {
	mode: 'accessToken' | 'password';
	/** System ID and Organization ID are both set. */
	tenant: boolean;
}

function unauthorizedMessage(auth: AuthContext | undefined): string {
	return auth?.mode === 'password'
		? 'Authorization failed even after logging in again: check the user, Token Header Name and Token Prefix in the CRM Lead credential'
		: 'Authorization failed: the Access Token in the CRM Lead credential is wrong or expired (iBiz tokens expire after 2 hours; User Name & Password lets n8n renew it)';
}

function forbiddenMessage(auth: AuthContext | undefined): string {
	return auth?.tenant
		? 'Forbidden: the user lacks the permission this operation needs, or System ID / Organization ID do not match the user'
		: 'Forbidden without a reason: set System ID and Organization ID in the CRM Lead credential (iBiz cloud servers refuse ordinary users without them), or grant the permission this operation needs';
}

const STATUS_MESSAGES: Record<number, string> = {
	400: 'The server rejected the request as invalid',
	404: 'Not found',
	409: 'Conflict: a lead with this ID already exists',
	429: 'Too many requests: the server is rate limiting',
	500: 'The server had an internal error',
	502: 'Bad gateway: the server could not be reached through its proxy',
	503: 'The service is unavailable',
	504: 'Gateway timeout: the server did not answer in time',
};

const I18N_KEY = /^error\.\S+$/;

function decodeHeaderText(value: string | undefined): string | undefined {
	if (!value || !value.trim()) return undefined;
	try {
		return decodeURIComponent(value.replace(/\+/g, ' ')).trim() || undefined;
	} catch {
		return value.trim();
	}
}

/**
 * The server's own words: problem-details `detail`, then `message` (also the cloud runtime's
 * `{type, code, message}`), then `title`; with an empty body, the URL-encoded `X-ibz-error`
 * (classic) or `x-message` (cloud) header.
 */
export function serverMessage(body: unknown, headers: Record<string, string> = {}): string | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const problem = body as Record<string, unknown>;
		for (const key of ['detail', 'message', 'title', 'error']) {
			const value = problem[key];
			// The classic generation puts i18n keys such as "error.alice" into `message`; its words are in `title`.
			if (typeof value === 'string' && value.trim() && !I18N_KEY.test(value.trim())) return value.trim();
		}
	}
	if (typeof body === 'string' && body.trim() && !/^\s*</.test(body)) {
		return body.trim().slice(0, 300);
	}
	return decodeHeaderText(headers['x-ibz-error']) ?? decodeHeaderText(headers['x-message']);
}

/** Field errors of the cloud runtime's EntityException: `details: [{fieldname, fielderrorinfo}]`. */
function fieldErrors(body: unknown): string | undefined {
	const details = (body as { details?: unknown } | undefined)?.details;
	if (!Array.isArray(details)) return undefined;
	const parts = details
		.map((d) => d as Record<string, unknown>)
		.filter((d) => d && typeof d.fieldname === 'string')
		.map((d) => {
			const label = typeof d.fieldlogicname === 'string' ? `${d.fieldlogicname} (${String(d.fieldname)})` : String(d.fieldname);
			return typeof d.fielderrorinfo === 'string' && d.fielderrorinfo ? `${label}: ${d.fielderrorinfo}` : label;
		});
	return parts.length ? parts.join('; ') : undefined;
}

function networkDescription(failure: HttpFailure, timeoutMs?: number): string {
	if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT' || /timeout/i.test(failure.networkMessage ?? '')) {
		return `The server did not answer within ${timeoutMs ? `${timeoutMs} ms` : 'the timeout'} (raise Options → Timeout if it is just slow)`;
	}
	if (failure.code === 'ECONNREFUSED') return 'Connection refused: check the Base URL in the credential';
	if (failure.code === 'ENOTFOUND') return 'Host not found: check the Base URL in the credential';
	return failure.networkMessage ?? 'The request failed before the server answered';
}

/** Removes the secret from any text, in case a server echoes it back. */
export function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}

export function redactAll(text: string, secrets: readonly string[]): string {
	return secrets.reduce((scrubbed, secret) => redact(scrubbed, secret), text);
}

function statusMessage(status: number, auth: AuthContext | undefined): string | undefined {
	if (status === 401) return unauthorizedMessage(auth);
	if (status === 403) return forbiddenMessage(auth);
	return STATUS_MESSAGES[status];
}

export interface ErrorContext {
	itemIndex?: number;
	/** Human name of the call: "Get lead". */
	operation: string;
	/** Texts that must never appear in the error (token, password). */
	secrets?: readonly string[];
	timeoutMs?: number;
	auth?: AuthContext;
}

/**
 * A clean NodeApiError built from plain data only: the raw error (whose request config holds the
 * Authorization header) is never attached, so the token cannot reach the execution log.
 */
export function toNodeApiError(node: INode, failure: HttpFailure, context: ErrorContext): NodeApiError {
	const secrets = context.secrets ?? [];
	const fromServer = serverMessage(failure.body, failure.headers);
	const status = failure.status;
	const explained = status ? statusMessage(status, context.auth) : undefined;
	const headline = failure.loginMessage
		? failure.loginMessage
		: !status
			? networkDescription(failure, context.timeoutMs)
			: status < 400
				? 'The answer was cut off before it was complete (the connection closed early)'
				: (fromServer ?? explained ?? `The server answered with HTTP ${status}`);
	const message = redactAll(status ? `${headline} (HTTP ${status})` : headline, secrets);
	const fields = fieldErrors(failure.body);
	const description = redactAll(
		(status
			? `${context.operation} failed with HTTP ${status}${fromServer && explained ? `: ${explained}` : ''}`
			: `${context.operation} failed: ${headline}`) + (fields ? ` (fields: ${fields})` : ''),
		secrets,
	);
	const safeBody =
		failure.body && typeof failure.body === 'object'
			? (JSON.parse(redactAll(JSON.stringify(failure.body), secrets)) as JsonObject)
			: undefined;
	return new NodeApiError(
		node,
		{ message, httpCode: status ? String(status) : null, ...(safeBody ? { body: safeBody } : {}) } as JsonObject,
		{ message, description, httpCode: status ? String(status) : undefined, itemIndex: context.itemIndex },
	);
}
