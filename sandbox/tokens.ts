/**
 * Login tokens: JWTs (header.payload.signature, HS256 with a secret drawn per sandbox) with
 * `sub` = the user name, `iat`, `exp` and a `jti`, as both UAAs issue (subject = user name, see
 * CloudUAAUtilRuntimeBase / classic AuthTokenUtil). Only tokens this sandbox issued are valid,
 * and expireAll() ends them all at once. Time is the wall clock, not the sandbox's record clock
 * (setNow moves audit timestamps, not token lifetimes).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface IssuedToken {
	token: string;
	/** Seconds the token is valid for (the cloud login's `expirein`). */
	expiresInS: number;
}

export class TokenIssuer {
	private readonly secret = randomBytes(32);
	/** jti → expiry (epoch ms): a token is valid only while listed and unexpired. */
	private readonly live = new Map<string, number>();

	issue(subject: string, lifetimeS: number): IssuedToken {
		const iat = Math.floor(Date.now() / 1000);
		const jti = randomUUID();
		const exp = iat + lifetimeS;
		this.forgetExpired();
		this.live.set(jti, exp * 1000);
		const header = encode({ alg: 'HS256', typ: 'JWT' });
		const payload = encode({ sub: subject, iat, exp, jti });
		return { token: `${header}.${payload}.${this.sign(`${header}.${payload}`)}`, expiresInS: lifetimeS };
	}

	/** The subject of a valid, unexpired token this sandbox issued; undefined otherwise. */
	verify(token: string): string | undefined {
		const parts = token.split('.');
		if (parts.length !== 3) return undefined;
		const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
		const given = Buffer.from(parts[2]);
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
		const payload = decode(parts[1]);
		const expiresAt = typeof payload?.jti === 'string' ? this.live.get(payload.jti) : undefined;
		if (expiresAt === undefined || expiresAt <= Date.now() || typeof payload?.sub !== 'string') return undefined;
		return payload.sub;
	}

	/** Every token issued so far is expired from now on (tests: Sandbox.expireTokens()). */
	expireAll(): void {
		this.live.clear();
	}

	/** Keeps the registry small on long-running sandboxes. */
	private forgetExpired(): void {
		if (this.live.size < 1000) return;
		const now = Date.now();
		for (const [jti, expiresAt] of this.live) if (expiresAt <= now) this.live.delete(jti);
	}

	private sign(input: string): string {
		return createHmac('sha256', this.secret).update(input).digest('base64url');
	}
}

function encode(value: Record<string, unknown>): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(part: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
