import { createHash } from 'crypto';

/**
 * One login at a time per account. When several requests of a run (Batching) get 401 at once,
 * n8n asks the credential to log in for each of them; they share the login in flight, and a
 * request whose 401 arrives just after a fresh login reuses its token instead of logging in again.
 */

/** Longer than concurrent requests' 401s are apart, far shorter than any token lifetime. */
const FRESH_MS = 1000;

interface AccountLogin {
	pending?: Promise<string>;
	token?: string;
	at: number;
}

const logins = new Map<string, AccountLogin>();

/** Which account: hashed, so no password is kept in memory as a key. */
export function accountKey(parts: readonly unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export async function sharedLogin(key: string, login: () => Promise<string>, now = Date.now): Promise<string> {
	const last = logins.get(key);
	if (last?.pending) return await last.pending;
	if (last?.token && now() - last.at < FRESH_MS) return last.token;
	const pending = login();
	logins.set(key, { pending, at: now() });
	// Remember the outcome (a failure is not remembered: the next call tries again).
	pending.then(
		(token) => logins.set(key, { token, at: now() }),
		() => logins.delete(key),
	);
	return await pending;
}
