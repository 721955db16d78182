/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The check's HTTP client: every request has a bounded timeout, never follows redirects (so the
 * token cannot travel to another host), never throws on an HTTP status, and never puts a header,
 * a token or a stack into an error message.
 */
import axios, { type AxiosRequestConfig } from 'axios';

export type Auth = { kind: 'token'; token: string } | { kind: 'none' };

/** The tenant headers (srfsystemid, srforgid) a cloud server wants from an ordinary user. */
export interface TenantHeaders {
	srfsystemid?: string;
	srforgid?: string;
}

export interface ApiRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Path segments below the base URL; each is percent-encoded. */
	path: readonly string[];
	/** An absolute URL instead of `path` (the login). */
	url?: string;
	query?: Record<string, string>;
	/** JSON body (any JSON value, `false` and `null` included). */
	json?: unknown;
	/** Multipart body: one file part. */
	file?: { field: string; name: string; type: string; data: Buffer };
	/** Default: the client's token. */
	auth?: Auth;
	/** Send the client's tenant headers (default: whenever a token is sent). */
	tenant?: boolean;
}

export interface ApiResponse {
	status: number;
	/** Lower-cased names. */
	headers: Record<string, string>;
	body: Buffer;
	text: string;
	/** The body parsed as JSON, or undefined when it is empty or not JSON. */
	json: unknown;
	/** True when the body is non-empty JSON. */
	isJson: boolean;
}

/** A request that got no (complete) answer. The message is safe to print. */
export class RequestFailed extends Error {
	constructor(
		message: string,
		readonly code: string | undefined,
	) {
		super(message);
		this.name = 'RequestFailed';
	}
}

/** The run was stopped (time budget used up, or interrupted); the request was not sent. */
export class RunStopped extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'RunStopped';
	}
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ApiClientOptions {
	baseUrl: string;
	token: string;
	/** Header that carries the token (default Authorization). */
	tokenHeader?: string;
	/** Text before the token (default Bearer; '' = the bare token). */
	tokenPrefix?: string;
	/** Sent with every token-carrying request unless the request says otherwise. */
	tenant?: TenantHeaders;
	timeoutMs: number;
	/** Epoch ms after which no request is sent (undefined = no budget). */
	deadline?: number;
	/** Once aborted, no request is sent and requests under way are abandoned. */
	signal?: AbortSignal;
}

export class ApiClient {
	private readonly base: string;

	constructor(private readonly options: ApiClientOptions) {
		this.base = options.baseUrl.replace(/\/+$/, '');
	}

	/** The same server and token, without time budget or abort signal (for the cleanup). */
	withoutDeadline(): ApiClient {
		return new ApiClient({ ...this.options, deadline: undefined, signal: undefined });
	}

	/** The same server with another token (the one a login answered). */
	withToken(token: string): ApiClient {
		return new ApiClient({ ...this.options, token });
	}

	/** The token the client sends by default (for redaction and the expired-token check). */
	get token(): string {
		return this.options.token;
	}

	url(path: readonly string[], query?: Record<string, string>): string {
		const encoded = path.map((segment) => encodeURIComponent(segment)).join('/');
		const qs = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
		return `${this.base}/${encoded}${qs}`;
	}

	async send(request: ApiRequest): Promise<ApiResponse> {
		if (this.options.signal?.aborted) throw new RunStopped('interrupted');
		if (this.options.deadline !== undefined && Date.now() > this.options.deadline) throw new RunStopped('the time budget (--max-duration) ran out');
		const auth = request.auth ?? { kind: 'token', token: this.options.token };
		const headers: Record<string, string> = { Accept: 'application/json, */*;q=0.8' };
		if (auth.kind === 'token') {
			const prefix = (this.options.tokenPrefix ?? 'Bearer').trim();
			headers[this.options.tokenHeader ?? 'Authorization'] = prefix ? `${prefix} ${auth.token}` : auth.token;
		}
		if (request.tenant ?? auth.kind === 'token') Object.assign(headers, definedOnly(this.options.tenant));

		let data: unknown;
		if (request.file) {
			const form = new FormData();
			form.append(request.file.field, new Blob([new Uint8Array(request.file.data)], { type: request.file.type }), request.file.name);
			data = form;
		} else if ('json' in request) {
			headers['Content-Type'] = 'application/json';
			data = JSON.stringify(request.json);
		}

		const config: AxiosRequestConfig = {
			method: request.method,
			url: request.url ?? this.url(request.path, request.query),
			headers,
			data,
			responseType: 'arraybuffer',
			// Strings pass through as they are: the body was serialised above.
			transformRequest: [(body: unknown) => body],
			validateStatus: () => true,
			maxRedirects: 0,
			timeout: this.options.timeoutMs,
			// Bounds the whole exchange, not just socket inactivity.
			signal: this.options.signal
				? AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.options.signal])
				: AbortSignal.timeout(this.options.timeoutMs),
			maxContentLength: MAX_BODY_BYTES,
			maxBodyLength: MAX_BODY_BYTES,
		};
		try {
			const response = await axios.request<ArrayBuffer>(config);
			return toApiResponse(response.status, response.headers as Record<string, unknown>, Buffer.from(response.data ?? new ArrayBuffer(0)));
		} catch (error) {
			if (this.options.signal?.aborted) throw new RunStopped('interrupted');
			throw describeFailure(error, this.options.timeoutMs);
		}
	}
}

function definedOnly(tenant: TenantHeaders | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(tenant ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

function toApiResponse(status: number, rawHeaders: Record<string, unknown>, body: Buffer): ApiResponse {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(rawHeaders ?? {})) {
		if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	const text = body.toString('utf8');
	let json: unknown;
	let isJson = false;
	if (text.trim() !== '') {
		try {
			json = JSON.parse(text) as unknown;
			isJson = true;
		} catch {
			json = undefined;
		}
	}
	return { status, headers, body, text, json, isJson };
}

/** Only the error code and a fixed sentence: axios errors carry the request config (and token). */
function describeFailure(error: unknown, timeoutMs: number): RequestFailed {
	const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
	const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : '';
	if (/maxContentLength|maxBodyLength/.test(message)) return new RequestFailed(`the answer is larger than ${MAX_BODY_BYTES} bytes`, code);
	const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
		case 'ERR_CANCELED':
			return new RequestFailed(`no complete answer within ${seconds}`, code);
		case 'ECONNREFUSED':
			return new RequestFailed('connection refused', code);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return new RequestFailed('host not found', code);
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ERR_BAD_RESPONSE':
			return new RequestFailed('the connection closed before the answer was complete', code);
		case 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED':
			return new RequestFailed(`the answer is larger than ${MAX_BODY_BYTES} bytes`, code);
		default:
			if (code && /^(CERT_|ERR_TLS|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return new RequestFailed(`TLS error (${code})`, code);
			return new RequestFailed(code ? `the request failed (${code})` : 'the request failed before the server answered', code);
	}
}
