/** Wire types: timestamps, Integer flags, numbers and Object fields, each written and read back. */
import type { RunContext } from '../context';
import { differ, is2xx, isWireTimestamp, listSome, match, quote, sameJson, unexpectedStatus, type Json } from '../expect';
import { FLAG_FIELDS, NUMBER_FIELDS, OBJECT_FIELDS, TIMESTAMP_FIELDS, WRITABLE_TIMESTAMPS, type LeadField } from '../fields';
import type { Outcome } from '../types';
import { needA, putLead, readLead } from './common';

const pad = (n: number) => String(n).padStart(2, '0');

/** Distinct, valid wire timestamps: 2031-03-10 08:10:20, 2031-03-11 08:11:21, … */
function timestampValue(index: number): string {
	return `2031-03-${pad(10 + index)} 08:${pad(10 + index)}:${pad(20 + index)}`;
}

/** Flags alternate 1/0, but `active` stays 1: an inactive lead may vanish from lists. */
function flagValue(f: LeadField, index: number): 0 | 1 {
	return f.name === 'active' ? 1 : index % 2 === 0 ? 1 : 0;
}

const OBJECT_SAMPLES: readonly unknown[] = [
	{ new: 3600, qualified: 120.5 },
	[{ summary: 'Call back', date: '2031-03-10', done: false, tags: ['a', 'b'] }],
	[],
	{ partners: ['p1', 'p2'], nested: { none: null, list: [1, 2.5, 'x', true] } },
	'plain text',
	42,
];

/** PUTs the values, GETs the record and lists the fields that did not come back as sent. */
async function roundTrip(
	ctx: RunContext,
	values: Json,
	typeProblem: (field: string, value: unknown) => string | undefined,
): Promise<{ outcome?: Outcome; record?: Json; problems: string[] }> {
	const need = needA(ctx);
	if ('outcome' in need) return { outcome: need.outcome, problems: [] };
	const res = await putLead(ctx, need.id, values);
	if (!is2xx(res)) return { outcome: differ(`PUT of ${listSome(Object.keys(values), 4)}: ${unexpectedStatus(res, '200')}`), problems: [] };
	const record = await readLead(ctx, need.id);
	if (!record) return { outcome: differ('GET of the test record failed after the PUT'), problems: [] };
	const problems: string[] = [];
	for (const [name, sent] of Object.entries(values)) {
		const got = record[name];
		const typeIssue = typeProblem(name, got);
		if (typeIssue) problems.push(typeIssue);
		else if (!sameJson(got, sent)) problems.push(`${name}: sent ${quote(sent, 40)}, got ${quote(got, 40)}`);
	}
	return { record, problems };
}

export async function checkValues(ctx: RunContext): Promise<void> {
	await ctx.check('values.timestamps', async () => {
		const values = Object.fromEntries(WRITABLE_TIMESTAMPS.map((f, i) => [f.name, timestampValue(i)]));
		const result = await roundTrip(ctx, values, (name, got) => (got !== null && !isWireTimestamp(got) ? `${name}: ${quote(got)} is not yyyy-MM-dd HH:mm:ss` : undefined));
		if (result.outcome) return result.outcome;
		// The server's own timestamps (create_date, write_date) must have the format too.
		for (const f of TIMESTAMP_FIELDS.filter((t) => !(t.name in values))) {
			const got = result.record?.[f.name];
			if (got !== null && got !== undefined && !isWireTimestamp(got)) result.problems.push(`${f.name}: ${quote(got)} is not yyyy-MM-dd HH:mm:ss`);
		}
		return result.problems.length === 0
			? match(`${TIMESTAMP_FIELDS.length} Timestamp fields checked`)
			: differ(listSome(result.problems, 4));
	});

	await ctx.check('values.integer-flags', async () => {
		const values = Object.fromEntries(FLAG_FIELDS.map((f, i) => [f.name, flagValue(f, i)]));
		const result = await roundTrip(ctx, values, (name, got) =>
			got !== 0 && got !== 1 ? `${name}: ${quote(got)}${typeof got === 'boolean' ? ' (a boolean)' : ''} is not 0/1` : undefined,
		);
		if (result.outcome) return result.outcome;
		return result.problems.length === 0 ? match(`${FLAG_FIELDS.length} flags checked`) : differ(listSome(result.problems, 4));
	});

	await ctx.check('values.numbers', async () => {
		const values = Object.fromEntries(NUMBER_FIELDS.map((f, i) => [f.name, (i + 1) * 1.25]));
		const result = await roundTrip(ctx, values, (name, got) =>
			typeof got !== 'number' ? `${name}: ${quote(got)} is ${got === null ? 'null' : `a ${typeof got}`}, not a JSON number` : undefined,
		);
		if (result.outcome) return result.outcome;
		return result.problems.length === 0 ? match(`${NUMBER_FIELDS.length} Double/BigDecimal fields checked`) : differ(listSome(result.problems, 4));
	});

	await ctx.check('values.object-fields', async () => {
		const values = Object.fromEntries(OBJECT_FIELDS.map((f, i) => [f.name, OBJECT_SAMPLES[i % OBJECT_SAMPLES.length]]));
		const result = await roundTrip(ctx, values, () => undefined);
		if (result.outcome) return result.outcome;
		return result.problems.length === 0 ? match(`${OBJECT_FIELDS.length} Object fields checked`) : differ(listSome(result.problems, 4));
	});
}
