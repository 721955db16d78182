/** Outcome constructors and the small inspections the checks share. */
import type { ApiResponse } from './http';
import type { Outcome } from './types';

export const match = (info?: string): Outcome => ({ status: 'match', ...(info ? { info } : {}) });
export const differ = (seen: string, variant?: string, info?: string): Outcome => ({
	status: 'differ',
	seen,
	...(variant ? { variant } : {}),
	...(info ? { info } : {}),
});
export const skip = (reason: string): Outcome => ({ status: 'skipped', reason });

export type Json = Record<string, unknown>;

/** The contract's error body fields (entityName and errorKey are optional). */
export const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'message'] as const;

const WIRE_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function isWireTimestamp(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const m = WIRE_TIMESTAMP.exec(value);
	if (!m) return false;
	const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const is2xx = (res: ApiResponse): boolean => res.status >= 200 && res.status < 300;

/** A short, printable quote of a value. */
export function quote(value: unknown, max = 80): string {
	const text = value === undefined ? 'undefined' : typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
	return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * The server's own words from an error body: detail, message, title or error (the first present).
 * A classic BadRequestAlertException's `message` is an i18n key ("error.<key>") and its words are
 * the title, so such a message gives way to the title.
 */
export function serverWords(res: ApiResponse): string | undefined {
	if (isObject(res.json)) {
		const body = res.json;
		const i18nKey = typeof body.message === 'string' && /^error\.\S+$/.test(body.message) && typeof body.title === 'string';
		for (const key of i18nKey ? ['detail', 'title', 'message', 'error'] : ['detail', 'message', 'title', 'error']) {
			const value = body[key];
			if (typeof value === 'string' && value.trim() !== '') return value.trim();
		}
	}
	const text = res.text.trim();
	if (text === '' || /^</.test(text) || isBinary(res.body)) return undefined;
	return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** "HTTP 400: Unknown template …" / "HTTP 502 (text/html)": what a response was, in one line. */
export function describe(res: ApiResponse): string {
	const words = serverWords(res);
	if (words) return `HTTP ${res.status}: ${words}`;
	const type = res.headers['content-type'];
	return `HTTP ${res.status}${res.body.length === 0 ? ' with an empty body' : type ? ` (${type.split(';')[0]})` : ''}`;
}

/** Expected one status, got another: the standard "seen" text. */
export function unexpectedStatus(res: ApiResponse, expected: string): string {
	return `expected ${expected}, got ${describe(res)}`;
}

/** What is wrong with an error body, measured against the problem-details shape ([] = fine). */
export function problemShapeIssues(res: ApiResponse): string[] {
	if (!res.isJson || !isObject(res.json)) {
		return [`the body is not a JSON object (${res.body.length === 0 ? 'empty' : (res.headers['content-type'] ?? 'no Content-Type').split(';')[0]})`];
	}
	const issues: string[] = [];
	const missing = PROBLEM_FIELDS.filter((f) => res.json !== undefined && (res.json as Json)[f] === undefined);
	if (missing.length > 0) issues.push(`missing ${missing.join(', ')}`);
	const status = res.json.status;
	if (status !== undefined && Number(status) !== res.status) issues.push(`"status" is ${quote(status)} but the HTTP status is ${res.status}`);
	return issues;
}

/** All the text of an error answer (for "does it name the field?"). */
export function errorText(res: ApiResponse): string {
	return isBinary(res.body) ? '' : res.text;
}

export function isBinary(body: Buffer): boolean {
	return body.subarray(0, 512).includes(0);
}

export const startsWith = (body: Buffer, magic: string): boolean => body.subarray(0, magic.length).toString('latin1') === magic;

/** The file name of a Content-Disposition header: the node's own parser, so both read it alike. */
export { fileNameFromDisposition as dispositionFileName } from '../../nodes/CrmLead/actions/common/contentDisposition';

/** Deep equality of JSON values (object key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
	}
	if (isObject(a) && isObject(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
	}
	return false;
}

/** "a, b, c and 4 more" */
export function listSome(items: readonly string[], max = 6): string {
	if (items.length <= max) return items.join(', ');
	return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
