/** Single-record endpoints: create, get, update, save, get_draft, check_key, delete. */
import type { RunContext } from '../context';
import { describe, differ, is2xx, isObject, isWireTimestamp, listSome, match, quote, sameJson, skip, unexpectedStatus, type Json } from '../expect';
import { AUDIT_FIELDS, DESCRIPTION, KEY, LEAD, NAME, OPPORTUNITY, TYPE, WRITABLE_FIELDS } from '../fields';
import { describeGeneration, isDuplicate, isNotFound } from '../generations';
import type { ApiResponse } from '../http';
import type { Outcome } from '../types';
import { NEEDS_A, RESOURCE, checkKey, createLead, deleteLead, getLead, needA, putLead, readLead } from './common';

/** MATCH for "no such record", naming the generation when it is cloud's HTTP 500 code 3. */
function notFoundAnswer(res: ApiResponse, what: string): Outcome {
	if (!isNotFound(res)) return differ(`${what}${unexpectedStatus(res, '404 (cloud: HTTP 500 code 3)')}`);
	return match(res.status === 404 ? undefined : describeGeneration(res));
}

export async function checkCreate(ctx: RunContext): Promise<void> {
	await ctx.check('create.with-id', async () => {
		const id = ctx.id('a');
		const res = await createLead(ctx, { [KEY.name]: id, [TYPE.name]: LEAD, [NAME.name]: ctx.name('A') });
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with the record'));
		if (isObject(res.json)) ctx.track(res.json[KEY.name]);
		const stored = await getLead(ctx, id);
		if (!is2xx(stored)) return differ(`the create answered HTTP ${res.status}, but GET of '${id}' answered ${describe(stored)}`);
		ctx.fixtures.a = id;
		if (!isObject(res.json)) return differ(`the create answered ${describe(res)} instead of the record`);
		if (res.json[KEY.name] !== id) return differ(`the returned record's id is ${quote(res.json[KEY.name])}, not ${quote(id)}`);
		return match(res.status === 200 ? undefined : `answered HTTP ${res.status}`);
	});

	await ctx.check('create.without-id', async () => {
		const res = await createLead(ctx, { [TYPE.name]: OPPORTUNITY, [NAME.name]: ctx.name('B') });
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with the record'));
		const id = isObject(res.json) ? res.json[KEY.name] : undefined;
		ctx.track(id);
		if (typeof id !== 'string' || id === '') return differ(`the answer carries no string id (id: ${quote(id)}; ${describe(res)})`);
		if (!is2xx(await getLead(ctx, id))) return differ(`the generated id ${quote(id)} cannot be read back with GET`);
		ctx.fixtures.b = id;
		return match(`generated id ${quote(id)}`);
	});

	await ctx.check('create.duplicate-id', async () => {
		const need = needA(ctx);
		if ('outcome' in need) return need.outcome;
		const duplicateName = ctx.name('A (duplicate)');
		const res = await createLead(ctx, { [KEY.name]: need.id, [TYPE.name]: LEAD, [NAME.name]: duplicateName });
		if (res.status === 409) return match();
		if (isDuplicate(res)) return match(describeGeneration(res));
		if (is2xx(res)) {
			const now = await readLead(ctx, need.id);
			const overwritten = now?.[NAME.name] === duplicateName;
			// Put the name back: the list checks sort by it.
			if (overwritten) await putLead(ctx, need.id, { [NAME.name]: ctx.name('A') });
			return differ(`the second create was accepted (HTTP ${res.status})${overwritten ? ' and overwrote the existing record' : ''}`);
		}
		if (res.status >= 400 && res.status < 500) return differ(unexpectedStatus(res, '409'), 'other-4xx');
		return differ(unexpectedStatus(res, '409'));
	});
}

export async function checkGet(ctx: RunContext): Promise<void> {
	const need = needA(ctx);
	if ('outcome' in need) {
		ctx.recordAll(['get.all-fields', 'get.audit-fields'], need.outcome);
		return;
	}
	let record: Json | undefined;
	await ctx.check('get.all-fields', async () => {
		const res = await getLead(ctx, need.id);
		if (!is2xx(res) || !isObject(res.json)) return differ(unexpectedStatus(res, '200 with the record'));
		record = res.json;
		const keys = new Set(Object.keys(record));
		const missing = WRITABLE_FIELDS.filter((f) => !keys.has(f.name)).map((f) => f.name);
		const known = new Set([...WRITABLE_FIELDS, ...AUDIT_FIELDS].map((f) => f.name));
		const extra = [...keys].filter((k) => !known.has(k));
		const info = extra.length > 0 ? `also sends: ${listSome(extra)}` : undefined;
		if (missing.length === 0) return match(info);
		const setByUs = [KEY.name, TYPE.name, NAME.name];
		const variant = missing.some((m) => setByUs.includes(m)) ? undefined : 'nulls-omitted';
		return differ(`${missing.length} of ${WRITABLE_FIELDS.length} fields are absent: ${listSome(missing)}`, variant, info);
	});
	await ctx.check('get.audit-fields', async () => {
		if (!record) return skip('no record to inspect (see get.all-fields)');
		const problems: string[] = [];
		for (const f of AUDIT_FIELDS) {
			const value = record[f.name];
			if (!(f.name in record)) problems.push(`${f.name} is absent`);
			else if (value === null) problems.push(`${f.name} is null`);
			else if (f.wireType === 'Timestamp' && !isWireTimestamp(value)) problems.push(`${f.name} is ${quote(value)}`);
		}
		const info = AUDIT_FIELDS.map((f) => `${f.name}=${quote(record?.[f.name])}`).join(', ');
		return problems.length === 0 ? match(info) : differ(problems.join('; '), undefined, info);
	});
}

export async function checkUpdate(ctx: RunContext): Promise<void> {
	await ctx.check('update.partial', async () => {
		const need = needA(ctx);
		if ('outcome' in need) return need.outcome;
		const before = await readLead(ctx, need.id);
		if (!before) return differ('GET of the test record failed before the update');
		const description = `${ctx.runId} partial update`;
		const res = await putLead(ctx, need.id, { [DESCRIPTION.name]: description });
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with the record'));
		const after = await readLead(ctx, need.id);
		if (!after) return differ('GET of the test record failed after the update');
		if (after[DESCRIPTION.name] !== description) return differ(`${DESCRIPTION.name} was not written: it reads ${quote(after[DESCRIPTION.name])}`);
		const changing = new Set([DESCRIPTION.name, ...AUDIT_FIELDS.map((f) => f.name)]);
		const lost = Object.keys(before).filter((k) => !changing.has(k) && before[k] !== null && before[k] !== undefined && !sameJson(before[k], after[k]));
		if (lost.length > 0) {
			return differ(`fields absent from the body changed: ${listSome(lost.map((k) => `${k} ${quote(before[k], 30)} → ${quote(after[k], 30)}`), 4)}`);
		}
		if (!isObject(res.json) || res.json[KEY.name] !== need.id || res.json[DESCRIPTION.name] !== description) {
			return differ(`the update was stored, but the PUT answered ${describe(res)} instead of the updated record`);
		}
		return match();
	});

	await ctx.check('update.missing', async () => {
		const id = ctx.id('missing-put');
		const res = await putLead(ctx, id, { [TYPE.name]: LEAD, [NAME.name]: ctx.name('must not exist') });
		if (is2xx(res)) return differ(`a PUT on the missing key '${id}' answered HTTP ${res.status}${(await readLead(ctx, id)) ? ' and created the record' : ''}`);
		return notFoundAnswer(res, '');
	});
}

export async function checkSave(ctx: RunContext): Promise<void> {
	const id = ctx.id('c');
	const save = (name: string) => ctx.send({ method: 'POST', path: [RESOURCE, 'save'], json: { [KEY.name]: id, [TYPE.name]: LEAD, [NAME.name]: name } });

	await ctx.check('save.creates', async () => {
		const name = ctx.name('C');
		const res = await save(name);
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with the record'));
		const stored = await readLead(ctx, id);
		if (!stored) return differ(`save answered HTTP ${res.status}, but GET of '${id}' finds no record`);
		ctx.fixtures.c = id;
		if (stored[NAME.name] !== name) return differ(`the stored name is ${quote(stored[NAME.name])}, not ${quote(name)}`);
		if (!isObject(res.json) || res.json[KEY.name] !== id) return differ(`the record was created, but save answered ${describe(res)} instead of it`);
		return match();
	});

	await ctx.check('save.updates', async () => {
		if (!ctx.fixtures.c) return skip('needs the record save.creates makes');
		const name = ctx.name('C saved again');
		const res = await save(name);
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with the record'));
		const stored = await readLead(ctx, id);
		if (!stored) return differ(`after the second save, GET of '${id}' finds no record`);
		if (stored[NAME.name] !== name) return differ(`the name still reads ${quote(stored[NAME.name])}: the second save did not update the record`);
		if (!isObject(res.json) || res.json[KEY.name] !== id) return differ(`the record was updated, but save answered ${describe(res)} instead of it`);
		return match();
	});
}

export async function checkDraft(ctx: RunContext): Promise<void> {
	const id = ctx.id('draft');
	const given: Record<string, string> = { [KEY.name]: id, [NAME.name]: ctx.name('D (draft)'), [TYPE.name]: OPPORTUNITY };

	await ctx.check('draft.values', async () => {
		const res = await ctx.send({ method: 'GET', path: [RESOURCE, 'get_draft'], query: given });
		if (!is2xx(res) || !isObject(res.json)) return differ(unexpectedStatus(res, '200 with a record'));
		const draft = res.json;
		const wrong = Object.entries(given).filter(([k, v]) => draft[k] !== v);
		const defaults = WRITABLE_FIELDS.filter((f) => !(f.name in given) && draft[f.name] !== null && draft[f.name] !== undefined);
		const info = defaults.length > 0 ? `defaults: ${listSome(defaults.map((f) => `${f.name}=${quote(draft[f.name], 30)}`), 8)}` : 'no field has a default value';
		if (wrong.length > 0) return differ(`values given in the query were not applied: ${wrong.map(([k, v]) => `${k} sent ${quote(v)}, got ${quote(draft[k])}`).join('; ')}`, undefined, info);
		return match(info);
	});

	await ctx.check('draft.stores-nothing', async () => {
		const res = await getLead(ctx, id);
		if (is2xx(res)) return differ(`the draft was stored: GET of '${id}' answered HTTP ${res.status}`);
		return notFoundAnswer(res, "GET of the draft's id: ");
	});
}

/** check_key must answer the bare JSON integer (classic's generated check key answers a Boolean: tolerated). */
function keyAnswer(res: ApiResponse, expected: 0 | 1): Outcome {
	if (!is2xx(res)) return differ(unexpectedStatus(res, `200 with ${expected}`));
	if (res.isJson && res.json === expected) return match();
	const body = res.text.trim() === '' ? 'an empty body' : quote(res.isJson ? res.json : res.text);
	const boolean = res.isJson && typeof res.json === 'boolean' && Number(res.json) === expected;
	return differ(`answered ${body} instead of the integer ${expected}`, boolean ? 'boolean' : undefined);
}

export async function checkKeys(ctx: RunContext): Promise<void> {
	await ctx.check('check-key.exists', async () => {
		const need = needA(ctx);
		if ('outcome' in need) return need.outcome;
		return keyAnswer(await checkKey(ctx, { [KEY.name]: need.id }), 1);
	});
	await ctx.check('check-key.missing', async () => keyAnswer(await checkKey(ctx, { [KEY.name]: `${ctx.runId}-missing` }), 0));
	await ctx.check('check-key.no-id', async () => keyAnswer(await checkKey(ctx, { [NAME.name]: ctx.name('no id') }), 0));
}

/** After a DELETE: classic forgets the key (0); cloud's logical delete keeps it (2, CheckKeyStates.DELETE). */
async function deletedKeyAnswer(ctx: RunContext, id: string): Promise<Outcome> {
	const res = await checkKey(ctx, { [KEY.name]: id });
	if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with 0 or 2'));
	if (res.isJson && res.json === 2) {
		ctx.noteGeneration('cloud', 'check_key answered 2 (deleted) for a deleted key: logical delete');
		return match('2 = deleted (cloud): save and create refuse this key from now on');
	}
	if (res.isJson && res.json === 0) return match('0: the key is free again (classic)');
	return differ(`answered ${res.text.trim() === '' ? 'an empty body' : quote(res.isJson ? res.json : res.text)} instead of 0 or 2${res.json === 1 ? ': the deleted key still exists' : ''}`);
}

/** Runs last: deletes the main test record. */
export async function checkDelete(ctx: RunContext): Promise<void> {
	const id = ctx.fixtures.a;
	if (!id) {
		ctx.recordAll(['delete.returns-true', 'delete.then-404', 'check-key.deleted', 'delete.missing'], NEEDS_A);
		return;
	}
	let deleted = false;
	await ctx.check('delete.returns-true', async () => {
		const res = await deleteLead(ctx, id);
		deleted = is2xx(res);
		if (res.status === 200 && res.isJson && res.json === true) return match();
		if (!is2xx(res)) return differ(unexpectedStatus(res, '200 with true'));
		const empty = res.text.trim() === '';
		const variant = empty || (res.isJson && (res.json === 'true' || res.json === null)) ? 'empty-or-string' : undefined;
		return differ(`answered HTTP ${res.status} with ${empty ? 'an empty body' : quote(res.isJson ? res.json : res.text)}`, variant);
	});
	const notDeleted = skip('the DELETE did not succeed (see delete.returns-true)');
	await ctx.check('delete.then-404', async () => (deleted ? notFoundAnswer(await getLead(ctx, id), '') : notDeleted));
	await ctx.check('check-key.deleted', async () => (deleted ? deletedKeyAnswer(ctx, id) : notDeleted));
	await ctx.check('delete.missing', async () => {
		if (!deleted) return notDeleted;
		const res = await deleteLead(ctx, id);
		if (is2xx(res)) return differ(`a DELETE of the deleted key answered ${describe(res)}`, 'success');
		return notFoundAnswer(res, '');
	});
}
