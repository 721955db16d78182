/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Where the CPU time went during a measurement: the whole machine (/proc/stat) and each of the
 * cluster's processes (/proc/<pid>/stat, grouped by process group; PostgreSQL's server processes
 * by name, as they leave the group). Linux only; returns empty numbers elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Jiffies per second (USER_HZ); 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;

export interface CpuSample {
	at: number;
	machineBusy: number;
	machineTotal: number;
	/** Jiffies (user + system) per named group. */
	groups: Record<string, number>;
}

/** `groups`: name → process-group id (a ManagedProcess's pid is its group id). */
export function sampleCpu(groups: Record<string, number | undefined>): CpuSample {
	const byPgid = new Map<number, string>();
	for (const [name, pgid] of Object.entries(groups)) if (pgid !== undefined) byPgid.set(pgid, name);
	const sample: CpuSample = { at: Date.now(), machineBusy: 0, machineTotal: 0, groups: {} };
	try {
		const [cpuLine] = readFileSync('/proc/stat', 'utf8').split('\n');
		const values = cpuLine.trim().split(/\s+/).slice(1).map(Number);
		const idle = (values[3] ?? 0) + (values[4] ?? 0);
		sample.machineTotal = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
		sample.machineBusy = sample.machineTotal - idle;
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			let stat: string;
			try {
				stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			} catch {
				continue; // exited meanwhile
			}
			const close = stat.lastIndexOf(')');
			const comm = stat.slice(stat.indexOf('(') + 1, close);
			const fields = stat.slice(close + 2).split(' ');
			const pgid = Number(fields[2]);
			const jiffies = Number(fields[11]) + Number(fields[12]);
			const name = byPgid.get(pgid) ?? (comm === 'postgres' ? 'postgres' : 'other');
			sample.groups[name] = (sample.groups[name] ?? 0) + jiffies;
		}
	} catch {
		// not Linux
	}
	return sample;
}

export interface CpuUsage {
	wallSeconds: number;
	cores: number;
	/** Share of all cores that were busy, 0–100. */
	machineBusyPercent: number;
	/** CPU seconds per group (user + system). */
	cpuSeconds: Record<string, number>;
}

export function cpuUsage(before: CpuSample, after: CpuSample): CpuUsage {
	const cpuSeconds: Record<string, number> = {};
	for (const name of new Set([...Object.keys(before.groups), ...Object.keys(after.groups)])) {
		const delta = (after.groups[name] ?? 0) - (before.groups[name] ?? 0);
		if (delta > 0) cpuSeconds[name] = Math.round((delta / CLOCK_TICKS) * 10) / 10;
	}
	const total = after.machineTotal - before.machineTotal;
	return {
		wallSeconds: Math.round((after.at - before.at) / 100) / 10,
		cores: os.cpus().length,
		machineBusyPercent: total > 0 ? Math.round(((after.machineBusy - before.machineBusy) / total) * 100) : 0,
		cpuSeconds,
	};
}
