/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * POST /v7/login (cloud also /uaa/login): user name and password in, a token out, each
 * generation with its own body rules, answer and refusal.
 * - cloud: uaa spring/controller/UAARestController.login + security/AuthorizationLogin
 *   (FAIL_ON_UNKNOWN_PROPERTIES, ignoreUnknown = false);
 * - classic: ibzuaa ClientAuthenticationResource.login + ibzuaa-util AuthorizationLogin
 *   (@NotBlank loginname/password, unknown properties ignored) + UAAUserService.loadUserByLogin.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, CLOUD_CODES, PROBLEM_BASE, malformedRequest } from './apiErrors';
import type { Flavour } from './flavour';
import { tenantHeadersOf, tenantRefusal } from './tenant';
import type { TokenIssuer } from './tokens';
import { usernameOf, type KnownUser, type UserDirectory } from './users';

/** CloudUAAUtilRuntimeBase: rememberme → 30 days; API users (apiuser = 1) → 24 h. */
export const REMEMBER_ME_S = 30 * 24 * 3600;
export const API_USER_TOKEN_S = 24 * 3600;
export const DEFAULT_TOKEN_TTL_S = 7200;

export interface LoginSettings {
	flavour: Flavour;
	users: UserDirectory;
	tokens: TokenIssuer;
	/** Lifetime of an ordinary login token (ibiz.jwt.expiration / the UAA's `.expiration`). */
	tokenTtlS: number;
}

export interface LoginOutcome {
	/** The user name the body named (for the request log), whether or not the login succeeded. */
	principal?: string;
	/** The answer, or the refusal to throw. */
	result: { ok: true; body: Record<string, unknown> } | { ok: false; error: ApiError };
}

interface Credentials {
	username: string;
	password: string;
	rememberMe: boolean;
}

const CLOUD_LOGIN_PROPERTIES = new Set(['loginname', 'password', 'domain', 'mode', 'rememberme']);

export function login(body: unknown, headers: IncomingHttpHeaders, settings: LoginSettings): LoginOutcome {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { result: { ok: false, error: malformedRequest('The login body must be a JSON object {"loginname","password"}', 'bad_body') } };
	}
	const input = body as Record<string, unknown>;
	return settings.flavour === 'cloud' ? cloudLogin(input, headers, settings) : classicLogin(input, settings);
}

function cloudLogin(input: Record<string, unknown>, headers: IncomingHttpHeaders, settings: LoginSettings): LoginOutcome {
	const principal = principalOf(input);
	const credentials = cloudCredentials(input);
	// UAARestController: a body Jackson cannot map, then any failure of the login itself.
	if (!credentials) return { principal, result: { ok: false, error: cloudLoginRefusal('登陆请求参数异常', 'The login body may only hold loginname, password, domain, mode and rememberme, as text (rememberme: true/false)') } };
	const user = settings.users.login(credentials.username, credentials.password);
	if (!user) return { principal, result: { ok: false, error: cloudLoginRefusal('用户名或密码错误', 'Wrong user name or password') } };
	const lifetime = credentials.rememberMe ? REMEMBER_ME_S : user.kind === 'api' ? API_USER_TOKEN_S : settings.tokenTtlS;
	const issued = settings.tokens.issue(user.username, lifetime);
	const appdata = appDataFor(user, headers, issued.expiresInS);
	return { principal, result: { ok: true, body: { token: issued.token, expirein: issued.expiresInS, ...(appdata ? { appdata } : {}) } } };
}

function classicLogin(input: Record<string, unknown>, settings: LoginSettings): LoginOutcome {
	const principal = principalOf(input);
	const blank = (['loginname', 'password'] as const).filter((f) => typeof input[f] !== 'string' || (input[f] as string).trim() === '');
	if (blank.length > 0) return { principal, result: { ok: false, error: classicConstraintViolation(blank) } };
	const username = usernameOf(input.loginname as string, textOf(input.domain));
	const user = settings.users.login(username, input.password as string);
	if (!user) return { principal, result: { ok: false, error: classicWrongPassword(username) } };
	const issued = settings.tokens.issue(user.username, settings.tokenTtlS);
	return { principal, result: { ok: true, body: { token: issued.token, user: classicUser(user) } } };
}

/** Jackson's reading of AuthorizationLogin: known properties only, scalar text, a boolean rememberme. */
function cloudCredentials(input: Record<string, unknown>): Credentials | undefined {
	if (Object.keys(input).some((k) => !CLOUD_LOGIN_PROPERTIES.has(k))) return undefined;
	const texts = ['loginname', 'password', 'domain', 'mode'].map((k) => input[k]);
	if (texts.some((v) => v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) return undefined;
	const remember = input.rememberme;
	if (remember !== undefined && remember !== null && typeof remember !== 'boolean' && remember !== 'true' && remember !== 'false') return undefined;
	return {
		username: usernameOf(textOf(input.loginname) ?? '', textOf(input.domain)),
		password: textOf(input.password) ?? '',
		rememberMe: remember === true || remember === 'true',
	};
}

function cloudLoginRefusal(message: string, detail: string): ApiError {
	return new ApiError(400, 'login_failed', detail, message, { cloud: { type: 'RuntimeException', code: CLOUD_CODES.INTERNALERROR, message } });
}

/** UAARestController.getAppData: only for non-API users who send both tenant headers. */
function appDataFor(user: KnownUser, headers: IncomingHttpHeaders, expirein: number): Record<string, unknown> | undefined {
	const tenant = tenantHeadersOf(headers);
	const meaningful = (v: string | undefined) => (v && v !== 'undefined' ? v : undefined);
	const systemId = meaningful(tenant.srfsystemid);
	const orgId = meaningful(tenant.srforgid);
	if (!systemId || !orgId || user.kind === 'api' || tenantRefusal(user, headers)) return undefined;
	return {
		context: { srfsystemid: systemId, srforgid: orgId, srfuserid: user.userid, srfusername: user.username, srfloginname: user.loginname, srfpersonname: user.loginname },
		expirein,
	};
}

/** ExceptionTranslator.handleMethodArgumentNotValid: 400, field errors, no alert headers. */
function classicConstraintViolation(fields: ReadonlyArray<'loginname' | 'password'>): ApiError {
	const texts = { loginname: '用户名不能为空', password: '密码不能为空' };
	const detail = `The login body needs ${fields.join(' and ')}`;
	return new ApiError(400, 'constraint_violation', detail, '数据校验发生错误', {
		classicAlert: null,
		classicBody: {
			type: `${PROBLEM_BASE}/constraint-violation`,
			title: '数据校验发生错误',
			status: 400,
			message: '数据校验发生错误',
			fieldErrors: fields.map((field) => ({ objectName: 'authorizationLogin', field, message: texts[field] })),
			path: '/v7/login',
		},
	});
}

/**
 * UAAUserService: BadRequestAlertException("用户名密码错误", "IBZUSER", username) — so the alert
 * headers carry X-ibz-error = the user name and X-ibz-params = IBZUSER, and `message` reads
 * "error.<user name>" (BadRequestAlertException.getAlertParameters).
 */
function classicWrongPassword(username: string): ApiError {
	return new ApiError(400, 'login_failed', 'Wrong user name or password', '用户名密码错误', {
		classicAlert: { errorKey: username, params: 'IBZUSER' },
		classicBody: { type: `${PROBLEM_BASE}/problem-with-message`, title: '用户名密码错误', status: 400, message: `error.${username}`, params: 'IBZUSER' },
	});
}

/** The classic AuthenticationUser (authorities and permissions removed, as the UAA does; no password). */
function classicUser(user: KnownUser): Record<string, unknown> {
	return {
		userid: user.userid,
		username: user.username,
		personname: user.loginname,
		loginname: user.loginname,
		domain: user.domain ?? null,
		usercode: user.loginname,
		orgid: user.orgId ?? null,
		srfsystemid: user.systemId ?? null,
		srfdcid: user.orgId ?? null,
		superuser: user.kind === 'super' ? 1 : 0,
	};
}

function principalOf(input: Record<string, unknown>): string | undefined {
	const loginname = textOf(input.loginname);
	return loginname ? usernameOf(loginname, textOf(input.domain)) : undefined;
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}
