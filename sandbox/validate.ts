/**
 * Wire-value validation for lead bodies, shared by create, update, save, draft, import and
 * fixtures so every entry point accepts and rejects exactly the same values.
 * Coercions follow Jackson's defaults where they are harmless (numeric strings → numbers,
 * numbers → strings, "" → null for non-String types); everything else is a field problem.
 */
import { cloudValidationEnvelope } from './cloudValidation';
import { describeProblem, type FieldProblem } from './fieldProblems';
import type { FieldTable } from '../nodes/CrmLead/fields/fieldTable';
import { KEY_FIELD, LEAD_TABLE, type LeadField } from './fields';
import { ApiError, ENTITY_NAME, deletedKeyReused, duplicateKey, quoteValue, validationFailed } from './apiErrors';
import { TIMESTAMP_FORMAT, isWireTimestamp } from './timestamps';

export { describeProblem, type FieldProblem } from './fieldProblems';

/** A value as it travels on the wire (Object fields: any JSON). */
export type WireValue = unknown;

/**
 * create: required fields must be present and non-null.
 * update: required fields may be absent but not set to null.
 * loose:  no required checks (drafts, message bodies).
 */
export type ValidationMode = 'create' | 'update' | 'loose';

export interface ValidatedLead {
	/** Table fields present in the body, converted to their wire representation. */
	values: Record<string, WireValue>;
	/** Properties the table does not know; kept verbatim. */
	extras: Record<string, unknown>;
	problems: FieldProblem[];
}

export interface ValidateOptions {
	/** Fixtures may set the audit fields; clients may not (they are silently ignored). */
	acceptReadOnly?: boolean;
	/** Properties that belong to the endpoint, not the record (e.g. source_ref). */
	ignore?: ReadonlySet<string>;
}

const JAVA_INT_MIN = -2147483648;
const JAVA_INT_MAX = 2147483647;

type Coerced = { ok: true; value: WireValue } | { ok: false; reason: string };

export function validateLead(body: Record<string, unknown>, mode: ValidationMode, options: ValidateOptions = {}): ValidatedLead {
	return validateRecord(LEAD_TABLE, body, mode, options);
}

/** The same rules for a record of any entity, by its field table (sandbox/entities/). */
export function validateRecord(
	table: FieldTable,
	body: Record<string, unknown>,
	mode: ValidationMode,
	options: ValidateOptions = {},
): ValidatedLead {
	const values: Record<string, WireValue> = {};
	const extras: Record<string, unknown> = {};
	const problems: FieldProblem[] = [];

	for (const [name, raw] of Object.entries(body)) {
		if (options.ignore?.has(name)) continue;
		const field = table.byName.get(name);
		if (!field) {
			extras[name] = raw;
			continue;
		}
		if (field.readOnly && !options.acceptReadOnly) continue;
		if (raw === undefined) continue;
		const coerced = coerceFieldValue(field, raw);
		if (coerced.ok) values[name] = coerced.value;
		else problems.push({ field: name, reason: coerced.reason, code: field.options ? 'not-an-option' : 'invalid', value: raw });
	}

	if (mode !== 'loose') {
		for (const field of table.fields.filter((f) => f.requiredOnCreate)) {
			const present = Object.prototype.hasOwnProperty.call(values, field.name);
			const missing = mode === 'create' ? !present || values[field.name] === null : present && values[field.name] === null;
			const alreadyReported = problems.some((p) => p.field === field.name);
			if (missing && !alreadyReported) problems.push({ field: field.name, reason: 'is required', code: 'required' });
		}
	}
	return { values, extras, problems };
}

/** Converts one client value to the field's wire representation, or explains why not. */
export function coerceFieldValue(field: LeadField, raw: unknown): Coerced {
	if (raw === null) return { ok: true, value: null };
	if (raw === '' && field.wireType !== 'String' && field.wireType !== 'Object') return { ok: true, value: null };
	switch (field.wireType) {
		case 'String':
			return field.options ? coerceOption(field, raw) : coerceString(raw);
		case 'Integer':
			return coerceInteger(raw);
		case 'Double':
		case 'BigDecimal':
			return coerceNumber(raw);
		case 'Timestamp':
			return coerceTimestamp(raw);
		case 'Object':
			return { ok: true, value: raw };
	}
}

function coerceString(raw: unknown): Coerced {
	if (typeof raw === 'string') return { ok: true, value: raw };
	if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: String(raw) };
	return { ok: false, reason: `must be a string, not ${Array.isArray(raw) ? 'an array' : 'an object'}` };
}

function coerceOption(field: LeadField, raw: unknown): Coerced {
	const asString = coerceString(raw);
	const allowed = (field.options ?? []).map((o) => o.value);
	if (asString.ok && allowed.includes(asString.value as string)) return asString;
	return { ok: false, reason: `must be one of: ${allowed.join(', ')} (got ${quoteValue(raw)})` };
}

function coerceInteger(raw: unknown): Coerced {
	const value = typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		return { ok: false, reason: `must be an integer (got ${quoteValue(raw)})` };
	}
	if (value < JAVA_INT_MIN || value > JAVA_INT_MAX) {
		return { ok: false, reason: `must be an integer between ${JAVA_INT_MIN} and ${JAVA_INT_MAX} (got ${quoteValue(raw)})` };
	}
	return { ok: true, value };
}

function coerceNumber(raw: unknown): Coerced {
	const value = typeof raw === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return { ok: false, reason: `must be a number (got ${quoteValue(raw)})` };
	}
	return { ok: true, value };
}

function coerceTimestamp(raw: unknown): Coerced {
	if (typeof raw === 'string' && isWireTimestamp(raw)) return { ok: true, value: raw };
	return { ok: false, reason: `must be a timestamp formatted ${TIMESTAMP_FORMAT} (got ${quoteValue(raw)})` };
}

/** One error for a list of problems: the key taken or deleted first, else one naming every field. */
export function problemsToError(problems: readonly FieldProblem[], key?: string, entityName = ENTITY_NAME): ApiError {
	if (problems.some((p) => p.code === 'duplicate')) return duplicateKey(key ?? '', KEY_FIELD.label, KEY_FIELD.name, entityName);
	if (problems.some((p) => p.code === 'deleted')) return deletedKeyReused(key ?? '');
	return validationFailed(`Invalid ${entityName}: ${problems.map(describeProblem).join('; ')}`, cloudValidationEnvelope(problems), entityName);
}
