/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * When each node under test ran, in the clock of V8's CPU profiles, so the summariser can look
 * at one case's samples instead of the whole n8n process (startup, the other node, idle time).
 *
 * V8 stamps profile samples with its monotonic clock in microseconds (CLOCK_MONOTONIC on Linux),
 * the same clock as process.hrtime() in any process on this machine; n8n's run data gives each
 * node's start as epoch milliseconds. One offset, measured here, converts between them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface ProfileWindow {
	/** `get:seq/crmLead#2` (row/side#run; run 0 is the untimed verification run). */
	label: string;
	startUs: number;
	endUs: number;
}

export interface WindowsFile {
	/** The n8n main process, whose profile is the one to read. */
	n8nPid?: number;
	windows: ProfileWindow[];
}

export const WINDOWS_FILE_NAME = 'windows.json';

const monotonicMinusEpochUs = Number(process.hrtime.bigint() / 1000n) - (performance.timeOrigin + performance.now()) * 1000;

export function epochMsToMonotonicUs(epochMs: number): number {
	return Math.round(epochMs * 1000 + monotonicMinusEpochUs);
}

/** Collects the windows of a profiled run in `file` (rewritten after each run, so a crash keeps them). */
export class ProfileWindowLog {
	private readonly content: WindowsFile;

	constructor(
		private readonly file: string,
		n8nPid: number | undefined,
	) {
		this.content = { n8nPid, windows: [] };
		writeFileSync(file, JSON.stringify(this.content, null, 2));
	}

	add(label: string, startEpochMs: number, durationMs: number): void {
		const startUs = epochMsToMonotonicUs(startEpochMs);
		this.content.windows.push({ label, startUs, endUs: startUs + Math.round(durationMs * 1000) });
		writeFileSync(this.file, JSON.stringify(this.content, null, 2));
	}
}

export function readWindowsFile(file: string): WindowsFile | undefined {
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WindowsFile) : undefined;
}
