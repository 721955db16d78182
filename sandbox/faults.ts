/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Fault injection: misbehaviours a real deployment (or the proxy in front of it) shows, so the
 * node's retry, paging and error handling can be tested against them.
 */
import type { ServerResponse } from 'node:http';
import { ApiError, badRequest, internalError } from './apiErrors';
import { FAULT_MODES, type FaultMode, type FaultSpec } from './faultSpec';
import { sendBytes, sendJson } from './http';
import { HOSTILE_FAULTS } from './hostileAnswers';

export { FAULT_MODES, type FaultMode, type FaultSpec } from './faultSpec';

/** Faults that bend fetch_default's paging. */
export const LIST_FAULTS: readonly FaultMode[] = ['ignore-page', 'ignore-sort', 'lie-x-total', 'silent-page-cap', 'no-paging-headers', 'wrong-paging-headers', 'huge-page'];

/** The page size a `silent-page-cap` server serves, whatever was asked, without saying so. */
export const SILENT_PAGE_CAP = 100;

/**
 * Faults that only add to the response, whatever it is: `x-message` sets the header cloud's
 * MethodHandlerBase.sendBack fills from the action's info text (combine it with e.g.
 * status-500-empty to test an error that explains itself only there).
 */
export const DECORATING_FAULTS: readonly FaultMode[] = ['x-message'];

/**
 * Faults that only hold a request back (`slow-answer`, `delayMs`): a request sent first can then
 * be written after one sent later, as on a server whose threads race.
 */
export const DELAYING_FAULTS: readonly FaultMode[] = ['slow-answer'];

/**
 * Faults in what check_key answers: `check-key-boolean` answers `true` for an existing key and
 * `false` otherwise, as a service whose check_key returns a Boolean would (not iBiz's 0/1/2).
 */
export const CHECK_KEY_FAULTS: readonly FaultMode[] = ['check-key-boolean'];

/** Faults that replace the whole response before routing: all but the paging, download, decorating, hostile and check_key ones. */
export const TRANSPORT_FAULTS: readonly FaultMode[] = FAULT_MODES.filter(
	(mode) =>
		!LIST_FAULTS.includes(mode) &&
		mode !== 'download-cut' &&
		mode !== 'answer-cut' &&
		!DECORATING_FAULTS.includes(mode) &&
		!DELAYING_FAULTS.includes(mode) &&
		!HOSTILE_FAULTS.includes(mode) &&
		!CHECK_KEY_FAULTS.includes(mode),
);

export function parseFaultSpec(input: unknown): FaultSpec {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) throw badRequest('A fault must be a JSON object', 'invalid_fault');
	const raw = input as Record<string, unknown>;
	if (!FAULT_MODES.includes(raw.mode as FaultMode)) {
		throw badRequest(`Unknown fault mode ${JSON.stringify(raw.mode)}; known: ${FAULT_MODES.join(', ')}`, 'invalid_fault');
	}
	const spec: FaultSpec = { mode: raw.mode as FaultMode };
	if (raw.times !== undefined && raw.times !== null) {
		if (typeof raw.times !== 'number' || !Number.isInteger(raw.times) || raw.times < 1) throw badRequest(`'times' must be a positive integer`, 'invalid_fault');
		spec.times = raw.times;
	}
	if (raw.pathIncludes !== undefined && raw.pathIncludes !== null) {
		if (typeof raw.pathIncludes !== 'string') throw badRequest(`'pathIncludes' must be a string`, 'invalid_fault');
		spec.pathIncludes = raw.pathIncludes;
	}
	if (raw.retryAfter !== undefined && raw.retryAfter !== null) {
		if (typeof raw.retryAfter !== 'number' || raw.retryAfter < 0) throw badRequest(`'retryAfter' must be a number of seconds >= 0`, 'invalid_fault');
		spec.retryAfter = raw.retryAfter;
	}
	if (raw.message !== undefined && raw.message !== null) {
		if (typeof raw.message !== 'string') throw badRequest(`'message' must be a string`, 'invalid_fault');
		spec.message = raw.message;
	}
	if (raw.status !== undefined && raw.status !== null) {
		if (typeof raw.status !== 'number' || !Number.isInteger(raw.status) || raw.status < 200 || raw.status > 599) throw badRequest(`'status' must be an HTTP status from 200 to 599`, 'invalid_fault');
		spec.status = raw.status;
	}
	if (raw.delayMs !== undefined && raw.delayMs !== null) {
		if (typeof raw.delayMs !== 'number' || raw.delayMs < 0) throw badRequest(`'delayMs' must be a number of milliseconds >= 0`, 'invalid_fault');
		spec.delayMs = raw.delayMs;
	}
	if (raw.after !== undefined && raw.after !== null) {
		if (typeof raw.after !== 'number' || !Number.isInteger(raw.after) || raw.after < 0) throw badRequest(`'after' must be an integer >= 0`, 'invalid_fault');
		spec.after = raw.after;
	}
	if (raw.totalOffset !== undefined && raw.totalOffset !== null) {
		if (typeof raw.totalOffset !== 'number' || !Number.isInteger(raw.totalOffset)) throw badRequest(`'totalOffset' must be an integer`, 'invalid_fault');
		spec.totalOffset = raw.totalOffset;
	}
	if (raw.pageCap !== undefined && raw.pageCap !== null) {
		if (typeof raw.pageCap !== 'number' || !Number.isInteger(raw.pageCap) || raw.pageCap < 1) throw badRequest(`'pageCap' must be a positive integer`, 'invalid_fault');
		spec.pageCap = raw.pageCap;
	}
	return spec;
}

interface ActiveFault {
	spec: FaultSpec;
	remaining: number;
	/** Matching requests still to let through before the first hit (`after`). */
	passing: number;
}

export class FaultRegistry {
	private active: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		const checked = parseFaultSpec(spec);
		this.active.push({ spec: checked, remaining: checked.times ?? Number.POSITIVE_INFINITY, passing: checked.after ?? 0 });
	}

	clear(): void {
		this.active = [];
	}

	list(): FaultSpec[] {
		return this.active.map((f) => ({ ...f.spec }));
	}

	/**
	 * Consumes one hit of the first active fault among `modes` whose pathIncludes matches and that
	 * has let its `after` matching requests through; each matching fault still letting requests
	 * through counts this one.
	 */
	take(modes: readonly FaultMode[], rawPath: string): FaultSpec | undefined {
		const decodedPath = safeDecode(rawPath);
		const matching = this.active.filter(
			(f) =>
				modes.includes(f.spec.mode) &&
				(f.spec.pathIncludes === undefined || rawPath.includes(f.spec.pathIncludes) || decodedPath.includes(f.spec.pathIncludes)),
		);
		const hit = matching.find((f) => f.passing === 0);
		for (const f of matching) if (f.passing > 0) f.passing -= 1;
		if (!hit) return undefined;
		hit.remaining -= 1;
		if (hit.remaining <= 0) this.active = this.active.filter((f) => f !== hit);
		return hit.spec;
	}
}

function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

/** Java's URLEncoder.encode(text, "UTF-8"): form encoding, so a space becomes '+'. */
export function javaUrlEncode(text: string): string {
	return encodeURIComponent(text)
		.replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

/** Sets the x-message header for an `x-message` fault (before anything is written). */
export function applyDecoratingFault(res: ServerResponse, fault: FaultSpec): void {
	res.setHeader('x-message', javaUrlEncode(fault.message ?? 'Injected x-message'));
}

/** Writes the faulty response (or, for `hang`, nothing at all: close() ends the socket). */
export function applyTransportFault(res: ServerResponse, fault: FaultSpec, sendError: (error: ApiError) => void): void {
	const retryAfter: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
	switch (fault.mode) {
		case 'status-500':
			return sendError(internalError('Injected fault: internal server error'));
		case 'status-500-empty':
			return sendBytes(res, 500, Buffer.alloc(0), {});
		case 'status-502':
			return sendBytes(res, 502, gatewayPage(502, 'Bad Gateway'), { 'Content-Type': 'text/html', ...retryAfter });
		case 'status-504':
			return sendBytes(res, 504, gatewayPage(504, 'Gateway Time-out'), { 'Content-Type': 'text/html', ...retryAfter });
		case 'status-503':
			return sendError(new ApiError(503, 'unavailable', 'Injected fault: service unavailable', '服务不可用', { headers: retryAfter, framework: true }));
		case 'status-429':
			return sendError(
				new ApiError(429, 'too_many_requests', 'Injected fault: rate limit exceeded', '请求过于频繁', {
					headers: { 'Retry-After': String(fault.retryAfter ?? 1) },
					framework: true,
				}),
			);
		case 'html-error':
			return sendBytes(res, 500, Buffer.from('<!DOCTYPE html><html><body><h1>Whitelabel Error Page</h1><p>There was an unexpected error (type=Internal Server Error, status=500).</p></body></html>'), {
				'Content-Type': 'text/html;charset=UTF-8',
			});
		case 'malformed-json':
			return sendBytes(res, 200, Buffer.from('{"id": '), { 'Content-Type': 'application/json' });
		case 'truncated-json': {
			const partial = Buffer.from('[{"id":"truncated","name":"cut off');
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': partial.length * 4 });
			res.write(partial, () => res.destroy());
			return;
		}
		case 'status-500-text':
			return sendBytes(res, 500, Buffer.from('Oops: the backend fell over'), { 'Content-Type': 'text/plain' });
		case 'unknown-error-code':
			// A type and code no iBiz version sends (cloud), a status and key no client knows (classic).
			return sendError(
				new ApiError(418, 'something_new', 'Injected fault: an error this client has never seen', '新的错误类型', {
					cloud: { type: 'SomethingNewException', code: 42, message: '新的错误类型: injected fault' },
				}),
			);
		case 'control-characters':
			return sendError(internalError('Injected\u0000 fault\u001b[31m with\r\ncontrol\u0007 characters\u009b'));
		case 'huge-message':
			return sendError(internalError(`Injected fault: ${'很长的错误信息 '.repeat(12_500)}`));
		case 'no-endpoint':
			// A server without this route (e.g. one without the import status call): Spring Boot's own 404.
			return sendError(new ApiError(404, 'not_found', 'No endpoint for this path', '未找到', { framework: true }));
		case 'hang':
			return;
		default:
			return sendJson(res, 500, { error: `fault ${fault.mode} is not a transport fault` });
	}
}

function gatewayPage(status: number, text: string): Buffer {
	return Buffer.from(`<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
}
