/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * A guard against orphans. n8n and the sandbox run in their own process groups, and
 * scripts/e2e/proc.ts kills those groups when this process exits — but not when it is killed
 * outright: SIGKILL, or the `tsx` CLI, which SIGKILLs its child when the child has not answered a
 * relayed signal within about 60 ms (easily missed while parsing a 40 MB execution). A small
 * detached shell watches this process and kills the registered groups once it is gone.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const WATCH_SCRIPT = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
[ -f "$2" ] || exit 0
for group in $(cat "$2"); do kill -9 "-$group" 2>/dev/null; done
rm -f "$2"
`;

export class OrphanReaper {
	private readonly file: string;

	constructor(dir: string) {
		mkdirSync(dir, { recursive: true });
		this.file = path.join(dir, `process-groups-${process.pid}.txt`);
		writeFileSync(this.file, '');
		spawn('sh', ['-c', WATCH_SCRIPT, 'bench-n8n-reaper', String(process.pid), this.file], {
			detached: true,
			stdio: 'ignore',
		}).unref();
	}

	/** A process group (its leader's pid) to kill if this process dies without stopping it. */
	watch(groupLeaderPid: number | undefined): void {
		if (groupLeaderPid !== undefined) appendFileSync(this.file, `${groupLeaderPid}\n`);
	}

	/** Everything was stopped in order: the watcher has nothing left to kill. */
	release(): void {
		rmSync(this.file, { force: true });
	}
}
