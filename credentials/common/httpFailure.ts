import { redactAll, redactValue } from './redact';

/**
 * A failed HTTP exchange reduced to plain data (status, headers, decoded body), read out of
 * whatever n8n's helper threw. Holding no request config, it cannot carry the token anywhere.
 */
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
	/** Why the login failed, when it did (see LoginError). */
	loginCause?: LoginCause;
	/** The status was fine, but the answer itself could not be used (read or checked in the node's transport). */
	answer?: AnswerProblem;
}

/** What was wrong with an answer whose status was fine. */
export type AnswerProblem =
	/** Its body grew past the limit (bytes) and was not read further. */
	| { problem: 'tooLarge'; limit: number }
	/** The connection ended before the body was complete. */
	| { problem: 'cutOff' }
	/** The body did not arrive in full before the request's deadline. */
	| { problem: 'timedOut' }
	/** Not JSON: an HTML page (a gateway's, a web app's), or other text, of which an excerpt. */
	| { problem: 'notJson'; html: boolean; excerpt: string }
	/** JSON, but not what the operation reads: what came and what was expected, in words. */
	| { problem: 'shape'; came: string; expected: string };

/**
 * Why a login failed: the account was refused (`refused`), the address is not a login endpoint
 * (`endpoint`), the server was busy or did not answer in time (`busy`, retried per Retries When
 * Busy), or it could not be reached (`connection`).
 */
export type LoginCause = 'refused' | 'endpoint' | 'busy' | 'connection';

/** A login that failed; its message is written for the user and holds no secret. Plain data only. */
export class LoginError extends Error {
	readonly loginFailed = true;

	constructor(
		message: string,
		readonly loginCause: LoginCause = 'refused',
		/** The login answer's Retry-After, for the wait before the next attempt. */
		readonly retryAfter?: string,
	) {
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
	if (!headers || typeof headers !== 'object') return {};
	// fromEntries: a header a server names `__proto__` stays an own entry.
	return Object.fromEntries(
		Object.entries(headers as Record<string, unknown>)
			.filter(([, value]) => value !== undefined && value !== null)
			.map(([key, value]) => [key.toLowerCase(), String(value)]),
	);
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
	if (login) {
		const { message, loginCause, retryAfter } = login as unknown as LoginError;
		return { headers: retryAfter ? { 'retry-after': retryAfter } : {}, body: undefined, loginMessage: String(message), loginCause };
	}
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

/**
 * The failure with every secret scrubbed out of everything a message can be built from: the body
 * (each string and key of a JSON answer, or the whole text of any other), the headers and the
 * network message. Done first, before any text is cut or its spaces are collapsed, so a secret is
 * always seen whole and with its exact characters. The copy is bounded in depth and size (see
 * redactValue), which also bounds everything later built from it.
 */
export function redactFailure(failure: HttpFailure, secrets: readonly string[]): HttpFailure {
	const scrub = (text: string | undefined) => (text === undefined ? undefined : redactAll(text, secrets));
	return {
		...failure,
		headers: redactValue(failure.headers, secrets) as Record<string, string>,
		body: redactValue(failure.body, secrets),
		networkMessage: scrub(failure.networkMessage),
		loginMessage: scrub(failure.loginMessage),
	};
}

/** How the request was authenticated: decides what a 401 or a silent 403 most likely means. */
export interface AuthContext {
	mode: 'accessToken' | 'password';
	/** System ID and Organization ID are both set. */
	tenant: boolean;
}
