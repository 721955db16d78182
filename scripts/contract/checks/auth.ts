/** Bearer auth: 401 without or with a wrong token, and the shape of that 401. */
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../context';
import { describe, differ, match, problemShapeIssues, unexpectedStatus } from '../expect';
import type { ApiResponse } from '../http';
import { fetchDefault } from './common';

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
	await ctx.check('auth.error-shape', async () => {
		if (!unauthorized) return { status: 'skipped', reason: 'no 401 answer to inspect' };
		const issues = problemShapeIssues(unauthorized);
		return issues.length === 0 ? match() : differ(`${issues.join('; ')} (${describe(unauthorized)})`, 'shape');
	});
}
