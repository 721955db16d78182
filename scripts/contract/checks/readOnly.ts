/** The read-only token: reads work, writes get 403. */
import type { RunContext } from '../context';
import { describe, differ, is2xx, match, skip, unexpectedStatus } from '../expect';
import { KEY, LEAD, NAME, TYPE } from '../fields';
import type { ApiResponse } from '../http';
import type { Outcome } from '../types';
import { createLead, deleteLead, fetchDefault, readLead } from './common';

function forbidden(res: ApiResponse, write: string): Outcome {
	if (res.status === 403) return match();
	if (res.status === 401) return differ(`the read-only token was rejected altogether (${describe(res)}): is it valid?`);
	if (is2xx(res)) return differ(`the ${write} succeeded (HTTP ${res.status})`);
	return differ(unexpectedStatus(res, '403'));
}

export async function checkReadOnly(ctx: RunContext): Promise<void> {
	const token = ctx.readOnlyToken;
	if (!token) {
		ctx.recordAll(['readonly.read', 'readonly.create-403', 'readonly.delete-403'], skip('no --read-only-token given'));
		return;
	}
	const auth = { kind: 'token', token } as const;

	await ctx.check('readonly.read', async () => {
		const res = await fetchDefault(ctx, { page: 0, size: 1 }, auth);
		return is2xx(res) ? match() : differ(unexpectedStatus(res, '200'));
	});

	await ctx.check('readonly.create-403', async () => {
		const res = await createLead(ctx, { [KEY.name]: ctx.id('read-only'), [TYPE.name]: LEAD, [NAME.name]: ctx.name('read-only create') }, auth);
		return forbidden(res, 'create');
	});

	await ctx.check('readonly.delete-403', async () => {
		// Never the main record: later checks delete it with the full token.
		const target = ctx.fixtures.c ?? ctx.fixtures.b;
		if (!target) return skip('needs a test record besides the main one (see save.creates, create.without-id)');
		const res = await deleteLead(ctx, target, auth);
		if (is2xx(res) && !(await readLead(ctx, target))) return differ(`the delete succeeded (HTTP ${res.status}): the test record is gone`);
		return forbidden(res, 'delete');
	});
}
