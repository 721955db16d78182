/** A lead record as the node outputs it, derived from the field table (never a hand-written field list). */
import type { FieldTable } from '../../nodes/CrmLead/fields/fieldTable';
import { LEAD_FIELDS, LEAD_TABLE, type FieldKind, type LeadField } from '../../nodes/CrmLead/fields/leadFields';
import { object, value, type JsonTypeName, type PropertySchema } from './jsonSchema';

/**
 * The JSON type of each field kind in the node's default output. Without Convert Values the node
 * hands on exactly what the API sends (fields/convert.ts recordFromWire): flags stay 0/1,
 * timestamps stay "yyyy-MM-dd HH:mm:ss" text, Object fields stay the JSON the server sent.
 * Any field may be null (an unset field), so every type also admits null.
 */
const OUTPUT_TYPES: Record<FieldKind, JsonTypeName[]> = {
	text: ['string'],
	options: ['string'],
	integer: ['integer'],
	number: ['number'],
	flag: ['integer'],
	dateTime: ['string'],
	json: ['object', 'array'],
};

/** A field kind this file does not know fails the build, naming the field and what to do. */
export function fieldOutputSchema(field: LeadField): PropertySchema {
	const types = Object.hasOwn(OUTPUT_TYPES, field.kind) ? OUTPUT_TYPES[field.kind] : undefined;
	if (!types) {
		throw new Error(
			`Output schema: lead field "${field.name}" has kind "${String(field.kind)}", which no JSON type describes; ` +
				'add the kind to OUTPUT_TYPES in scripts/schemas/leadSchema.ts',
		);
	}
	return value([...types, 'null'], field.displayName);
}

/**
 * A lead as Get, Get Many, Create, Update, Create or Update, Get Draft, Post Message and the
 * trigger output it: every field of the table, or with Simplify only the summary fields.
 */
export function leadRecordSchema(simplify: boolean, fields: readonly LeadField[] = LEAD_FIELDS, table: FieldTable = LEAD_TABLE): PropertySchema {
	// In the order the node outputs them, which is the order the editor's preview lists them in.
	const summaryRank = (f: LeadField) => table.simplified.indexOf(f.name);
	const kept = simplify ? fields.filter((f) => summaryRank(f) >= 0).sort((a, b) => summaryRank(a) - summaryRank(b)) : fields;
	// Keys are present only when the server sends them, so none is "required".
	return object(Object.fromEntries(kept.map((f) => [f.name, fieldOutputSchema(f)])), []);
}

/** A record of any other entity, from its own table (Simplify keeps its summary fields). */
export function recordSchema(table: FieldTable, simplify: boolean): PropertySchema {
	return leadRecordSchema(simplify, table.fields, table);
}
