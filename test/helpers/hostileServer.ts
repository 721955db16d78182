/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * A small server that answers the way a hostile server, a broken proxy or a WAF would (issue 32),
 * in front of the sandbox or instead of it. Each request is answered by the current script: either
 * passed on to the sandbox (`'forward'`), or answered with exactly the bytes a HostileAnswer
 * describes, written raw onto the socket — any status, any headers (a Location on another origin,
 * a Content-Encoding, a Content-Length that lies), a body of any size generated as it is read
 * (never held in memory), sent at once, trickled, cut off, or never.
 *
 * Beside it runs the "other origin" (same host, another port): it records every request it gets
 * and answers each with a harmless lead and a login token. Nothing of the node's may ever reach it.
 */
import { createServer, request as httpRequest, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface SeenRequest {
	method: string;
	/** Path and query as sent. */
	url: string;
	/** Lower-cased names. */
	headers: Record<string, string>;
	body: Buffer;
}

/** A body generated while it is sent: `repeat` again and again up to `total` bytes (after an optional `prefix`). */
export interface GeneratedBody {
	prefix?: Buffer;
	repeat: Buffer;
	total: number;
}

export interface HostileAnswer {
	status: number;
	/** Sent exactly as given, in order (no Content-Length is added: the body then ends when the connection closes). */
	headers?: Array<[string, string]>;
	body?: Buffer | GeneratedBody;
	/** Sends the body `bytes` at a time, one piece every `everyMs` (`head`: the status line and headers too). */
	trickle?: { bytes: number; everyMs: number; head?: boolean };
	/** Closes the connection after this many body bytes. */
	cutAfter?: number;
	/** Accepts the request and never answers. */
	hang?: boolean;
	/** Passes the request on to the sandbox first (so it is carried out there), then answers with this instead. */
	afterForward?: boolean;
}

export type Script = (request: SeenRequest) => HostileAnswer | 'forward';

export interface OtherOrigin {
	url: string;
	requests: SeenRequest[];
}

export interface HostileServer {
	/** The configured origin: point the Base URL here. */
	url: string;
	/** Every request it received. */
	requests: SeenRequest[];
	other: OtherOrigin;
	/** Bytes of answer bodies written so far (what the node was offered and took). */
	bytesSent(): number;
	/** Connections to the configured origin still open. */
	openConnections(): number;
	answer(script: Script): void;
	reset(): void;
	close(): Promise<void>;
}

const CHUNK = 64 * 1024;

async function readRequest(req: IncomingMessage): Promise<SeenRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
	return { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks) };
}

/** Bytes [from, to) of a body, generated. */
function slice(body: Buffer | GeneratedBody, from: number, to: number): Buffer {
	if (Buffer.isBuffer(body)) return body.subarray(from, to);
	const prefix = body.prefix ?? Buffer.alloc(0);
	const parts: Buffer[] = [];
	for (let at = from; at < to; ) {
		if (at < prefix.length) {
			const piece = prefix.subarray(at, Math.min(prefix.length, to));
			parts.push(piece);
			at += piece.length;
			continue;
		}
		const offset = (at - prefix.length) % body.repeat.length;
		const piece = body.repeat.subarray(offset, Math.min(body.repeat.length, offset + (to - at)));
		parts.push(piece);
		at += piece.length;
	}
	return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

const lengthOf = (body: Buffer | GeneratedBody | undefined) => (body === undefined ? 0 : Buffer.isBuffer(body) ? body.length : body.total);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes and waits for the socket to take it (back-pressure); false once the socket is gone. */
async function write(socket: Socket, bytes: Buffer): Promise<boolean> {
	if (socket.destroyed) return false;
	if (socket.write(bytes)) return true;
	return await new Promise<boolean>((resolve) => {
		const done = (ok: boolean) => {
			socket.off('drain', onDrain);
			socket.off('close', onClose);
			resolve(ok);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		socket.on('drain', onDrain);
		socket.on('close', onClose);
	});
}

async function sendRaw(socket: Socket, answer: HostileAnswer, counted: (n: number) => void): Promise<void> {
	if (answer.hang) return;
	const head = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Whatever'}`, ...(answer.headers ?? []).map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', ''].join('\r\n');
	const headBytes = Buffer.from(head, 'latin1');
	if (answer.trickle?.head) {
		for (let at = 0; at < headBytes.length; at += answer.trickle.bytes) {
			await wait(answer.trickle.everyMs);
			if (!(await write(socket, headBytes.subarray(at, at + answer.trickle.bytes)))) return;
		}
	} else if (!(await write(socket, headBytes))) return;
	const total = lengthOf(answer.body);
	const end = Math.min(total, answer.cutAfter ?? total);
	const step = answer.trickle?.bytes ?? CHUNK;
	for (let at = 0; at < end; at += step) {
		if (answer.trickle) await wait(answer.trickle.everyMs);
		const piece = slice(answer.body!, at, Math.min(end, at + step));
		if (!(await write(socket, piece))) return;
		counted(piece.length);
	}
	if (answer.cutAfter !== undefined && answer.cutAfter < total) socket.destroy();
	else socket.end();
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return `http://127.0.0.1:${address.port}`;
}

/** A server on another origin that records whatever reaches it. */
async function otherOrigin(): Promise<{ origin: OtherOrigin; server: Server }> {
	const requests: SeenRequest[] = [];
	const server = createServer((req, res) => {
		void readRequest(req).then((seen) => {
			requests.push(seen);
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ id: 'FROM-OTHER-ORIGIN', name: 'from the other origin', token: 'other-origin-token' }));
		});
	});
	return { origin: { url: await listen(server), requests }, server };
}

/** Starts the hostile server (and its other origin); requests are forwarded to `upstream` until a script says otherwise. */
export async function createHostileServer(upstream?: string): Promise<HostileServer> {
	const requests: SeenRequest[] = [];
	let script: Script = () => 'forward';
	let sent = 0;
	const sockets = new Set<Socket>();
	const { origin, server: otherServer } = await otherOrigin();
	const otherSockets = new Set<Socket>();
	otherServer.on('connection', (socket) => {
		otherSockets.add(socket);
		socket.on('close', () => otherSockets.delete(socket));
	});

	const server = createServer((req, res) => {
		void (async () => {
			const seen = await readRequest(req);
			requests.push(seen);
			const answer = script(seen);
			if (answer !== 'forward' && !answer.afterForward) {
				await sendRaw(req.socket, answer, (n) => (sent += n));
				return;
			}
			if (!upstream) {
				res.writeHead(502).end();
				return;
			}
			const fromUpstream = await new Promise<IncomingMessage>((resolve, reject) => {
				const forwarded = httpRequest(`${upstream}${seen.url}`, { method: seen.method, headers: { ...seen.headers, host: new URL(upstream).host } }, resolve);
				forwarded.on('error', reject);
				forwarded.end(seen.body);
			});
			if (answer !== 'forward') {
				fromUpstream.resume();
				await new Promise((resolve) => fromUpstream.on('end', resolve));
				await sendRaw(req.socket, answer, (n) => (sent += n));
				return;
			}
			res.writeHead(fromUpstream.statusCode ?? 502, fromUpstream.headers);
			fromUpstream.pipe(res);
		})().catch(() => req.socket.destroy());
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const url = await listen(server);

	return {
		url,
		requests,
		other: origin,
		bytesSent: () => sent,
		openConnections: () => sockets.size,
		answer(next) {
			script = next;
		},
		reset() {
			requests.length = 0;
			origin.requests.length = 0;
			sent = 0;
			script = () => 'forward';
		},
		async close() {
			for (const socket of [...sockets, ...otherSockets]) socket.destroy();
			await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => otherServer.close(resolve))]);
		},
	};
}

/**
 * A gzip body that decodes to about `decodedBytes` (after `prefix`), generated while it is sent:
 * gzip members concatenated decode as one stream (RFC 1952), so one compressed megabyte of spaces
 * (about 1 KB) repeated makes a bomb of any size without ever holding it.
 */
export function gzipBomb(decodedBytes: number, prefix = ''): GeneratedBody {
	const megabyte = gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 });
	const first = gzipSync(Buffer.from(prefix));
	return { prefix: first, repeat: megabyte, total: first.length + megabyte.length * Math.ceil(decodedBytes / (1024 * 1024)) };
}
