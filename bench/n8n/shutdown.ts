/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * One way out, whatever happens: the end of the run, an error, or Ctrl-C. `stop` runs once;
 * on SIGINT/SIGTERM it runs before the process exits (so n8n can write its CPU profile).
 */
export interface Shutdown {
	/** Stops everything (once; later calls wait for the first). */
	stop(): Promise<void>;
	/** Whether a signal started the stop (the errors of cut-off calls are then expected). */
	readonly interrupted: boolean;
}

/** How long a repeated signal counts as the same Ctrl-C (tsx relays the terminal's signal a second time). */
const SAME_INTERRUPT_MS = 2_000;

export function shutdownOnSignals(stopAll: () => Promise<void>, log: (message: string) => void): Shutdown {
	let stopping: Promise<void> | undefined;
	const stop = async () => {
		stopping ??= stopAll();
		await stopping;
	};
	let interruptedAt = 0;
	const onSignal = (signal: NodeJS.Signals) => {
		const code = signal === 'SIGINT' ? 130 : 143;
		if (interruptedAt > 0) {
			if (Date.now() - interruptedAt < SAME_INTERRUPT_MS) return;
			log('second interrupt: killing n8n and the sandbox now');
			process.exit(code); // scripts/e2e/proc.ts SIGKILLs the process groups on exit
		}
		interruptedAt = Date.now();
		log(`${signal}: stopping n8n and the sandbox (press Ctrl-C again to kill them)`);
		void stop().finally(() => process.exit(code));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	return {
		stop,
		get interrupted() {
			return interruptedAt > 0;
		},
	};
}
