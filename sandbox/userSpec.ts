/**
 * The CLI's user syntax: `name[|domain][,kind=user|api|super][,system=S][,org=O]:password`.
 * Everything after the FIRST ':' is the password (it may hold ':' or ','); names cannot.
 */
import type { SandboxUser, UserKind } from './users';

export const USER_SPEC_SYNTAX = 'name[|domain][,kind=user|api|super][,system=SYSTEM_ID][,org=ORG_ID]:password';

export function parseUserSpec(spec: string): SandboxUser {
	const colon = spec.indexOf(':');
	if (colon <= 0 || colon === spec.length - 1) throw new Error(`--user needs ${USER_SPEC_SYNTAX}`);
	const [identity, ...attributes] = spec.slice(0, colon).split(',');
	const [loginname, domain, ...extra] = identity.split('|');
	if (!loginname || extra.length > 0) throw new Error(`--user: '${identity}' is not name or name|domain`);
	const user: SandboxUser = { loginname, password: spec.slice(colon + 1), ...(domain ? { domain } : {}) };
	for (const attribute of attributes) {
		const [key, value] = attribute.split('=');
		if (!value) throw new Error(`--user: '${attribute}' is not key=value (${USER_SPEC_SYNTAX})`);
		if (key === 'kind') user.kind = value as UserKind;
		else if (key === 'system') user.systemId = value;
		else if (key === 'org') user.orgId = value;
		else throw new Error(`--user: unknown attribute '${key}' (kind, system, org)`);
	}
	return user;
}
