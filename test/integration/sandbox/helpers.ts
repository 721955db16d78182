/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Shared helpers for the sandbox's own tests: a tiny HTTP client and file readers. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import ExcelJS from 'exceljs';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON body (undefined when the body is not JSON). */
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	bytes: Buffer;
}

export interface CallOptions {
	body?: unknown;
	token?: string | null;
	headers?: Record<string, string>;
	form?: FormData;
}

/** Calls `method path` relative to the sandbox URL with its token (unless overridden). */
export async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
	const token = options.token === undefined ? sandbox.token : options.token;
	const headers: Record<string, string> = { ...options.headers };
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	let body: string | FormData | undefined;
	if (options.form) body = options.form;
	else if (options.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	}
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json, bytes };
}

/** POST <basePath>/v7/login without a token. */
export function login(sandbox: Sandbox, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
	return call(sandbox, 'POST', '/v7/login', { token: null, body, headers });
}

/** A user's login token (fails the test when the login is refused). */
export async function tokenFor(sandbox: Sandbox, loginname: string, password: string, extra: Record<string, unknown> = {}): Promise<string> {
	const reply = await login(sandbox, { loginname, password, ...extra });
	if (reply.status !== 200 || typeof reply.json?.token !== 'string') throw new Error(`login of ${loginname} answered ${reply.status}: ${reply.text}`);
	return reply.json.token as string;
}

/** The JSON payload of a JWT. */
export function jwtPayload(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Starts the CLI with --print-json and reads its {url, token} line. `node --import tsx`, not the
 * tsx CLI: the CLI's signal relay SIGKILLs a child that is slow to acknowledge a signal.
 * The caller stops the child (and SIGKILLs it in a finally).
 */
export async function startCli(args: readonly string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; token: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--print-json', ...args], { cwd: process.cwd(), stdio: 'pipe' });
	try {
		const line = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('\n')) resolve(out.split('\n')[0]);
			});
			child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
		});
		return { child, ...(JSON.parse(line) as { url: string; token: string }) };
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
}

/** beforeAll/afterAll around one sandbox per test file. */
export function useTestSandbox(options: SandboxOptions = {}): { sandbox: Sandbox } {
	const holder = {} as { sandbox: Sandbox };
	beforeAll(async () => {
		holder.sandbox = await createSandbox(options);
	});
	afterAll(async () => {
		await holder.sandbox?.close();
	});
	return holder;
}

export function fileForm(data: Buffer, filename: string, mimeType: string): FormData {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(data)], { type: mimeType }), filename);
	return form;
}

/** Rows of the first sheet as plain values ('' for empty cells). */
export async function readSheet(data: Buffer): Promise<unknown[][]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	const rows: unknown[][] = [];
	workbook.worksheets[0].eachRow({ includeEmpty: true }, (row) => {
		rows.push((row.values as unknown[]).slice(1).map((v) => v ?? ''));
	});
	return rows;
}

export { buildSheet } from '../../helpers/workbook';

/** The visible text of an uncompressed pdfkit PDF: its hex glyph runs (`[<…> n <…>] TJ`) decoded. */
export function pdfVisibleText(pdf: Buffer): string {
	const source = pdf.toString('latin1');
	const lines: string[] = [];
	for (const match of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
		const hexRuns = [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
		lines.push(Buffer.from(hexRuns, 'hex').toString('latin1'));
	}
	return lines.join('\n');
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
