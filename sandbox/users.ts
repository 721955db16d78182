/**
 * The users a sandbox knows (SandboxOptions.users, CLI --user): who may log in with which
 * password, and what kind of user they are. Both generations log in `loginname|domain` when a
 * domain is given (AuthorizationLogin.getUsername in either UAA).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * user: an ordinary user; the cloud tenant rule applies to them. api: an API user
 * (AuthenticationUser.apiuser = 1): tokens live 24 h and no tenant headers are needed.
 * super: a super user (superuser = 1): no tenant headers are needed.
 */
export type UserKind = 'user' | 'api' | 'super';

export interface SandboxUser {
	loginname: string;
	password: string;
	domain?: string;
	/** Default 'user'. */
	kind?: UserKind;
	/** The srfsystemid this user belongs to; when set, a different header is refused (cloud). */
	systemId?: string;
	/** The srforgid this user belongs to; when set, a different header is refused (cloud). */
	orgId?: string;
}

/** A user as the server knows it once logged in (no password). */
export interface KnownUser {
	/** `loginname` or `loginname|domain`: the JWT subject and the request log's principal. */
	username: string;
	loginname: string;
	domain?: string;
	kind: UserKind;
	systemId?: string;
	orgId?: string;
	/** Stable, UUID-shaped (iBiz user ids are). */
	userid: string;
}

const USER_KINDS: readonly UserKind[] = ['user', 'api', 'super'];

export class UserDirectory {
	private readonly users = new Map<string, { user: KnownUser; passwordDigest: Buffer }>();

	constructor(users: readonly SandboxUser[] = []) {
		for (const input of users) {
			const user = knownUser(input);
			if (this.users.has(user.username)) throw new Error(`users: '${user.username}' is given twice`);
			this.users.set(user.username, { user, passwordDigest: digest(input.password) });
		}
	}

	get size(): number {
		return this.users.size;
	}

	/** The user these credentials belong to, or undefined (unknown name or wrong password alike). */
	login(username: string, password: string): KnownUser | undefined {
		const entry = this.users.get(username);
		const presented = digest(password);
		// Compare even for an unknown name, so timing does not tell names apart.
		const matches = timingSafeEqual(entry?.passwordDigest ?? presented.map((b) => b ^ 0xff), presented);
		return entry && matches ? entry.user : undefined;
	}

	byUsername(username: string): KnownUser | undefined {
		return this.users.get(username)?.user;
	}
}

/** `loginname` or `loginname|domain`. */
export function usernameOf(loginname: string, domain: string | undefined): string {
	return domain ? `${loginname}|${domain}` : loginname;
}

function knownUser(input: SandboxUser): KnownUser {
	if (typeof input.loginname !== 'string' || input.loginname.trim() === '') throw new Error('users: every user needs a loginname');
	if (/[|:]/.test(input.loginname)) throw new Error(`users: loginname '${input.loginname}' must not contain '|' or ':'`);
	if (typeof input.password !== 'string' || input.password === '') throw new Error(`users: '${input.loginname}' needs a password`);
	const kind = input.kind ?? 'user';
	if (!USER_KINDS.includes(kind)) throw new Error(`users: kind of '${input.loginname}' must be one of ${USER_KINDS.join(', ')}`);
	const username = usernameOf(input.loginname, input.domain || undefined);
	const hex = createHash('sha256').update(username).digest('hex');
	return {
		username,
		loginname: input.loginname,
		...(input.domain ? { domain: input.domain } : {}),
		kind,
		...(input.systemId ? { systemId: input.systemId } : {}),
		...(input.orgId ? { orgId: input.orgId } : {}),
		userid: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`,
	};
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
