import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import type { FieldTable } from './fieldTable';
import type { FieldKind, LeadField } from './leadFields';
import { LEAD_TABLE } from './leadFields';

/** How each field kind is typed in n8n's resource mapper (the editor's input widget and type badge). */
const MAPPER_TYPES: Record<FieldKind, FieldType> = {
	text: 'string',
	integer: 'number',
	number: 'number',
	flag: 'boolean',
	dateTime: 'dateTime',
	json: 'object',
	options: 'options',
};

export type MapperPurpose = 'create' | 'update' | 'upsert' | 'draft';

/** The key the update and upsert mappers match on. */
export const MATCH_FIELD = 'id';

/** One resource mapper column per writable field of the table, typed by its kind. */
export function mapperField(field: LeadField, purpose: MapperPurpose): ResourceMapperField {
	const matchable = field.name === MATCH_FIELD && (purpose === 'update' || purpose === 'upsert');
	return {
		id: field.name,
		// The wire name too: with Map Automatically, input properties must be named like it.
		displayName: `${field.displayName} (${field.name})`,
		required: purpose === 'create' && field.requiredOnCreate === true,
		defaultMatch: matchable,
		canBeUsedToMatch: matchable,
		display: true,
		type: MAPPER_TYPES[field.kind],
		...(field.options ? { options: field.options.map(({ name, value }) => ({ name, value })) } : {}),
	};
}

/**
 * The order the editor lists them in: the required field, then the ones a lead is known by (the
 * Simplify set, in its order), then the others as the docs page lists them, JSON fields last.
 */
function editorOrder(field: LeadField, index: number, simplified: readonly string[]): [number, number] {
	const known = simplified.indexOf(field.name);
	if (field.requiredOnCreate) return [0, index];
	if (known >= 0) return [1, known];
	return [field.kind === 'json' ? 3 : 2, index];
}

/** The columns of the lead's table, or of another entity's. */
export function mapperFields(purpose: MapperPurpose, table: FieldTable = LEAD_TABLE): ResourceMapperField[] {
	const ordered = table.writable.map((field, index) => ({ field, order: editorOrder(field, index, table.simplified) })).sort(
		(a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1],
	);
	return ordered.map(({ field }) => mapperField(field, purpose));
}
