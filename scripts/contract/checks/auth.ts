/** Token auth: 401 without, with a wrong or an expired token, the shape of that 401, and cloud's tenant rule. */
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../context';
import { describe, differ, is2xx, isObject, match, problemShapeIssues, skip, unexpectedStatus } from '../expect';
import type { ApiResponse } from '../http';
import { RESOURCE, fetchDefault } from './common';

const PROBE = { page: 0, size: 1 };

export async function checkAuth(ctx: RunContext): Promise<void> {
	let unauthorized: ApiResponse | undefined;
	await ctx.check('auth.no-token', async () => {
		const res = await fetchDefault(ctx, PROBE, { kind: 'none' });
		if (res.status !== 401) return differ(unexpectedStatus(res, '401'));
		unauthorized = res;
		return match();
	});
	await ctx.check('auth.bad-token', async () => {
		const wrong = `contract-check-wrong-token-${randomBytes(12).toString('hex')}`;
		const res = await fetchDefault(ctx, PROBE, { kind: 'token', token: wrong });
		if (res.status !== 401) return differ(unexpectedStatus(res, '401'));
		unauthorized ??= res;
		return match();
	});
	await ctx.check('auth.expired-token', async () => {
		const expired = expiredCopy(ctx.api.token);
		if (!expired) return skip('the token is not a JWT with an exp (header.payload.signature)');
		const res = await fetchDefault(ctx, PROBE, { kind: 'token', token: expired });
		return res.status === 401 ? match() : differ(unexpectedStatus(res, '401'));
	});
	await ctx.check('auth.error-shape', async () => {
		if (!unauthorized) return skip('no 401 answer to inspect');
		if (unauthorized.body.length === 0) {
			ctx.noteGeneration('cloud', 'a request without a token got HTTP 401 with an empty body');
			return match('cloud: HTTP 401 with an empty body');
		}
		const issues = problemShapeIssues(unauthorized);
		if (issues.length > 0) return differ(`${issues.join('; ')} (${describe(unauthorized)})`, 'shape');
		ctx.noteGeneration('classic', 'a request without a token got HTTP 401 with problem JSON');
		return match(`classic: ${describe(unauthorized)}`);
	});
	await ctx.check('auth.tenant-required', async () => {
		if (!ctx.session.login) return skip('not logged in as a user (give --user and --password)');
		if (!ctx.session.tenantGiven) return skip('no tenant given (--system-id, --org-id)');
		const res = await ctx.send({ method: 'POST', path: [RESOURCE, 'fetch_default'], json: PROBE, tenant: false });
		if (res.status === 403) return match(res.body.length === 0 ? 'cloud: HTTP 403 with an empty body' : `HTTP 403: ${describe(res)}`);
		if (!is2xx(res)) return differ(unexpectedStatus(res, '403'));
		if (ctx.generation === 'classic') return match('classic: no tenant rule; the organisation comes from the user record');
		return differ(`a request without srfsystemid/srforgid succeeded (HTTP ${res.status})`, 'exempt-user');
	});
}

/** The token with its `exp` moved an hour into the past (so its signature no longer matches). */
function expiredCopy(token: string): string | undefined {
	const [header, payload, signature, ...rest] = token.split('.');
	if (!header || !payload || !signature || rest.length > 0) return undefined;
	let claims: unknown;
	try {
		claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
	if (!isObject(claims) || typeof claims.exp !== 'number') return undefined;
	const expired = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 }), 'utf8').toString('base64url');
	return `${header}.${expired}.${signature}`;
}
