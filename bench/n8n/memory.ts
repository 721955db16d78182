/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The n8n process's resident memory during a run, sampled from /proc (Linux): the peak shows what
 * a run of N items costs the server, e.g. whether bulk requests hold more than per-item ones.
 */
import { readFileSync } from 'node:fs';

function rssMb(pid: number): number | undefined {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Math.round(Number(match[1]) / 1024) : undefined;
	} catch {
		return undefined; // not Linux, or the process is gone
	}
}

/** Samples every `intervalMs` until stopped; `stop()` gives the highest RSS seen (MB), if any. */
export function sampleRss(pid: number | undefined, intervalMs = 200): { stop(): number | undefined } {
	if (pid === undefined) return { stop: () => undefined };
	let peak = rssMb(pid);
	const timer = setInterval(() => {
		const now = rssMb(pid);
		if (now !== undefined && (peak === undefined || now > peak)) peak = now;
	}, intervalMs);
	timer.unref();
	return {
		stop: () => {
			clearInterval(timer);
			return peak;
		},
	};
}
