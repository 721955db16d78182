/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * An HTTP proxy between n8n and the sandbox (the trigger's credential points here), so the crash
 * run sees each of the trigger's list requests and can time a kill against it: hold a list answer
 * back while n8n waits for it, or learn the instant an answer was sent.
 */
import http from 'node:http';

import type { AddressInfo } from 'node:net';

/** The trigger's list request (nodes/CrmLead/transport/leadList.ts). */
const LIST_PATH = /\/crm_leads\/fetch_default(?:\?|$)/;

export interface HeldAnswer {
	/** Sends the held answer (or drops it when n8n is gone). */
	release(): void;
}

export interface PollProxy {
	url: string;
	/** List requests answered so far. */
	readonly listAnswers: number;
	/** When each list answer was sent (epoch ms). */
	readonly answeredAt: readonly number[];
	/** Resolves when the next list request has arrived and its answer is ready; the answer waits for release(). */
	holdNextListAnswer(): Promise<HeldAnswer>;
	/** Resolves once the next list answer has been written to n8n's socket. */
	nextListAnswerSent(): Promise<void>;
	close(): Promise<void>;
}

export async function startPollProxy(target: () => string): Promise<PollProxy> {
	const holdWaiters: Array<(held: HeldAnswer) => void> = [];
	const sentWaiters: Array<() => void> = [];
	const answeredAt: number[] = [];

	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void forward(request, Buffer.concat(chunks), target()).then(
				async ({ status, headers, body }) => {
					const isList = request.method === 'POST' && LIST_PATH.test(request.url ?? '');
					const hold = isList ? holdWaiters.shift() : undefined;
					if (hold) await new Promise<void>((release) => hold({ release }));
					if (response.destroyed) return;
					response.writeHead(status, headers);
					response.end(body, () => {
						if (!isList) return;
						answeredAt.push(Date.now());
						for (const sent of sentWaiters.splice(0)) sent();
					});
				},
				(error: unknown) => {
					if (response.destroyed) return;
					response.writeHead(502, { 'content-type': 'text/plain' });
					response.end(`crash-test proxy: ${(error as Error).message}`);
				},
			);
		});
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get listAnswers() {
			return answeredAt.length;
		},
		answeredAt,
		holdNextListAnswer: async () => await new Promise<HeldAnswer>((resolve) => holdWaiters.push(resolve)),
		nextListAnswerSent: async () => await new Promise<void>((resolve) => sentWaiters.push(resolve)),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

async function forward(request: http.IncomingMessage, body: Buffer, targetUrl: string) {
	const url = new URL(request.url ?? '/', targetUrl);
	const headers = { ...request.headers, host: url.host };
	return await new Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }>((resolve, reject) => {
		const upstream = http.request(url, { method: request.method, headers, timeout: 30_000 }, (answer) => {
			const parts: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => parts.push(chunk));
			answer.on('end', () => {
				const { connection, 'keep-alive': keepAlive, 'transfer-encoding': encoding, ...rest } = answer.headers;
				void connection;
				void keepAlive;
				void encoding;
				resolve({ status: answer.statusCode ?? 502, headers: rest, body: Buffer.concat(parts) });
			});
			answer.on('error', reject);
		});
		upstream.on('timeout', () => upstream.destroy(new Error('the sandbox did not answer within 30 s')));
		upstream.on('error', reject);
		upstream.end(body);
	});
}
