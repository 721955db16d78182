/**
 * Reading an answer's body with a size limit. n8n's helper reads answers without one (axios
 * `maxContentLength: Infinity`), so a server — or anything in front of it — could send hundreds of
 * megabytes, or a few hundred kilobytes of gzip that decode to them, and the process would hold
 * them all. Requests therefore ask for the body as a stream (`encoding: 'stream'`) and read it
 * here: bytes are counted after decoding (gzip, deflate and br are decoded by axios before they
 * arrive), and past the limit the stream — and with it the connection — is destroyed at once,
 * without reading the rest.
 */

const MB = 1024 * 1024;

/** Default limit for a JSON answer, in MB: a page of 1,000 leads is about 3 MB, a lead about 3 KB. */
export const JSON_ANSWER_LIMIT_MB = 32;

/** Default limit for a file answer (exports, prints, reports, templates, error workbooks), in MB. */
export const FILE_ANSWER_LIMIT_MB = 128;

/** MB as users give them (1 MB = 1,048,576 bytes) → bytes. */
export const megabytes = (mb: number): number => Math.floor(mb * MB);

export const JSON_ANSWER_LIMIT = megabytes(JSON_ANSWER_LIMIT_MB);
export const FILE_ANSWER_LIMIT = megabytes(FILE_ANSWER_LIMIT_MB);

/** Megabytes, as the limits are shown to users. */
export const inMegabytes = (bytes: number): string => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** The body grew past the limit: the request was stopped there. */
export class AnswerTooLarge extends Error {
	constructor(readonly limit: number) {
		super(`The answer is larger than ${inMegabytes(limit)}`);
		this.name = 'AnswerTooLarge';
	}
}

/** The connection ended before the body was complete (or the stream failed, e.g. broken gzip). */
export class AnswerCutOff extends Error {
	constructor(readonly reason?: unknown) {
		super('The answer was cut off before it was complete');
		this.name = 'AnswerCutOff';
	}
}

/** What a Node readable stream offers that this file uses (published code imports no Node module). */
interface ByteStream {
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	once(event: 'end' | 'close', listener: () => void): unknown;
	once(event: 'error', listener: (error: unknown) => void): unknown;
	destroy(error?: Error): unknown;
}

function isByteStream(value: unknown): value is ByteStream {
	const candidate = value as Partial<ByteStream> | null | undefined;
	return typeof candidate?.on === 'function' && typeof candidate.once === 'function' && typeof candidate.destroy === 'function';
}

/** A body that is already in memory (a mocked helper, an older n8n that ignored `encoding`). */
function bytesOf(body: unknown): Buffer {
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * The whole body, at most `limit` bytes: rejects with AnswerTooLarge as soon as it grows past
 * them (destroying the stream), with AnswerCutOff when the connection ends early, and with the
 * stream's own error when it is aborted (a deadline, a cancelled execution).
 */
export async function readBody(body: unknown, limit: number): Promise<Buffer> {
	if (!isByteStream(body)) {
		const bytes = bytesOf(body);
		if (bytes.length > limit) throw new AnswerTooLarge(limit);
		return bytes;
	}
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const fail = (error: unknown) => {
			if (settled) return;
			settled = true;
			body.destroy();
			reject(error);
		};
		body.on('data', (chunk) => {
			if (settled) return;
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += bytes.length;
			if (size > limit) fail(new AnswerTooLarge(limit));
			else chunks.push(bytes);
		});
		body.once('end', () => {
			if (settled) return;
			settled = true;
			resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
		});
		body.once('error', fail);
		// A stream that closes without 'end' or 'error' lost its connection half-way. (Every stream
		// closes: the error is built only then, not on each successful answer — a stack trace per request.)
		body.once('close', () => {
			if (!settled) fail(new AnswerCutOff());
		});
	});
}

interface WithResponse {
	response?: { data?: unknown };
	cause?: unknown;
}

/**
 * The body of a failed exchange (an HTTP error status, a redirect), read within the limit and put
 * back where readHttpFailure() looks for it. A body past the limit, or cut off, is dropped: the
 * failure is then judged by its status alone. Safe to call on any error.
 */
export async function settleErrorBody(error: unknown, limit: number): Promise<void> {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		const response = (current as WithResponse).response;
		if (response && typeof response === 'object' && isByteStream(response.data)) {
			try {
				response.data = await readBody(response.data, limit);
			} catch {
				response.data = undefined;
			}
			return;
		}
		current = (current as WithResponse).cause;
	}
}

/** A JSON answer, parsed exactly once: `"ok"` is the string ok, a string holding JSON stays a string. */
export type JsonAnswer = { empty: true } | { empty: false; ok: true; value: unknown } | { empty: false; ok: false; text: string };

const BYTE_ORDER_MARK = /^\uFEFF/;

export function parseAnswer(bytes: Buffer): JsonAnswer {
	const text = bytes.toString('utf8').replace(BYTE_ORDER_MARK, '');
	if (text.trim() === '') return { empty: true };
	try {
		return { empty: false, ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { empty: false, ok: false, text };
	}
}
