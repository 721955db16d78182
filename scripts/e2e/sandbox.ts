/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** The CRM Lead sandbox API as a separate process (what n8n talks to in the e2e runs and the demo). */
import path from 'node:path';

import { ROOT } from './paths';
import { ManagedProcess, node24Env } from './proc';

export interface SandboxProcessOptions {
	/** 0 (default) = a free port chosen by the sandbox. */
	port?: number;
	token?: string;
	seed?: number;
	/** Extra CLI flags (e.g. ['--faults'] or ['--base-path', '/api']). */
	extraArgs?: string[];
	logFile?: string;
	echo?: boolean;
	startTimeoutMs?: number;
}

export interface SandboxProcess {
	/** Base URL for the credential, e.g. http://127.0.0.1:5680 */
	url: string;
	token: string;
	process: ManagedProcess;
	stop(): Promise<void>;
	/** Calls the sandbox API with the full-access token. */
	request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: T }>;
}

/** `tsx sandbox/main.ts --print-json …`; resolves once it printed its URL. */
export async function startSandboxProcess(options: SandboxProcessOptions = {}): Promise<SandboxProcess> {
	const args = [path.join(ROOT, 'sandbox', 'main.ts'), '--port', String(options.port ?? 0), '--print-json'];
	if (options.token !== undefined) args.push('--token', options.token);
	if (options.seed !== undefined) args.push('--seed', String(options.seed));
	args.push(...(options.extraArgs ?? []));
	const proc = new ManagedProcess('sandbox', path.join(ROOT, 'node_modules', '.bin', 'tsx'), args, {
		env: node24Env(),
		logFile: options.logFile,
		echo: options.echo,
	});
	let info: { url: string; token: string };
	try {
		const line = await proc.waitForLine(/^\{.*"url".*\}\s*$/, options.startTimeoutMs ?? 60_000);
		info = JSON.parse(line) as { url: string; token: string };
	} catch (error) {
		await proc.stop(2_000);
		throw error;
	}
	const { url, token } = info;
	return {
		url,
		token,
		process: proc,
		stop: async () => await proc.stop(5_000),
		request: <T>(method: string, urlPath: string, body?: unknown) => sandboxFetch<T>(url, token, method, urlPath, body),
	};
}

/** One call to the sandbox API with the full-access token; the body is parsed as JSON when it is JSON. */
export async function sandboxFetch<T = unknown>(
	url: string,
	token: string,
	method: string,
	urlPath: string,
	body?: unknown,
): Promise<{ status: number; json: T }> {
	const response = await fetch(`${url}${urlPath}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	try {
		return { status: response.status, json: JSON.parse(text) as T };
	} catch {
		return { status: response.status, json: text as T };
	}
}
