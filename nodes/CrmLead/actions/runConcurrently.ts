import { sleep } from 'n8n-workflow';

export interface ConcurrencySettings {
	/** Items in flight at once (1 = one after another). */
	concurrency: number;
	/** Pause each worker takes after a call, for rate-limited servers. */
	intervalMs: number;
}

/**
 * Runs task(0..count-1) with at most `concurrency` in flight. The first failure stops new tasks
 * from starting and is rethrown once the running ones settle.
 */
export async function runConcurrently(
	count: number,
	{ concurrency, intervalMs }: ConcurrencySettings,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (!failure && next < count) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				failure ??= { error };
				return;
			}
			if (intervalMs > 0 && next < count) await sleep(intervalMs);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
}
