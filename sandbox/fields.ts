/**
 * The sandbox's views of THE lead field table (nodes/CrmLead/fields/leadFields.ts).
 * Nothing here names a field by hand: schema, validation, import/export columns and
 * rendering all come from these derived lists.
 */
import type { FieldTable } from '../nodes/CrmLead/fields/fieldTable';
import {
	LEAD_FIELDS,
	LEAD_TABLE,
	LEAD_FIELDS_BY_NAME,
	LEAD_FILTERS,
	SORTABLE_FIELDS,
	WRITABLE_FIELDS,
	type FilterSpec,
	type LeadField,
	type WireType,
} from '../nodes/CrmLead/fields/leadFields';

export { LEAD_FIELDS, LEAD_TABLE, LEAD_FIELDS_BY_NAME, LEAD_FILTERS, SORTABLE_FIELDS, WRITABLE_FIELDS };
export type { FilterSpec, LeadField, WireType };

/** Columns of the import template and of the sync/async import: writable, non-Object, table order. */
export const IMPORTABLE_FIELDS: readonly LeadField[] = WRITABLE_FIELDS.filter((f) => f.wireType !== 'Object');

/** Columns of the export workbook: every field, table order. */
export const EXPORT_FIELDS: readonly LeadField[] = LEAD_FIELDS;

export const FILTERS_BY_KEY: ReadonlyMap<string, FilterSpec> = new Map(LEAD_FILTERS.map((f) => [f.key, f]));

export const SORTABLE_BY_NAME: ReadonlyMap<string, LeadField> = new Map(SORTABLE_FIELDS.map((f) => [f.name, f]));

const sortableMaps = new WeakMap<FieldTable, ReadonlyMap<string, LeadField>>([[LEAD_TABLE, SORTABLE_BY_NAME]]);

/** The sortable fields of any entity's table, by name (computed once per table). */
export function sortableByName(table: FieldTable): ReadonlyMap<string, LeadField> {
	let map = sortableMaps.get(table);
	if (!map) sortableMaps.set(table, (map = new Map(table.sortable.map((f) => [f.name, f]))));
	return map;
}

/** Fields a create must carry (only `type` today). */
export const REQUIRED_FIELDS: readonly LeadField[] = LEAD_FIELDS.filter((f) => f.requiredOnCreate);

/** The primary key field, looked up rather than assumed. */
export const KEY_FIELD: LeadField = mustGet('id');

/** The read-only audit fields the server stamps (looked up, so a rename fails at load time). */
export const AUDIT = {
	createdAt: mustGet('create_date').name,
	createdBy: mustGet('create_uid').name,
	updatedAt: mustGet('write_date').name,
	updatedBy: mustGet('write_uid').name,
} as const;

export function mustGet(name: string): LeadField {
	const found = LEAD_FIELDS_BY_NAME.get(name);
	if (!found) throw new Error(`The lead field table has no field '${name}'`);
	return found;
}

/** SQLite column affinity for a wire type; Object values are stored as JSON text. */
export function sqliteType(wireType: WireType): 'TEXT' | 'INTEGER' | 'REAL' {
	switch (wireType) {
		case 'Integer':
			return 'INTEGER';
		case 'Double':
		case 'BigDecimal':
			return 'REAL';
		default:
			return 'TEXT';
	}
}

/** Double-quoted SQL identifier (several field names are SQL keywords: type, function, file…). */
export function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}
