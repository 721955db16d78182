import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { buildUrl, normalizeBaseUrl, UrlBuildError } from '../../../credentials/common/baseUrl';
import { authenticationMode, credentialSecrets, hasTenant } from '../../../credentials/common/authHeaders';
import { toNodeApiError } from './apiError';
import { freshTokenRefused, markErrorKind } from './errorKinds';
import { readHttpFailure, type AuthContext, type HttpFailure } from '../../../credentials/common/httpFailure';
import { parseJson } from '../fields/convert';
import { serverExcerpt } from '../../../credentials/common/serverText';
import { luxonZone, zoneProblem } from '../../../credentials/common/serverTimeZone';

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
	/** Return the body as a Buffer (files) instead of parsed JSON. */
	binary?: boolean;
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

/** Parses a JSON body that arrived as text; a body that is not JSON is an API error, not data. */
function parseJsonBody(ctx: RequestContext, req: CrmRequest, status: number, body: unknown, secrets: readonly string[]): unknown {
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return null;
	const parsed = parseJson(body);
	if (parsed.ok) return parsed.value;
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: 'The server sent a response that is not valid JSON', httpCode: String(status) },
		{
			message: 'The server sent a response that is not valid JSON',
			description: `${req.operation}: expected JSON with HTTP ${status}, got ${JSON.stringify(serverExcerpt(body, 120, secrets))}`,
			itemIndex: req.itemIndex,
		},
	);
	throw markErrorKind(error, 'server');
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

async function sendWithRetries(
	ctx: RequestContext,
	req: CrmRequest,
	options: IHttpRequestOptions,
	policy: RequestPolicy,
	settings: ConnectionSettings,
): Promise<RawResponse> {
	const { credentials } = settings;
	const additionalCredentialOptions = {
		credentialsDecrypted: { id: '', name: CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data: credentials },
		// n8n answers a 401 by logging in and resending, but cannot tell which token the refused
		// request carried: with Batching, every request refused at an expiry would log in again.
		// renewSessionToken() below does it once per expiry.
		preAuthenticationRetryStatusCode: [],
	};
	const fail = (failure: HttpFailure, refusedAfterLogin = false) => {
		const context = {
			itemIndex: req.itemIndex,
			operation: req.operation,
			recordKey: req.recordKey,
			subject: req.subject,
			secrets: credentialSecrets(settings.credentials),
			timeoutMs: policy.timeoutMs,
			auth: settings.auth,
		};
		return toNodeApiError(ctx.getNode(), failure, context, refusedAfterLogin ? freshTokenRefused(context) : undefined);
	};
	// The token this call last saw refused: each expiry renews once, a token refused twice is final.
	let refusedToken: unknown;
	for (let attempt = 0; ; ) {
		if (settings.freshTokenRefused) throw fail(settings.freshTokenRefused, true);
		// Empty: n8n logs in (or joins the login in flight) for this very call.
		const sentToken = credentials.sessionToken;
		try {
			return (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
				additionalCredentialOptions,
			)) as RawResponse;
		} catch (error) {
			const failure = readHttpFailure(error);
			if (failure.status === 401 && settings.auth.mode === 'password') {
				if (!sentToken) {
					settings.freshTokenRefused = failure;
					throw fail(failure, true);
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
			throw fail(failure);
		}
	}
}

/** The one place that talks HTTP: URL building, auth through n8n's helper, retries, clean errors. */
export async function crmRequest<T = unknown>(ctx: RequestContext, req: CrmRequest): Promise<CrmResponse<T>> {
	const settings = await connectionSettings(ctx, req.itemIndex);
	const policy = req.policy ?? DEFAULT_POLICY;
	let url: string;
	try {
		url = buildUrl(settings.baseUrl, req.path);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as UrlBuildError).message, { itemIndex: req.itemIndex });
	}
	// A JSON body with a file answer is serialised here: `json: true` would also parse the answer.
	const jsonBodyForFile = req.binary && req.body !== undefined && !Buffer.isBuffer(req.body);
	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		qs: req.qs,
		body: (jsonBodyForFile ? JSON.stringify(req.body) : req.body) as IHttpRequestOptions['body'],
		headers: {
			Accept: req.binary ? '*/*' : 'application/json',
			...(jsonBodyForFile ? { 'Content-Type': 'application/json' } : {}),
			...req.headers,
		},
		json: !req.binary && !Buffer.isBuffer(req.body),
		returnFullResponse: true,
		timeout: policy.timeoutMs,
		skipSslCertificateValidation: settings.skipSslCertificateValidation,
		...(req.binary ? { encoding: 'arraybuffer' as const } : {}),
	};
	const response = await sendWithRetries(ctx, req, options, policy, settings);
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(response.headers ?? {})) headers[key.toLowerCase()] = String(value);
	const body = req.binary
		? Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(response.body as ArrayBuffer)
		: parseJsonBody(ctx, req, response.statusCode, response.body, credentialSecrets(settings.credentials));
	return { status: response.statusCode, headers, body: body as T };
}
