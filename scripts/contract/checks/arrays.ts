/**
 * Several leads in one request, as Create or Update's Leads Per Request sends them
 * (docs/api/IBIZ-FLAVOURS.md, "Arrays"): cloud takes an array on save and answers the records in
 * order; classic takes it on savebatch and answers `true`; a server with neither is tolerated
 * (the node falls back to one request per lead).
 */
import type { RunContext } from '../context';
import { describe, differ, is2xx, isObject, match, quote, skip, type Json } from '../expect';
import { KEY, LEAD, NAME, TYPE } from '../fields';
import type { ApiResponse } from '../http';
import type { Outcome } from '../types';
import { RESOURCE, readLead } from './common';

/** Statuses of a server that cannot take the array at all (the node's fallback, bulkSave.ts). */
const REFUSED = new Set([400, 404, 405, 413, 415]);

type Path = 'save' | 'savebatch';

const post = (ctx: RunContext, path: Path, leads: Json[]): Promise<ApiResponse> =>
	ctx.send({ method: 'POST', path: [RESOURCE, path], json: leads });

function inOrder(res: ApiResponse, ids: readonly string[]): boolean {
	return Array.isArray(res.json) && res.json.length === ids.length && res.json.every((r, i) => isObject(r) && r[KEY.name] === ids[i]);
}

async function stored(ctx: RunContext, ids: readonly string[]): Promise<boolean[]> {
	return await Promise.all(ids.map(async (id) => (await readLead(ctx, id)) !== undefined));
}

export async function checkArrays(ctx: RunContext): Promise<void> {
	/** Where this server takes arrays: found by the first check, used by the second. */
	let arrayPath: Path | undefined;
	await ctx.check('save.array', async () => {
		const ids = [ctx.id('arr-1'), ctx.id('arr-2')];
		const leads = ids.map((id, i) => ({ [KEY.name]: id, [TYPE.name]: LEAD, [NAME.name]: ctx.name(`array ${i + 1}`) }));
		const viaSave = await post(ctx, 'save', leads);
		if (is2xx(viaSave)) {
			if (!inOrder(viaSave, ids)) return differ(`save with an array answered ${describe(viaSave)} instead of the two records in order`);
			if ((await stored(ctx, ids)).includes(false)) return differ('save with an array answered the records, but GET does not find both');
			arrayPath = 'save';
			return match('cloud: save takes an array and answers the records in order');
		}
		if (!REFUSED.has(viaSave.status)) return differ(`save with an array answered ${describe(viaSave)} (a refusal would be 400, 404, 405, 413 or 415)`);
		const viaBatch = await post(ctx, 'savebatch', leads);
		if (is2xx(viaBatch) && viaBatch.json === true) {
			if ((await stored(ctx, ids)).includes(false)) return differ('savebatch answered true, but GET does not find both leads');
			arrayPath = 'savebatch';
			return match(`classic: save refuses an array (HTTP ${viaSave.status}); savebatch takes it and answers true`);
		}
		if (is2xx(viaBatch)) return differ(`savebatch answered ${describe(viaBatch)} instead of true`);
		return differ(`neither save (HTTP ${viaSave.status}) nor savebatch (HTTP ${viaBatch.status}) takes an array of leads`, 'no-arrays');
	});

	await ctx.check('save.array-failure', async () => {
		if (!arrayPath) return skip('needs a server that takes arrays (see save.array)');
		const ids = [ctx.id('arrf-1'), ctx.id('arrf-2'), ctx.id('arrf-3')];
		// The middle lead is new and has no Type, which the server requires.
		const leads: Json[] = [
			{ [KEY.name]: ids[0], [TYPE.name]: LEAD, [NAME.name]: ctx.name('array failure 1') },
			{ [KEY.name]: ids[1], [NAME.name]: ctx.name('array failure 2 (no type)') },
			{ [KEY.name]: ids[2], [TYPE.name]: LEAD, [NAME.name]: ctx.name('array failure 3') },
		];
		const res = await post(ctx, arrayPath, leads);
		const [first, second, third] = await stored(ctx, ids);
		if (is2xx(res)) return differ(`a lead without its required Type was accepted in an array: ${describe(res)}${second ? '' : ', though it was not stored'}`);
		if (second) return differ(`the array answered HTTP ${res.status}, but the lead without Type was stored`);
		return outcomeOfFailure(first, third, res);
	});
}

/** Cloud keeps the leads before the failing one (each its own transaction); classic keeps none. */
function outcomeOfFailure(first: boolean, third: boolean, res: ApiResponse): Outcome {
	const answer = `HTTP ${res.status}`;
	if (first && !third) return match(`${answer}; the lead before the failing one was kept, the one after it never tried (cloud, item by item)`);
	if (!first && !third) return match(`${answer}; no lead of the array was kept (all or nothing, classic savebatch)`);
	return differ(`${answer}; kept: first ${quote(first)}, third ${quote(third)}`, 'kept-after-failure');
}
