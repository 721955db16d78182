/** The login (when the check logged in): its answer's shape, and that a wrong password is refused. */
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../context';
import { differ, is2xx, isObject, listSome, match, skip, unexpectedStatus } from '../expect';
import { cloudError, describeGeneration, errorGeneration } from '../generations';
import { sendLogin } from '../credentialLogin';

export async function checkLogin(ctx: RunContext): Promise<void> {
	const login = ctx.session.login;
	if (!login) {
		ctx.recordAll(['login.token', 'login.wrong-password'], skip('no --user given: the check used --token'));
		return;
	}
	const { settings, result } = login;

	await ctx.check('login.token', async () => {
		const body = isObject(result.answer.json) ? result.answer.json : {};
		if (result.shape === 'cloud') return match(`cloud: {token, expirein: ${String(body.expirein)}${body.appdata ? ', appdata' : ''}}`);
		if (result.shape === 'classic') return match('classic: {token, user}');
		return differ(`the answer holds a token, but neither generation's shape (keys: ${listSome(Object.keys(body))})`, 'unknown-shape');
	});

	await ctx.check('login.wrong-password', async () => {
		const res = await sendLogin(ctx.api, settings, `contract-check-wrong-${randomBytes(9).toString('hex')}`);
		if (is2xx(res)) return differ(`a wrong password was accepted (HTTP ${res.status})`);
		const generation = errorGeneration(res);
		if (generation === 'cloud' && cloudError(res)?.code === 1 && res.status === 500) return noted(ctx, 'cloud', describeGeneration(res));
		if (generation === 'classic' && res.status === 400) {
			const alert = res.headers['x-ibz-params'] ? `, X-ibz-params ${res.headers['x-ibz-params']}` : '';
			return noted(ctx, 'classic', `${describeGeneration(res)}${alert}`);
		}
		if (res.status === 401 || res.status === 403) return match(`refused with HTTP ${res.status}`);
		return differ(unexpectedStatus(res, 'a refusal (cloud: HTTP 500 code 1; classic: HTTP 400)'));
	});
}

function noted(ctx: RunContext, generation: 'cloud' | 'classic', info: string) {
	ctx.noteGeneration(generation, `a wrong password got ${info.replace(/^\w+: /, '')}`);
	return match(info);
}
