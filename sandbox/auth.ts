/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Who is calling: the static full token, the read-only token, or a user's login token, read
 * from the configured header and prefix (the UAAs' `tokenheader`/`tokenprefix` settings:
 * SysUAAUtilRuntimeBase.onPrepareDefaultSetting; classic `ibiz.jwt.header`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { forbidden, tenantRequired, unauthorized } from './apiErrors';
import type { Permission } from './http';
import { tenantRefusal } from './tenant';
import type { TokenIssuer } from './tokens';
import type { KnownUser, UserDirectory } from './users';

const ALL: ReadonlySet<Permission> = new Set(['CREATE', 'READ', 'UPDATE', 'DELETE']);
const READ_ONLY: ReadonlySet<Permission> = new Set(['READ']);

/** Request-log names of the two static tokens. */
export const STATIC_PRINCIPAL = 'token';
export const READ_ONLY_PRINCIPAL = 'read-only-token';

export interface Principal {
	/** The request log's `principal`: a user name, 'token' or 'read-only-token'. */
	name: string;
	permissions: ReadonlySet<Permission>;
	/** Set for login tokens; the static tokens act like API users (no tenant rule). */
	user?: KnownUser;
}

export interface AuthSettings {
	token: string;
	readOnlyToken?: string;
	/** Header carrying the token (default Authorization). */
	header: string;
	/** Text before the token ('' = the header is the bare token). */
	prefix: string;
	tokens: TokenIssuer;
	users: UserDirectory;
}

export class Authenticator {
	private readonly grants: Array<{ digest: Buffer; principal: Principal }>;
	private readonly header: string;
	private readonly prefix: string;

	constructor(private readonly settings: AuthSettings) {
		this.header = settings.header.toLowerCase();
		this.prefix = settings.prefix.trim();
		this.grants = [{ digest: digest(settings.token), principal: { name: STATIC_PRINCIPAL, permissions: ALL } }];
		if (settings.readOnlyToken) {
			this.grants.push({ digest: digest(settings.readOnlyToken), principal: { name: READ_ONLY_PRINCIPAL, permissions: READ_ONLY } });
		}
	}

	/** The caller; 401 without a token or with one that is wrong or expired. */
	authenticate(headers: IncomingHttpHeaders): Principal {
		const token = this.tokenOf(headers[this.header]);
		if (token === undefined) {
			const form = this.prefix ? `${this.prefix} <token>` : '<token>';
			throw unauthorized(`Missing token: send "${this.settings.header}: ${form}"`);
		}
		const presented = digest(token);
		const grant = this.grants.find((g) => timingSafeEqual(g.digest, presented));
		if (grant) return grant.principal;
		const subject = this.settings.tokens.verify(token);
		const user = subject === undefined ? undefined : this.settings.users.byUsername(subject);
		if (!user) throw unauthorized('Invalid or expired token: log in again');
		return { name: user.username, permissions: ALL, user };
	}

	/** Cloud's tenant rule (tenant.ts): only login tokens of ordinary users can be refused. */
	checkTenant(principal: Principal, headers: IncomingHttpHeaders): void {
		const refusal = principal.user ? tenantRefusal(principal.user, headers) : undefined;
		if (refusal) throw tenantRequired(refusal);
	}

	authorize(principal: Principal, required: Permission, key?: string): void {
		if (!principal.permissions.has(required)) throw forbidden(required, key);
	}

	private tokenOf(raw: string | string[] | undefined): string | undefined {
		const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
		if (!value) return undefined;
		if (this.prefix === '') return /^\S+$/.test(value) ? value : undefined;
		// Case-insensitive like the sandbox always was; the real UAAs compare "Bearer " exactly.
		const head = value.slice(0, this.prefix.length);
		const rest = value.slice(this.prefix.length);
		if (head.toLowerCase() !== this.prefix.toLowerCase() || !/^\s+\S+$/.test(rest)) return undefined;
		return rest.trim();
	}
}

/** Fixed-length digests, so the comparison is constant-time whatever the token length. */
function digest(token: string): Buffer {
	return createHash('sha256').update(token, 'utf8').digest();
}
