/** Bearer-token checks: the full token holds every permission, the read-only token only READ. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthorized } from './errors';
import type { Permission } from './http';

const ALL: ReadonlySet<Permission> = new Set(['CREATE', 'READ', 'UPDATE', 'DELETE']);
const READ_ONLY: ReadonlySet<Permission> = new Set(['READ']);

export class TokenAuth {
	private readonly grants: Array<{ digest: Buffer; permissions: ReadonlySet<Permission> }>;

	constructor(token: string, readOnlyToken?: string) {
		this.grants = [{ digest: digest(token), permissions: ALL }];
		if (readOnlyToken) this.grants.push({ digest: digest(readOnlyToken), permissions: READ_ONLY });
	}

	/** The permissions of the request's token; 401 when it has none or a wrong one. */
	authenticate(authorization: string | undefined): ReadonlySet<Permission> {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		if (!match) throw unauthorized('Missing bearer token: send "Authorization: Bearer <token>"');
		const presented = digest(match[1]);
		const grant = this.grants.find((g) => timingSafeEqual(g.digest, presented));
		if (!grant) throw unauthorized('Invalid or expired bearer token');
		return grant.permissions;
	}

	authorize(permissions: ReadonlySet<Permission>, required: Permission): void {
		if (!permissions.has(required)) throw forbidden(required);
	}
}

/** Fixed-length digests, so the comparison is constant-time whatever the token length. */
function digest(token: string): Buffer {
	return createHash('sha256').update(token, 'utf8').digest();
}
