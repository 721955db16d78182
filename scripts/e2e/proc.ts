/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Child processes for the e2e harness and the demo.
 *
 * Long-lived processes (n8n, the sandbox) run in their own process group (`detached`), so
 * stopping one kills everything it started (n8n's task runners, tsx's child node). Groups still
 * alive when this process exits are killed with SIGKILL, so a crashed test run leaves nothing
 * behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { NODE24_BIN_DIR, NODE24_DIR, ROOT } from './paths';

export type Env = Record<string, string | undefined>;

/** The environment for anything that must run on the project's Node 24 (n8n, tsx, npm). */
export function node24Env(extra: Env = {}): Env {
	const env: Env = { ...process.env };
	// npm run injects its own config and lifecycle variables; children get a clean npm config.
	for (const key of Object.keys(env)) {
		if (key.startsWith('npm_')) delete env[key];
	}
	// Jest sets NODE_ENV=test; n8n then believes it runs inside its own unit tests and exits.
	if (env.NODE_ENV === 'test') delete env.NODE_ENV;
	const binDirs = [NODE24_BIN_DIR, path.join(ROOT, 'node_modules', '.bin')];
	env.PATH = [...binDirs, env.PATH ?? ''].filter(Boolean).join(path.delimiter);
	env.npm_config_nodedir = NODE24_DIR; // the user config says /usr (Node 20 headers)
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.NO_PROXY = '127.0.0.1,localhost';
	const merged: Env = { ...env, ...extra };
	for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
	return merged;
}

export interface RunOptions {
	cwd?: string;
	env?: Env;
	timeoutMs?: number;
	/** Throw when the exit code is not 0 (default true). */
	check?: boolean;
	/** Also stream the output to this process's stderr as it comes. */
	echo?: boolean;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export class CommandError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(message);
		this.name = 'CommandError';
	}
}

/** Runs a command to completion, capturing its output. */
export async function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const started = Date.now();
	const child = spawn(cmd, args, {
		cwd: options.cwd ?? ROOT,
		env: (options.env ?? node24Env()) as NodeJS.ProcessEnv,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	tracked.add(child);
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout.push(chunk);
		if (options.echo) process.stderr.write(chunk);
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr.push(chunk);
		if (options.echo) process.stderr.write(chunk);
	});
	let timedOut = false;
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					killGroup(child, 'SIGKILL');
				}, options.timeoutMs);
	const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
		(resolve, reject) => {
			child.once('error', reject);
			child.once('close', (c, s) => resolve({ code: c, signal: s }));
		},
	).finally(() => {
		if (timer) clearTimeout(timer);
		tracked.delete(child);
	});
	const result: RunResult = {
		code,
		signal,
		stdout: Buffer.concat(stdout).toString('utf8'),
		stderr: Buffer.concat(stderr).toString('utf8'),
		ms: Date.now() - started,
	};
	const failed = timedOut || code !== 0;
	if (failed && options.check !== false) {
		const why = timedOut ? `timed out after ${options.timeoutMs} ms` : `exited with ${code ?? signal}`;
		throw new CommandError(
			`${path.basename(cmd)} ${args.join(' ')} ${why}\n${lastLines(result.stderr || result.stdout, 40)}`,
			result,
		);
	}
	return result;
}

export interface StartOptions {
	cwd?: string;
	env?: Env;
	/** Appends stdout and stderr here. */
	logFile?: string;
	/** Also echo output to this process's stderr, prefixed with the name. */
	echo?: boolean;
}

/** A long-lived child process in its own process group. */
export class ManagedProcess {
	readonly child: ChildProcess;
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	private readonly lines: string[] = [];
	private readonly listeners = new Set<(line: string) => void>();
	private readonly log?: WriteStream;
	private running = true;
	private exitInfo: string | undefined;

	constructor(
		readonly name: string,
		cmd: string,
		args: readonly string[],
		readonly options: StartOptions = {},
	) {
		if (options.logFile) {
			mkdirSync(path.dirname(options.logFile), { recursive: true });
			this.log = createWriteStream(options.logFile, { flags: 'a' });
		}
		this.child = spawn(cmd, args, {
			cwd: options.cwd ?? ROOT,
			env: (options.env ?? node24Env()) as NodeJS.ProcessEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		tracked.add(this.child);
		for (const stream of [this.child.stdout, this.child.stderr]) {
			let partial = '';
			stream?.on('data', (chunk: Buffer) => {
				const text = partial + chunk.toString('utf8');
				const parts = text.split('\n');
				partial = parts.pop() ?? '';
				for (const line of parts) this.onLine(line);
			});
			stream?.on('end', () => {
				if (partial) this.onLine(partial);
				partial = '';
			});
		}
		this.exited = new Promise((resolve) => {
			this.child.once('error', (error) => {
				this.onLine(`[spawn error] ${error.message}`);
				this.running = false;
				tracked.delete(this.child);
				resolve({ code: null, signal: null });
			});
			this.child.once('exit', (code, signal) => {
				this.exitInfo = signal ? `killed by ${signal}` : `exit code ${code}`;
				this.running = false;
				tracked.delete(this.child);
				resolve({ code, signal });
			});
		});
		void this.exited.then(() => this.log?.end());
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	isRunning(): boolean {
		return this.running;
	}

	/** "exit code 1" / "killed by SIGTERM" once it ended. */
	get exitStatus(): string | undefined {
		return this.exitInfo;
	}

	/** The last lines the process printed (stdout and stderr interleaved). */
	tail(count = 60): string {
		return this.lines.slice(-count).join('\n');
	}

	/** Everything printed so far (kept in memory, capped). */
	output(): string {
		return this.lines.join('\n');
	}

	/** Resolves with the first line (already printed or future) matching `pattern`. */
	async waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
		const seen = this.lines.find((line) => pattern.test(line));
		if (seen !== undefined) return seen;
		return await new Promise<string>((resolve, reject) => {
			const done = (error?: Error, line?: string) => {
				clearTimeout(timer);
				this.listeners.delete(listener);
				if (error) reject(error);
				else resolve(line ?? '');
			};
			const listener = (line: string) => {
				if (pattern.test(line)) done(undefined, line);
			};
			const timer = setTimeout(
				() => done(new Error(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms\n${this.tail(40)}`)),
				timeoutMs,
			);
			this.listeners.add(listener);
			void this.exited.then(({ code, signal }) =>
				done(new Error(`${this.name} exited (${code ?? signal}) before printing ${pattern}\n${this.tail(40)}`)),
			);
		});
	}

	/** SIGTERM to the whole group, SIGKILL after `graceMs`. */
	async stop(graceMs = 10_000): Promise<void> {
		if (!this.running) return;
		killGroup(this.child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
		// The leader is gone; make sure nothing it started survives.
		killGroup(this.child, 'SIGKILL');
	}

	private onLine(line: string): void {
		this.lines.push(line);
		if (this.lines.length > 5000) this.lines.splice(0, this.lines.length - 4000);
		this.log?.write(line + '\n');
		if (this.options.echo) process.stderr.write(`[${this.name}] ${line}\n`);
		for (const listener of [...this.listeners]) listener(line);
	}
}

const tracked = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of tracked) killGroup(child, 'SIGKILL');
});

let signalHandlersInstalled = false;

/**
 * For runners without their own signal handling (jest): on Ctrl-C / SIGTERM / SIGHUP, kill every
 * child group, then let the signal take its course. (A terminal's Ctrl-C does not reach the
 * children: they run in their own process groups. Node skips 'exit' handlers on a signal.)
 */
export function killChildrenOnSignals(): void {
	if (signalHandlersInstalled) return;
	signalHandlersInstalled = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			for (const child of tracked) killGroup(child, 'SIGKILL');
			process.kill(process.pid, signal);
		});
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts connections on 127.0.0.1:port. */
export async function isPortInUse(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

export async function sleep(ms: number): Promise<void> {
	await new Promise<void>((resolve) => setTimeout(resolve, ms));
}

export function lastLines(text: string, count: number): string {
	return text.split('\n').slice(-count).join('\n');
}

/** A stopwatch for the timing lines the harness prints. */
/** Named steps whose durations (in seconds, one decimal) are collected in `timings`. */
export function timedSteps(): {
	timings: Record<string, number>;
	step: <T>(name: string, action: () => Promise<T>) => Promise<T>;
} {
	const timings: Record<string, number> = {};
	const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await action();
		} finally {
			timings[name] = Math.round((Date.now() - started) / 100) / 10;
		}
	};
	return { timings, step };
}

export function stopwatch(): () => string {
	const started = Date.now();
	return () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
