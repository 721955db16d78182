/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * What the workflow's last node calls for each lead it got (an HTTP Request node), outside n8n so
 * it survives n8n's crashes: the downstream effect of the trigger. It can hold a call back, so a
 * kill lands while the execution runs.
 */
import http from 'node:http';

import type { AddressInfo } from 'node:net';

export interface Recorded {
	leadId: string;
	executionId: string;
	at: number;
}

export interface Recorder {
	url: string;
	readonly calls: readonly Recorded[];
	/** Resolves when the next call has arrived; its answer waits for release(). */
	holdNextCall(): Promise<{ release(): void }>;
	close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
	const calls: Recorded[] = [];
	const holdWaiters: Array<(held: { release(): void }) => void> = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void (async () => {
				try {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: unknown; execution?: unknown };
					calls.push({ leadId: String(body.id), executionId: String(body.execution), at: Date.now() });
				} catch {
					response.writeHead(400).end('not JSON');
					return;
				}
				const hold = holdWaiters.shift();
				if (hold) await new Promise<void>((release) => hold({ release }));
				if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/record`,
		calls,
		holdNextCall: async () => await new Promise((resolve) => holdWaiters.push(resolve)),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
