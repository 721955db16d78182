/**
 * fetch_default: paging headers, 0-based pages, size, sort and every filter of the table. Every
 * query but two is narrowed to this run's test records with n_name_like, so the answers do not
 * depend on what else the server holds (and nothing else is read in bulk).
 */
import { LEAD_FILTERS, type FilterSpec } from '../../../nodes/CrmLead/fields/leadFields';
import { BEHAVIOURS, FILTER_BEHAVIOUR_PREFIX, LIST_GROUP } from '../catalogue';
import type { RunContext } from '../context';
import { describe, differ, is2xx, listSome, match, quote, skip, unexpectedStatus, type Json } from '../expect';
import { KEY, NAME, NAME_LIKE, TYPE, optionValue } from '../fields';
import type { ApiResponse } from '../http';
import type { Outcome } from '../types';
import { NEEDS_A, fetchDefault, idsOf, putLead, readLead, rowsOf } from './common';

const filterId = (key: string) => `${FILTER_BEHAVIOUR_PREFIX}${key}`;
const NARROWING = NAME_LIKE;
const SIZE_ALL = 50;
const NEEDS_NARROW = skip(`needs ${NARROWING?.key ?? 'a name filter'} to keep the query to the test records (see ${filterId(NARROWING?.key ?? '')})`);
const NEEDS_TWO = skip('needs at least two test records in the list');

/** The rows of a 2xx list answer, or an outcome saying what came instead. */
function listAnswer(res: ApiResponse, what: string): { rows: Json[] } | { outcome: Outcome } {
	if (!is2xx(res)) return { outcome: differ(`${what}: ${unexpectedStatus(res, '200 with a JSON array')}`) };
	const rows = rowsOf(res);
	return rows ? { rows } : { outcome: differ(`${what}: answered ${describe(res)} instead of a JSON array of records`) };
}

const valueText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function satisfies(row: Json, spec: FilterSpec, value: string): boolean {
	const actual = valueText(row[spec.field.name]);
	return spec.op === 'eq' ? actual === value : actual.includes(value);
}

/** With --read-only there are no test records: page numbering is checked on what the server holds. */
async function checkListsReadOnly(ctx: RunContext): Promise<void> {
	const notChecked = skip("not checked: --read-only (it writes, or needs the check's own test records)");
	await ctx.check('list.page-zero-based', async () => {
		const sort = `${KEY.name},asc`;
		const two = listAnswer(await fetchDefault(ctx, { page: 0, size: 2, sort }), 'page 0 of size 2');
		if ('outcome' in two) return two.outcome;
		if (two.rows.length < 2) return skip('the server holds fewer than two leads, so pages cannot be told apart');
		return pageNumbering(idsOf(two.rows), (page) => fetchDefault(ctx, { page, size: 1, sort }));
	});
	await checkDefaultSize(ctx);
	for (const b of BEHAVIOURS) if (b.group === LIST_GROUP && !ctx.has(b.id)) ctx.record(b.id, notChecked);
}

/** Pages 0 and 1 of size 1 must serve the first and the second of `expected`. */
async function pageNumbering(expected: readonly string[], page: (n: number) => Promise<ApiResponse>): Promise<Outcome> {
	const pages: string[] = [];
	const lengths: number[] = [];
	for (const n of [0, 1]) {
		const answer = listAnswer(await page(n), `page ${n}`);
		if ('outcome' in answer) return answer.outcome;
		pages.push(answer.rows.length > 0 ? String(answer.rows[0][KEY.name]) : '(empty)');
		lengths.push(answer.rows.length);
	}
	if (pages[0] === expected[0] && pages[1] === expected[1]) return match();
	if (pages[0] === pages[1]) {
		const sizes = lengths.some((n) => n > 1) ? ` (${lengths[0]} and ${lengths[1]} records for size 1)` : '';
		return differ(`page 0 and page 1 both start with the record ${pages[0]}${sizes}: the server seems to ignore page`);
	}
	if (pages[1] === expected[0]) return differ(`page 1 served the first record (${pages[1]}): pages seem to count from 1`);
	return differ(`page 0 served ${pages[0]}, page 1 ${pages[1]}; expected ${expected.slice(0, 2).join(', ')}`);
}

export async function checkLists(ctx: RunContext): Promise<void> {
	if (ctx.mode.readOnly) return checkListsReadOnly(ctx);
	const fixtures = [ctx.fixtures.a, ctx.fixtures.b, ctx.fixtures.c].filter((id): id is string => id !== undefined);
	const narrow: Json = NARROWING ? { [NARROWING.key]: ctx.runTag } : {};
	const list = (body: Json) => fetchDefault(ctx, { ...narrow, ...body });

	/** The run's test records, as the server lists them (undefined when the narrowing filter fails). */
	let ours: Json[] | undefined;
	let first: ApiResponse | undefined;
	if (NARROWING) {
		await ctx.check(filterId(NARROWING.key), async () => {
			if (fixtures.length === 0) return skip('needs test records, and none could be created');
			first = await list({ page: 0, size: SIZE_ALL });
			const answer = listAnswer(first, `${NARROWING.key}=${quote(ctx.runTag)}`);
			if ('outcome' in answer) return answer.outcome;
			const strangers = answer.rows.filter((r) => !valueText(r[NAME.name]).includes(ctx.runTag));
			if (strangers.length > 0) {
				return differ(`${strangers.length} records whose name does not contain ${quote(ctx.runTag)} came back, e.g. ${quote(strangers[0][NAME.name])}`);
			}
			const missing = fixtures.filter((id) => !idsOf(answer.rows).includes(id));
			if (missing.length > 0) return differ(`the test records ${missing.join(', ')} (their names contain ${quote(ctx.runTag)}) did not come back`);
			ours = answer.rows;
			return match(`substring ${quote(ctx.runTag)} taken from the middle of the names`);
		});
	}
	/** The fixtures among `ours`, in the order the server listed them. */
	const listed = () => (ours ?? []).filter((r) => fixtures.includes(String(r[KEY.name])));

	await ctx.check('list.paging-headers', async () => {
		if (!ours || !first) return NEEDS_NARROW;
		const second = await list({ page: 1, size: 1 });
		if (!is2xx(second)) return differ(`page 1: ${unexpectedStatus(second, '200')}`);
		const missing = new Set<string>();
		const wrong: string[] = [];
		const total = ours.length;
		const inspect = (res: ApiResponse, page: number, size: number) => {
			const expected: Array<[string, number]> = [['x-page', page], ['x-per-page', size], ['x-total', total]];
			for (const [name, value] of expected) {
				const raw = res.headers[name];
				if (raw === undefined) missing.add(name);
				else if (raw.trim() === '' || Number(raw) !== value) wrong.push(`page ${page} size ${size}: ${name} is ${quote(raw)}, expected ${value}`);
			}
			// Extra headers are fine, but cloud's x-total-pages must agree (Spring's PageImpl.getTotalPages).
			const pages = res.headers['x-total-pages'];
			if (pages !== undefined && Number(pages) !== Math.ceil(total / size)) wrong.push(`page ${page} size ${size}: x-total-pages is ${quote(pages)}, expected ${Math.ceil(total / size)}`);
		};
		inspect(first, 0, SIZE_ALL);
		inspect(second, 1, 1);
		const missingText = missing.size > 0 ? `missing ${[...missing].join(', ')}` : '';
		if (wrong.length > 0) return differ([missingText, ...wrong].filter(Boolean).join('; '));
		if (missing.size > 0) return differ(missingText, 'missing');
		const extra = Object.keys(first.headers).filter((h) => h.startsWith('x-') && !['x-page', 'x-per-page', 'x-total'].includes(h));
		return match(`x-total ${total} for the test records${extra.length > 0 ? `; also sends ${extra.join(', ')}` : ''}`);
	});

	await ctx.check('list.size', async () => {
		if (!ours) return NEEDS_NARROW;
		for (const size of ours.length >= 2 ? [1, 2] : [1]) {
			const answer = listAnswer(await list({ page: 0, size }), `size ${size}`);
			if ('outcome' in answer) return answer.outcome;
			if (answer.rows.length > size) return differ(`size ${size} served ${answer.rows.length} records`, 'more-than-size');
			if (answer.rows.length < size) return differ(`size ${size} served ${answer.rows.length} of the ${ours.length} matching records`);
		}
		return match();
	});

	await ctx.check('list.page-zero-based', async () => {
		if (!ours) return NEEDS_NARROW;
		if (ours.length < 2) return NEEDS_TWO;
		const sort = `${KEY.name},asc`;
		const all = listAnswer(await list({ page: 0, size: SIZE_ALL, sort }), 'all test records');
		if ('outcome' in all) return all.outcome;
		return pageNumbering(idsOf(all.rows), (page) => list({ page, size: 1, sort }));
	});

	const sortCheck = (id: string, sort: string, compare: (x: Json, y: Json) => number) =>
		ctx.check(id, async () => {
			if (!ours) return NEEDS_NARROW;
			const records = listed();
			if (records.length < 2) return NEEDS_TWO;
			const answer = listAnswer(await list({ page: 0, size: SIZE_ALL, sort }), `sort ${quote(sort)}`);
			if ('outcome' in answer) return answer.outcome;
			const served = idsOf(answer.rows).filter((x) => fixtures.includes(x));
			const expected = idsOf([...records].sort(compare));
			const label = (ids: string[]) => ids.map((x) => quote(records.find((r) => r[KEY.name] === x)?.[NAME.name], 60)).join(' < ');
			return served.join() === expected.join() ? match() : differ(`served ${label(served)}; expected ${label(expected)}`);
		});
	const text = (r: Json, f: string) => valueText(r[f]);
	const asc = (f: string) => (x: Json, y: Json) => (text(x, f) < text(y, f) ? -1 : text(x, f) > text(y, f) ? 1 : 0);
	const desc = (f: string) => (x: Json, y: Json) => -asc(f)(x, y);
	await sortCheck('list.sort-asc', `${NAME.name},asc`, asc(NAME.name));
	await sortCheck('list.sort-desc', `${NAME.name},desc`, desc(NAME.name));
	await sortCheck('list.sort-multi', `${TYPE.name},asc;${NAME.name},desc`, (x, y) => asc(TYPE.name)(x, y) || desc(NAME.name)(x, y));

	await checkDefaultSize(ctx);

	await checkFilters(ctx, ours, list);
}

async function checkDefaultSize(ctx: RunContext): Promise<void> {
	await ctx.check('list.default-size', async () => {
		// Not narrowed: reads one page (at most 20 records) of whatever the server holds.
		const res = await fetchDefault(ctx, { page: 0 });
		const answer = listAnswer(res, 'no size');
		if ('outcome' in answer) return answer.outcome;
		const served = answer.rows.length;
		if (served > 20) return differ(`without size, ${served} records came`, 'any');
		const header = res.headers['x-per-page'];
		if (header !== undefined) return Number(header) === 20 ? match() : differ(`without size, x-per-page is ${quote(header)}`, 'any');
		if (served === 20) return match();
		const probe = listAnswer(await fetchDefault(ctx, { page: 0, size: 21 }), 'size 21');
		if ('outcome' in probe) return probe.outcome;
		if (probe.rows.length > served) return differ(`without size ${served} records came, with size 21 ${probe.rows.length}`, 'any');
		return match(`the server lists only ${served} records: checked that no more than 20 came`);
	});
}

/** Gives the main test record a value for every filtered field it lacks; returns why some failed. */
async function prepareFilterValues(ctx: RunContext, id: string, record: Json, specs: readonly FilterSpec[]): Promise<Map<string, string>> {
	const refused = new Map<string, string>();
	const wanted: Json = {};
	for (const spec of specs) {
		const f = spec.field;
		if (f === KEY || (record[f.name] !== null && record[f.name] !== undefined)) continue;
		wanted[f.name] = f.options ? optionValue(f, 1) : `${ctx.runId}-${f.name}`;
	}
	if (Object.keys(wanted).length === 0) return refused;
	if (is2xx(await putLead(ctx, id, wanted))) return refused;
	// One field spoilt the batch: try them one by one to learn which.
	for (const [name, value] of Object.entries(wanted)) {
		const res = await putLead(ctx, id, { [name]: value });
		if (!is2xx(res)) refused.set(name, describe(res));
	}
	return refused;
}

async function checkFilters(ctx: RunContext, ours: Json[] | undefined, list: (body: Json) => Promise<ApiResponse>): Promise<void> {
	const specs = LEAD_FILTERS.filter((s) => s !== NARROWING);
	const a = ctx.fixtures.a;
	let record: Json | undefined;
	let refused = new Map<string, string>();
	if (a && ours) {
		const before = await readLead(ctx, a);
		if (before) refused = await prepareFilterValues(ctx, a, before, specs);
		record = await readLead(ctx, a);
	}

	for (const spec of specs) {
		await ctx.check(filterId(spec.key), async () => {
			if (!a) return NEEDS_A;
			if (spec.field === KEY) {
				const hit = listAnswer(await fetchDefault(ctx, { page: 0, size: 5, [spec.key]: a }), `${spec.key}=${quote(a)}`);
				if ('outcome' in hit) return hit.outcome;
				if (idsOf(hit.rows).join() !== a) return differ(`${spec.key}=${quote(a)} served ${quote(idsOf(hit.rows))}, expected just that record`);
				const none = listAnswer(await fetchDefault(ctx, { page: 0, size: 5, [spec.key]: `${ctx.runId}-missing` }), `${spec.key} of a missing id`);
				if ('outcome' in none) return none.outcome;
				return none.rows.length === 0 ? match() : differ(`${spec.key} of a missing id served ${none.rows.length} records`);
			}
			if (!ours) return NEEDS_NARROW;
			const f = spec.field;
			const other = f.options ? (f.options.find((o) => o.value !== valueText(record?.[f.name]))?.value ?? `${ctx.runId}-other`) : `${ctx.runId}-other`;
			const miss = listAnswer(await list({ page: 0, size: SIZE_ALL, [spec.key]: other }), `${spec.key}=${quote(other)}`);
			if ('outcome' in miss) return miss.outcome;
			if (idsOf(miss.rows).includes(a)) return differ(`${spec.key}=${quote(other)} also served the test record, whose ${f.name} is ${quote(record?.[f.name])}`);
			const wrongMiss = miss.rows.filter((r) => !satisfies(r, spec, other));
			if (wrongMiss.length > 0) return differ(`${spec.key}=${quote(other)} served records whose ${f.name} is ${quote(wrongMiss[0][f.name])}`);

			const value = record?.[f.name];
			if (value === null || value === undefined) {
				const why = refused.get(f.name);
				return match(`only checked that it is accepted and excludes a non-matching value: the test record has no ${f.name}${why ? ` (setting it failed: ${why})` : ''}`);
			}
			const wanted = spec.op === 'eq' ? valueText(value) : valueText(value).slice(1, -1);
			const hit = listAnswer(await list({ page: 0, size: SIZE_ALL, [spec.key]: wanted }), `${spec.key}=${quote(wanted)}`);
			if ('outcome' in hit) return hit.outcome;
			if (!idsOf(hit.rows).includes(a)) return differ(`${spec.key}=${quote(wanted)} did not serve the test record, whose ${f.name} is ${quote(value)}`);
			const wrongHit = hit.rows.filter((r) => !satisfies(r, spec, wanted));
			if (wrongHit.length > 0) return differ(`${spec.key}=${quote(wanted)} served records whose ${f.name} is ${listSome(wrongHit.map((r) => quote(r[f.name])), 3)}`);
			return match();
		});
	}
}
