import { createHash } from 'crypto';

/**
 * One login at a time per account: when several requests of a run (Batching) need a new token at
 * once, they share the login in flight instead of each logging in.
 */

const inFlight = new Map<string, Promise<string>>();

/** Which account: hashed, so no password is kept in memory as a key. */
export function accountKey(parts: readonly unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export async function sharedLogin(key: string, login: () => Promise<string>): Promise<string> {
	let pending = inFlight.get(key);
	if (!pending) {
		pending = login();
		inFlight.set(key, pending);
		// Forget it once settled, success or not: the next expiry logs in afresh.
		const forget = () => inFlight.delete(key);
		pending.then(forget, forget);
	}
	return await pending;
}
