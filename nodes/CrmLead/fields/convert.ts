import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { FieldTable } from './fieldTable';
import type { LeadField } from './leadFields';
import { LEAD_TABLE } from './leadFields';
import { setOwn } from './ownKeys';

/** The wire format of Timestamp fields, in the server's time zone. */
export const WIRE_TIMESTAMP_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const WIRE_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A value that cannot be sent as the named field. Callers turn it into a NodeOperationError. */
export class FieldValueError extends Error {
	constructor(
		readonly field: string,
		readonly reason: string,
	) {
		super(`Field "${field}" ${reason}`);
		this.name = 'FieldValueError';
	}
}

export interface ZoneContext {
	/** Time zone the server reads and writes wire timestamps in; also the zone of any date text without an offset. */
	serverTimeZone: string;
}

function describe(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
}

function toNumber(field: LeadField, value: unknown, wholeOnly: boolean): number {
	const numeric =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value.trim())
				: Number.NaN;
	if (!Number.isFinite(numeric)) {
		throw new FieldValueError(field.name, `expects a number, got ${describe(value)}`);
	}
	if (wholeOnly && !Number.isInteger(numeric)) {
		throw new FieldValueError(field.name, `expects a whole number, got ${describe(value)}`);
	}
	return numeric;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

function toFlag(field: LeadField, value: unknown): 0 | 1 {
	if (value === true || value === 1) return 1;
	if (value === false || value === 0) return 0;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return 1;
		if (FALSE_WORDS.has(word)) return 0;
	}
	throw new FieldValueError(field.name, `expects true/false (or 1/0), got ${describe(value)}`);
}

function toOption(field: LeadField, value: unknown): string {
	const text = String(value).trim();
	const options = field.options ?? [];
	const match =
		options.find((o) => o.value === text) ??
		options.find((o) => o.name.toLowerCase() === text.toLowerCase());
	if (!match) {
		const allowed = options.map((o) => `"${o.value}" (${o.name})`).join(', ');
		throw new FieldValueError(field.name, `must be one of ${allowed}, got ${describe(value)}`);
	}
	return match.value;
}

function isDateTimeLike(value: unknown): value is { toISO(): string | null } {
	return DateTime.isDateTime(value);
}

/** A date and time without an offset: yyyy-MM-dd, then optionally " " or "T" and HH:mm[:ss[.fraction]]. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?$/;

/**
 * Epoch numbers below this are seconds, from it on milliseconds: 1e11 seconds is the year 5138,
 * 1e11 milliseconds March 1973, so neither reading of a real sync's date is lost.
 */
export const EPOCH_SECONDS_BELOW = 1e11;

function fromText(text: string, zones: ZoneContext): DateTime {
	const local = LOCAL_DATE_TIME.exec(text);
	// Every spelling without an offset is server time, as the server itself writes it.
	if (local) return DateTime.fromISO(local[2] ? `${local[1]}T${local[2]}` : local[1], { zone: zones.serverTimeZone });
	const iso = DateTime.fromISO(text, { setZone: true });
	return iso.isValid ? iso : DateTime.fromSQL(text, { zone: zones.serverTimeZone, setZone: true });
}

/**
 * Any date n8n users hand us → wire timestamp in the server's zone. Text without an offset
 * (`2026-03-01 10:00`, `…:00`, `…:00.000`, `2026-03-01T10:00`) is server time; text with an offset
 * or `Z`, a Date, a Luxon DateTime and an epoch number are instants. Epoch numbers below
 * EPOCH_SECONDS_BELOW are seconds, larger ones milliseconds.
 */
export function timestampToWire(field: string, value: unknown, zones: ZoneContext): string {
	let parsed: DateTime | undefined;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (isDateTimeLike(value)) parsed = value as DateTime;
	else if (typeof value === 'number' && Number.isFinite(value)) {
		parsed = DateTime.fromMillis(Math.abs(value) < EPOCH_SECONDS_BELOW ? value * 1000 : value);
	} else if (typeof value === 'string') {
		const text = value.trim();
		// Already in wire form: it is server-local time, pass it through untouched.
		if (WIRE_TIMESTAMP_PATTERN.test(text) && DateTime.fromFormat(text, WIRE_TIMESTAMP_FORMAT, { zone: zones.serverTimeZone }).isValid) return text;
		parsed = fromText(text, zones);
	}
	if (!parsed || !parsed.isValid) {
		throw new FieldValueError(
			field,
			`expects a date and time (ISO 8601, ${WIRE_TIMESTAMP_FORMAT} in the server's time zone, or epoch seconds/milliseconds), got ${describe(value)}`,
		);
	}
	return parsed.setZone(zones.serverTimeZone).toFormat(WIRE_TIMESTAMP_FORMAT);
}

/** Wire timestamp (server-local) → ISO 8601 with offset; anything unparsable is returned as is. */
export function timestampFromWire(value: unknown, serverTimeZone: string): unknown {
	if (typeof value !== 'string' || !WIRE_TIMESTAMP_PATTERN.test(value)) return value;
	const parsed = DateTime.fromFormat(value, WIRE_TIMESTAMP_FORMAT, { zone: serverTimeZone });
	return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : value;
}

/** JSON.parse that reports failure as a value, so the caller can name the field. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

function toJson(field: LeadField, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const parsed = parseJson(value);
	if (!parsed.ok) throw new FieldValueError(field.name, `expects JSON, got ${describe(value)}`);
	return parsed.value;
}

function toText(field: LeadField, value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new FieldValueError(field.name, `expects text, got ${describe(value)}`);
}

/** One n8n value → its wire value, per the field's kind. Empty values become null (clears the field). */
export function valueToWire(field: LeadField, value: unknown, zones: ZoneContext): unknown {
	if (value === null || value === undefined) return null;
	if (value === '' && field.kind !== 'text') return null;
	switch (field.kind) {
		case 'text':
			return toText(field, value);
		case 'options':
			return toOption(field, value);
		case 'integer':
			return toNumber(field, value, true);
		case 'number':
			return toNumber(field, value, false);
		case 'flag':
			return toFlag(field, value);
		case 'dateTime':
			return timestampToWire(field.name, value, zones);
		case 'json':
			return toJson(field, value);
	}
}

export type UnknownFieldPolicy = 'error' | 'ignore';

/**
 * A set of named values → a wire body, by the entity's field table (the lead's unless given).
 * Unknown names either fail (naming the field) or are dropped; read-only audit fields are always
 * dropped because the server ignores them anyway.
 */
export function fieldsToWire(
	values: IDataObject,
	zones: ZoneContext,
	unknownFields: UnknownFieldPolicy,
	table: FieldTable = LEAD_TABLE,
): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		const field = table.byName.get(name);
		if (!field) {
			if (unknownFields === 'error') {
				throw new FieldValueError(name, `is not a known ${table.noun} field (use Extra Parameters for server-specific fields)`);
			}
			continue;
		}
		if (field.readOnly) continue;
		body[name] = valueToWire(field, value, zones) as IDataObject[string];
	}
	return body;
}

export interface OutputShape {
	/** Keep only the summary fields. */
	simplify: boolean;
	/** Flags as booleans and timestamps as ISO 8601 (otherwise exactly what the server sent). */
	convertValues: boolean;
	serverTimeZone: string;
	/** The entity's field table (the lead's unless given): Simplify's fields, flags, timestamps. */
	table?: FieldTable;
}

/**
 * A wire record → the n8n item's JSON. The record is the node's own (freshly parsed from the
 * answer), so without Simplify or Convert Values it is handed on as it is: copying 20,000 records
 * of 95 fields was a fifth of Return All's garbage-collection time.
 */
export function recordFromWire(record: IDataObject, shape: OutputShape): IDataObject {
	const table = shape.table ?? LEAD_TABLE;
	const source: IDataObject = shape.simplify
		? Object.fromEntries(table.simplified.filter((n) => Object.hasOwn(record, n)).map((n) => [n, record[n]]))
		: record;
	if (!shape.convertValues) return source;
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(source)) {
		const field = table.byName.get(name);
		if (field?.kind === 'flag' && (value === 0 || value === 1)) out[name] = value === 1;
		else if (field?.wireType === 'Timestamp') out[name] = timestampFromWire(value, shape.serverTimeZone) as IDataObject[string];
		// A key the server chose, maybe `__proto__`: kept as the record's own (ownKeys.ts).
		else setOwn(out, name, value);
	}
	return out;
}
