/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Answers from a server (or a proxy, WAF or gateway in front of it) that the node cannot trust
 * (issue 32): pages that echo the request — token, tenant headers, login body — in every encoding,
 * error bodies that name thousands of refused fields, records with keys that are not fields, and
 * download names chosen to leave a folder. Each is a fault mode (faultSpec.ts):
 *
 * - `echo-request` (status `status`, default 200): a text/plain page echoing the request's headers
 *   and body as they are, JSON-escaped, URL-encoded (both ways), as HTML references and in base64;
 * - `echo-request-json`: the flavour's refused-fields error (classic 400 `fieldErrors`, cloud 500
 *   `details`), whose message is that echo and whose field names are the request's header values
 *   and the body's strings;
 * - `many-fields`: the same error naming 2,001 fields of 600 characters each (over 1 MB);
 * - `hostile-keys`: every record in a JSON answer gains `__proto__`, `constructor` and `prototype`
 *   keys holding objects (a `polluted` field inside each);
 * - `file-name` (downloads only, applied in http.ts's sendFile): Content-Disposition is `message` as
 *   given, or left out without one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { ApiError, CLOUD_CODES, ENTITY_NAME, FIELD_ERROR_TYPES } from './apiErrors';
import { sendError } from './errorResponses';
import type { FaultMode, FaultSpec } from './faultSpec';
import type { Flavour } from './flavour';
import { readBody, sendBytes } from './http';

/** Faults that replace the whole answer (and read the request's body for it). */
export const ECHO_FAULTS: readonly FaultMode[] = ['echo-request', 'echo-request-json', 'many-fields'];
/** Every mode of this file, so the generic transport faults leave them alone. */
export const HOSTILE_FAULTS: readonly FaultMode[] = [...ECHO_FAULTS, 'hostile-keys', 'file-name'];

/** Headers a gateway would not bother to echo; everything else (token, tenant, custom headers) is. */
const PLAIN_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'user-agent', 'accept', 'content-type']);

interface Echo {
	/** The request's interesting header values and its body's strings. */
	values: string[];
	/** One line per header, then the body. */
	text: string;
}

async function echoOf(req: IncomingMessage): Promise<Echo> {
	const body = (await readBody(req)).toString('utf8');
	const headers = Object.entries(req.headers).filter(([name, value]) => !PLAIN_HEADERS.has(name) && typeof value === 'string') as Array<[string, string]>;
	const values = headers.map(([, value]) => value);
	try {
		collectStrings(JSON.parse(body), values);
	} catch {
		if (body) values.push(body);
	}
	return { values, text: [...headers.map(([name, value]) => `${name}: ${value}`), `body: ${body}`].join('\n') };
}

function collectStrings(value: unknown, into: string[]): void {
	if (typeof value === 'string') into.push(value);
	else if (value && typeof value === 'object') for (const entry of Object.values(value)) collectStrings(entry, into);
}

const htmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const formEncode = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);

/** The echo in every encoding a page could use. */
function echoPage(echo: Echo): string {
	return [
		`Echo: ${echo.text}`,
		`JSON: ${JSON.stringify(echo.text)}`,
		`URL: ${encodeURIComponent(echo.text)}`,
		`Form: ${formEncode(echo.text)}`,
		`HTML: ${htmlEscape(echo.text)}`,
		`Base64: ${Buffer.from(echo.text, 'utf8').toString('base64')}`,
		...echo.values.map((value) => `Value: ${value} | ${JSON.stringify(value)} | ${encodeURIComponent(value)} | ${Buffer.from(value, 'utf8').toString('base64')}`),
	].join('\n');
}

/** The flavour's refused-fields error naming `fields`. */
function fieldsError(fields: readonly string[], message: string): ApiError {
	return new ApiError(400, 'validation_failed', message, '数据校验失败', {
		classicBody: {
			type: 'https://www.ibizlab.cn/problem/constraint-violation',
			title: 'Method argument not valid',
			status: 400,
			message: 'error.validation',
			detail: message,
			fieldErrors: fields.map((field) => ({ objectName: ENTITY_NAME, field, message })),
		},
		cloud: {
			type: 'EntityException',
			code: CLOUD_CODES.INPUTERROR,
			message,
			details: fields.map((field) => ({ fieldname: field, fieldlogicname: field, fielderrortype: FIELD_ERROR_TYPES.VALUERULE, fielderrorinfo: message })),
		},
		classicAlert: null,
	});
}

/** Writes the answer of an ECHO_FAULTS fault. */
export async function sendEchoAnswer(req: IncomingMessage, res: ServerResponse, fault: FaultSpec, flavour: Flavour, rawPath: string): Promise<void> {
	if (fault.mode === 'many-fields') {
		const fields = Array.from({ length: 2001 }, (_, i) => `field_${i}_${'x'.repeat(600)}`);
		sendError(res, fieldsError(fields, 'Injected fault: 2,001 refused fields'), flavour, rawPath);
		return;
	}
	const echo = await echoOf(req);
	if (fault.mode === 'echo-request-json') {
		sendError(res, fieldsError(echo.values, echoPage(echo)), flavour, rawPath);
		return;
	}
	sendBytes(res, fault.status ?? 200, Buffer.from(echoPage(echo), 'utf8'), { 'Content-Type': 'text/plain;charset=UTF-8' });
}

const HOSTILE_ENTRIES: ReadonlyArray<[string, unknown]> = [
	['__proto__', { polluted: 'from __proto__', id: 'not-this-lead' }],
	['constructor', { prototype: { polluted: 'from constructor.prototype' } }],
	['prototype', { polluted: 'from prototype' }],
];

function isRecord(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value) && 'id' in value;
}

/** A record with the hostile keys as own properties (fromEntries defines `__proto__` as a key, not a prototype). */
function hostileRecord(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries([...Object.entries(record), ...HOSTILE_ENTRIES]);
}

/** A JSON answer with the hostile keys in its records (the record itself, or each record of a list). */
export function withHostileKeys(body: unknown): unknown {
	if (Array.isArray(body)) return body.map((entry) => (isRecord(entry) ? hostileRecord(entry) : entry));
	return isRecord(body) ? hostileRecord(body) : body;
}
