/**
 * Order per lead, concurrency across leads: a task (one item's call, or a bulk chunk with
 * its halvings and retries) that writes a lead starts only after every earlier task writing that
 * lead has finished. Tasks are registered in input order before they start (the router's workers
 * take them in order), so a task only ever waits for tasks already running: no deadlock, and
 * leads that share no ID never wait for each other.
 */
export class LeadOrder {
	private readonly last = new Map<string, Promise<void>>();

	async inTurn<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
		if (keys.length === 0) return await task();
		const earlier = [...new Set(keys)].map((key) => this.last.get(key)).filter((p): p is Promise<void> => p !== undefined);
		const run = (async () => {
			await Promise.all(earlier);
			return await task();
		})();
		const settled = run.then(
			() => undefined,
			() => undefined,
		);
		for (const key of keys) this.last.set(key, settled);
		void settled.then(() => {
			for (const key of keys) if (this.last.get(key) === settled) this.last.delete(key);
		});
		return await run;
	}
}
