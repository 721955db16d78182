import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	AnswerTooLarge,
	FILE_ANSWER_LIMIT,
	JSON_ANSWER_LIMIT,
	parseAnswer,
	readBody,
	settleErrorBody,
} from '../../../credentials/common/answerBody';
import { buildUrl, normalizeBaseUrl, UrlBuildError } from '../../../credentials/common/baseUrl';
import { authenticationMode, credentialSecrets, hasTenant } from '../../../credentials/common/authHeaders';
import { RequestDeadline } from '../../../credentials/common/deadline';
import { readHttpFailure, type AnswerProblem, type AuthContext, type HttpFailure } from '../../../credentials/common/httpFailure';
import { isHtml, serverExcerpt } from '../../../credentials/common/serverText';
import { toNodeApiError } from './apiError';
import { expectedAnswer, shapeProblem, type AnswerShape } from './answerShape';
import { freshTokenRefused, markErrorKind } from './errorKinds';
import { luxonZone, zoneProblem } from '../../../credentials/common/serverTimeZone';

export type { AnswerShape } from './answerShape';

export const CREDENTIAL_TYPE = 'crmLeadApi';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** How patient a request is: set per node from Options → Timeout / Retries. */
export interface RequestPolicy {
	timeoutMs: number;
	/** Extra attempts after a 429 or 503 (and 502/504) answer. */
	maxRetries: number;
	/** Also retry POST calls (Create, Save, Import…), which the server may already have applied. */
	retryNonIdempotent: boolean;
	/** Upper bound for one wait between attempts. */
	maxRetryWaitMs: number;
	/** Options → Max Answer Size, in bytes; unset: the default for the answer's kind (answerBody.ts). */
	maxAnswerBytes?: number;
}

export const DEFAULT_POLICY: RequestPolicy = {
	timeoutMs: 60_000,
	maxRetries: 0,
	retryNonIdempotent: false,
	maxRetryWaitMs: 30_000,
};

export interface CrmRequest {
	method: IHttpRequestMethods;
	/** Path segments below the Base URL, each percent-encoded on its own: ['crm_leads', key]. */
	path: readonly string[];
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer | string | number | boolean;
	headers?: IDataObject;
	/**
	 * What the operation reads from the answer ('file': the bytes; otherwise JSON of that shape).
	 * Checked here, before the operation sees it: anything else is a `server` error saying what came.
	 */
	answer: AnswerShape;
	/**
	 * Whether the call may change data on the server (default: every method but GET). An answer that
	 * cannot be used then says the call may already have been carried out.
	 */
	changesData?: boolean;
	/** Human name of the call, for error messages: "Get lead". */
	operation: string;
	/** The key of the lead the call is about (Get, Update, Delete, …): error messages name it. */
	recordKey?: string;
	/** What recordKey names, when it is not a lead: "Import job". */
	subject?: string;
	itemIndex?: number;
	policy?: RequestPolicy;
	/** Sending it twice gives the same result (Save with an ID): busy answers are retried like a GET's. */
	idempotent?: boolean;
}

export interface CrmResponse<T> {
	status: number;
	headers: Record<string, string>;
	body: T;
}

interface ConnectionSettings {
	/**
	 * The decrypted credential, handed back to n8n's helper so it is not decrypted per request.
	 * n8n writes a renewed login token into this object, so every later request of the run uses it.
	 */
	credentials: ICredentialDataDecryptedObject;
	baseUrl: string;
	serverTimeZone: string;
	skipSslCertificateValidation: boolean;
	auth: AuthContext;
	/**
	 * Set when a token from a fresh login was refused (401): the server does not read the token
	 * where it is sent, so every later call of the execution fails at once, without logging in again.
	 */
	freshTokenRefused?: HttpFailure;
}

// Decrypting credentials per request is measurable in bulk runs; an execution context is
// one node run, so the settings can be cached for its lifetime.
const settingsCache = new WeakMap<object, Promise<ConnectionSettings>>();

async function loadSettings(ctx: RequestContext, itemIndex: number | undefined): Promise<ConnectionSettings> {
	const credentials: ICredentialDataDecryptedObject = await (
		ctx as IExecuteFunctions
	).getCredentials(CREDENTIAL_TYPE, itemIndex ?? 0);
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(credentials.baseUrl);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as UrlBuildError).message, { itemIndex });
	}
	// Refused before any request: a zone Luxon cannot read would send "Invalid DateTime" as a value.
	const serverTimeZone = luxonZone(credentials.timeZone);
	if (serverTimeZone === undefined) {
		const error = new NodeOperationError(ctx.getNode(), zoneProblem(credentials.timeZone)!, {
			itemIndex,
			description: 'Set Server Time Zone in the CRM Lead credential to the zone the server writes its timestamps in',
		});
		throw markErrorKind(error, 'invalidValue');
	}
	return {
		credentials,
		baseUrl,
		serverTimeZone,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		auth: { mode: authenticationMode(credentials), tenant: hasTenant(credentials) },
	};
}

export async function connectionSettings(ctx: RequestContext, itemIndex?: number): Promise<ConnectionSettings> {
	let pending = settingsCache.get(ctx);
	if (!pending) {
		pending = loadSettings(ctx, itemIndex);
		settingsCache.set(ctx, pending);
		pending.catch(() => settingsCache.delete(ctx));
	}
	return await pending;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set<IHttpRequestMethods>(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Wait before the next attempt: Retry-After (seconds or HTTP date) when given, else exponential. */
export function retryDelayMs(failure: HttpFailure, attempt: number, policy: RequestPolicy, now = Date.now()): number {
	const header = failure.headers['retry-after'];
	let wait = 500 * 2 ** attempt;
	if (header !== undefined) {
		const seconds = Number(header);
		if (Number.isFinite(seconds)) wait = seconds * 1000;
		else if (!Number.isNaN(Date.parse(header))) wait = Date.parse(header) - now;
	}
	return Math.min(Math.max(wait, 0), policy.maxRetryWaitMs);
}

function shouldRetry(failure: HttpFailure, req: CrmRequest, policy: RequestPolicy, attempt: number): boolean {
	if (attempt >= policy.maxRetries) return false;
	// A busy login: the call itself was never sent, so it may go again whatever it is.
	if (failure.loginCause === 'busy') return true;
	if (failure.status === undefined || !RETRYABLE_STATUSES.has(failure.status)) return false;
	return IDEMPOTENT_METHODS.has(req.method) || req.idempotent === true || policy.retryNonIdempotent;
}

/**
 * After a 401 in User Name & Password mode: empties the stored token, so that n8n calls the
 * credential's login (preAuthentication) before the request is sent again and stores the new
 * token. A token another request has already renewed since this one was sent is kept as it is.
 */
function renewSessionToken(credentials: ICredentialDataDecryptedObject, sentToken: unknown): void {
	if (!sentToken || credentials.sessionToken === sentToken) credentials.sessionToken = '';
}

/** The answer of a call whose status was fine: status, lower-cased headers and the body's bytes (read within the limit). */
interface Answer {
	status: number;
	headers: Record<string, string>;
	bytes: Buffer;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

function lowerCaseHeaders(raw: Record<string, unknown> | undefined): Record<string, string> {
	// fromEntries: a header a server names `__proto__` stays an own entry.
	return Object.fromEntries(Object.entries(raw ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]));
}

/** n8n's cancel signal for the running execution, where the context has one. */
function cancelSignalOf(ctx: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/** Why a body that had started to arrive could not be read. */
function unreadBody(error: unknown, deadline: RequestDeadline): AnswerProblem {
	if (error instanceof AnswerTooLarge) return { problem: 'tooLarge', limit: error.limit };
	return deadline.exceeded ? { problem: 'timedOut' } : { problem: 'cutOff' };
}

/** One call as the error messages see it; `fail` turns a failure into the clean NodeApiError the node throws. */
class CallFailures {
	constructor(
		private readonly ctx: RequestContext,
		private readonly req: CrmRequest,
		private readonly policy: RequestPolicy,
		private readonly settings: ConnectionSettings,
		private readonly url: string,
	) {}

	/** The credential's secrets, scrubbed from every text of an error (read only when a call fails). */
	get secrets(): string[] {
		return credentialSecrets(this.settings.credentials);
	}

	/** A server's text for a description: scrubbed of the secrets first, then cut. */
	excerpt(text: string, max: number): string {
		return serverExcerpt(text, max, this.secrets);
	}

	fail(failure: HttpFailure, refusedAfterLogin = false): NodeApiError {
		const { req, settings } = this;
		const context = {
			itemIndex: req.itemIndex,
			operation: req.operation,
			recordKey: req.recordKey,
			subject: req.subject,
			secrets: this.secrets,
			timeoutMs: this.policy.timeoutMs,
			auth: settings.auth,
			writes: req.changesData ?? req.method !== 'GET',
			url: this.url,
			baseUrl: settings.baseUrl,
		};
		return toNodeApiError(this.ctx.getNode(), failure, context, refusedAfterLogin ? freshTokenRefused(context) : undefined);
	}
}

async function sendWithRetries(
	ctx: RequestContext,
	req: CrmRequest,
	options: IHttpRequestOptions,
	policy: RequestPolicy,
	settings: ConnectionSettings,
	failures: CallFailures,
	limit: number,
): Promise<Answer> {
	const { credentials } = settings;
	const additionalCredentialOptions = {
		credentialsDecrypted: { id: '', name: CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data: credentials },
		// n8n answers a 401 by logging in and resending, but cannot tell which token the refused
		// request carried: with Batching, every request refused at an expiry would log in again.
		// renewSessionToken() below does it once per expiry.
		preAuthenticationRetryStatusCode: [],
	};
	// The token this call last saw refused: each expiry renews once, a token refused twice is final.
	let refusedToken: unknown;
	for (let attempt = 0; ; ) {
		if (settings.freshTokenRefused) throw failures.fail(settings.freshTokenRefused, true);
		// Empty: n8n logs in (or joins the login in flight) for this very call.
		const sentToken = credentials.sessionToken;
		// Per attempt: the clock starts in the credential's authenticate(), when the request is sent.
		const deadline = new RequestDeadline(policy.timeoutMs, cancelSignalOf(ctx));
		deadline.attach(options);
		let response: RawResponse | undefined;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
				additionalCredentialOptions,
			)) as RawResponse;
			const headers = lowerCaseHeaders(response.headers);
			return { status: response.statusCode, headers, bytes: await readBody(response.body, limit) };
		} catch (error) {
			if (response) {
				// The status was fine; the body was too large, cut off or late.
				throw failures.fail({ status: response.statusCode, headers: {}, body: undefined, answer: unreadBody(error, deadline) });
			}
			// An error answer (4xx, 5xx, a redirect) comes as a stream too: read it within the limit first.
			await settleErrorBody(error, limit);
			// An answer that came is judged by its status even when its body ran out of time.
			const answered = readHttpFailure(error);
			const failure: HttpFailure = answered.status === undefined && deadline.exceeded ? { headers: {}, body: undefined, code: 'ETIMEDOUT' } : answered;
			if (failure.status === 401 && settings.auth.mode === 'password') {
				if (!sentToken) {
					settings.freshTokenRefused = failure;
					throw failures.fail(failure, true);
				}
				if (sentToken !== refusedToken) {
					refusedToken = sentToken;
					renewSessionToken(credentials, sentToken);
					continue;
				}
			}
			if (shouldRetry(failure, req, policy, attempt)) {
				await sleep(retryDelayMs(failure, attempt++, policy));
				continue;
			}
			throw failures.fail(failure);
		} finally {
			deadline.finish();
		}
	}
}

/** The JSON value of an answer, parsed once and checked for the shape the operation reads; anything else is a `server` error. */
function checkedJson(answer: Answer, req: CrmRequest, failures: CallFailures): unknown {
	const parsed = parseAnswer(answer.bytes);
	let problem: AnswerProblem | undefined;
	let value: unknown = null;
	if (parsed.empty) {
		if (req.answer !== 'any') problem = { problem: 'shape', came: 'an empty body', expected: expectedAnswer(req.answer) };
	} else if (!parsed.ok) {
		problem = { problem: 'notJson', html: isHtml(parsed.text), excerpt: failures.excerpt(parsed.text, 120) };
	} else {
		value = parsed.value;
		const came = shapeProblem(req.answer, value, (text) => failures.excerpt(text, 80));
		if (came !== undefined) problem = { problem: 'shape', came, expected: expectedAnswer(req.answer) };
	}
	if (problem) throw failures.fail({ status: answer.status, headers: answer.headers, body: undefined, answer: problem });
	return value;
}

/**
 * The one place that talks HTTP — and the one door for what comes back. Here a request's origin is
 * fixed (the Base URL's; redirects are never followed), its time is bounded (a deadline for the
 * whole exchange, body included), its answer's size is bounded while it streams in, and the
 * answer is checked against what the operation reads (`answer`) before any operation sees it.
 */
export async function crmRequest<T = unknown>(ctx: RequestContext, req: CrmRequest): Promise<CrmResponse<T>> {
	const settings = await connectionSettings(ctx, req.itemIndex);
	const policy = req.policy ?? DEFAULT_POLICY;
	let url: string;
	try {
		url = buildUrl(settings.baseUrl, req.path);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as UrlBuildError).message, { itemIndex: req.itemIndex });
	}
	const file = req.answer === 'file';
	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		qs: req.qs,
		// A plain object or array is sent as JSON (axios); a Buffer (multipart) as it is.
		body: req.body as IHttpRequestOptions['body'],
		headers: { Accept: file ? '*/*' : 'application/json', ...req.headers },
		returnFullResponse: true,
		timeout: policy.timeoutMs,
		skipSslCertificateValidation: settings.skipSslCertificateValidation,
		// Never followed: the token, the tenant headers and the data stay at the Base URL's address
		// (the credential's authenticate() sets this for every request too; redirect.ts says why).
		disableFollowRedirect: true,
		// Read here, within the size limit and the deadline, and parsed once.
		encoding: 'stream',
	};
	const failures = new CallFailures(ctx, req, policy, settings, url);
	const limit = policy.maxAnswerBytes ?? (file ? FILE_ANSWER_LIMIT : JSON_ANSWER_LIMIT);
	const answer = await sendWithRetries(ctx, req, options, policy, settings, failures, limit);
	const body = file ? answer.bytes : checkedJson(answer, req, failures);
	return { status: answer.status, headers: answer.headers, body: body as T };
}
