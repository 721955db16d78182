/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Just enough HTTP on node:http: a router that matches RAW path segments (so `%2F` inside a key
 * never splits it) and decodes parameters once, plus body readers and response writers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, malformedRequest } from './apiErrors';
import type { FaultMode, FaultSpec } from './faultSpec';
import type { TenantHeaders } from './tenant';

export type Permission = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE';
/** What a route requires: a permission, or nothing at all (the login). */
export type Access = Permission | 'PUBLIC';

export interface RequestLogEntry {
	method: string;
	/** Raw (still percent-encoded) path, basePath included, no query string. */
	path: string;
	rawUrl: string;
	query: Record<string, string>;
	/** 0 until the response head is written (stays 0 for hung requests). */
	status: number;
	/** The srfsystemid / srforgid headers as sent (only those present). */
	tenant: TenantHeaders;
	/** A user name, 'token', 'read-only-token', or undefined when unauthenticated. Never a secret. */
	principal?: string;
	/** The JSON body as sent, when the sandbox logs bodies (SandboxOptions.logBodies). */
	body?: string;
}

export interface RequestContext {
	req: IncomingMessage;
	res: ServerResponse;
	query: Record<string, string>;
	/** Decoded route parameters. */
	params: Record<string, string>;
	/** Consumes one hit of the first active fault of these modes matching this request. */
	takeFault(modes: readonly FaultMode[]): FaultSpec | undefined;
	/** Names the caller in the request log (the login names the user it is for). */
	setPrincipal(name: string | undefined): void;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
	method: string;
	pattern: string[];
	access: Access;
	handler: Handler;
	/** Literal segments count: Spring prefers literal paths over templates, so do we. */
	specificity: number;
}

export type RouteMatch =
	| { kind: 'found'; route: Route; params: Record<string, string> }
	| { kind: 'method-not-allowed'; allowed: string[] }
	| { kind: 'not-found' };

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, path: string, access: Access, handler: Handler): this {
		const pattern = path.split('/').filter((s) => s !== '');
		const specificity = pattern.filter((s) => !s.startsWith(':')).length;
		this.routes.push({ method, pattern, access, handler, specificity });
		return this;
	}

	match(method: string, segments: readonly string[]): RouteMatch {
		const candidates: Array<{ route: Route; params: Record<string, string> }> = [];
		for (const route of this.routes) {
			const params = matchPattern(route.pattern, segments);
			if (params) candidates.push({ route, params });
		}
		const forMethod = candidates.filter((c) => c.route.method === method);
		if (forMethod.length === 0) {
			return candidates.length > 0 ? { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] } : { kind: 'not-found' };
		}
		const best = forMethod.reduce((a, b) => (b.route.specificity > a.route.specificity ? b : a));
		return { kind: 'found', route: best.route, params: best.params };
	}
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
	if (pattern.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) {
			if (segments[i] === '') return undefined;
			params[pattern[i].slice(1)] = decodeSegment(segments[i]);
		} else if (pattern[i] !== segments[i]) {
			return undefined;
		}
	}
	return params;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw malformedRequest(`Malformed percent-encoding in path segment '${segment}'`, 'bad_path');
	}
}

/** Splits a raw path into segments; a trailing slash is tolerated, empty middle segments are kept. */
export function splitRawPath(rawPath: string): string[] {
	const trimmed = rawPath.replace(/^\/+/, '').replace(/\/$/, '');
	return trimmed === '' ? [] : trimmed.split('/');
}

/** First value wins for repeated parameters, like Spring's single-valued binding. */
export function parseQuery(rawQuery: string): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(rawQuery)) {
		if (!(name in query)) query[name] = value;
	}
	return query;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Bodies read before routing (to log them): the route reads the same bytes. */
const readAheadBodies = new WeakMap<IncomingMessage, Promise<Buffer>>();

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return readAheadBodies.get(req) ?? readStream(req);
}

/** Reads the body now; a later readBody() of the same request gets it. */
export function readAhead(req: IncomingMessage): Promise<Buffer> {
	const body = readStream(req);
	readAheadBodies.set(req, body);
	return body;
}

function readStream(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const collect = (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				// Stop keeping the body but keep reading it, so the 413 can still be answered.
				req.off('data', collect);
				req.resume();
				reject(new ApiError(413, 'payload_too_large', `Request body exceeds ${MAX_BODY_BYTES} bytes`, '请求体过大', { framework: true }));
				return;
			}
			chunks.push(chunk);
		};
		req.on('data', collect);
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The JSON body, or undefined when the body is empty. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
	const text = (await readBody(req)).toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw malformedRequest(`Malformed JSON request body: ${(error as Error).message}`, 'malformed_json');
	}
}

/** The JSON body as an object; `required` makes an empty body a 400. */
export async function readJsonObject(req: IncomingMessage, required: boolean): Promise<Record<string, unknown>> {
	return jsonObjectOf(await readJson(req), required);
}

/** A parsed body (or one item of an array body) as an object; undefined = empty body. */
export function jsonObjectOf(body: unknown, required: boolean): Record<string, unknown> {
	if (body === undefined) {
		if (required) throw malformedRequest('A JSON request body is required', 'missing_body');
		return {};
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformedRequest('The request body must be a JSON object', 'bad_body');
	return body as Record<string, unknown>;
}

export function sendBytes(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string | number>): void {
	res.writeHead(status, { ...headers, 'Content-Length': body.length });
	res.end(body);
}

/** JSON answers rewritten before they are sent (the `hostile-keys` fault, hostileAnswers.ts). */
const jsonRewrites = new WeakMap<ServerResponse, (body: unknown) => unknown>();

export function rewriteJsonAnswer(res: ServerResponse, rewrite: (body: unknown) => unknown): void {
	jsonRewrites.set(res, rewrite);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}): void {
	const rewrite = jsonRewrites.get(res);
	const sent = rewrite ? rewrite(body) : body;
	sendBytes(res, status, Buffer.from(JSON.stringify(sent), 'utf8'), { 'Content-Type': 'application/json', ...headers });
}

export interface FileResponse {
	body: Buffer;
	contentType: string;
	filename: string;
	headers?: Record<string, string | number>;
}

/** Sends a download; the `download-cut` fault sends the full Content-Length but half the bytes. */
export function sendFile(ctx: RequestContext, file: FileResponse): void {
	const exposed = ['Content-Disposition', ...Object.keys(file.headers ?? {})].join(', ');
	// The `file-name` fault: a hostile name as given, or no Content-Disposition at all.
	const named = ctx.takeFault(['file-name']);
	const disposition = named ? named.message : attachmentDisposition(file.filename);
	const headers = {
		'Content-Type': file.contentType,
		...(disposition === undefined ? {} : { 'Content-Disposition': disposition }),
		'Access-Control-Expose-Headers': exposed,
		...file.headers,
	};
	if (ctx.takeFault(['download-cut'])) {
		ctx.res.writeHead(200, { ...headers, 'Content-Length': file.body.length });
		ctx.res.write(file.body.subarray(0, Math.floor(file.body.length / 2)), () => ctx.res.destroy());
		return;
	}
	sendBytes(ctx.res, 200, file.body, headers);
}

/** `attachment; filename="…"` with an ASCII fallback and RFC 5987 UTF-8 name for anything else. */
export function attachmentDisposition(rawName: string): string {
	// Keys may contain path separators; a download name must not.
	const filename = rawName.replace(/[\\/]/g, '_');
	const ascii = filename.replace(/[^\x20-\x7e]|"/g, '_');
	if (ascii === filename) return `attachment; filename="${filename}"`;
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
