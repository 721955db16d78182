/** The check's views of the lead field table (never a hand-written field list). */
import { LEAD_FIELDS, LEAD_FIELDS_BY_NAME, LEAD_FILTERS, WRITABLE_FIELDS, type LeadField } from '../../nodes/CrmLead/fields/leadFields';

export function field(name: string): LeadField {
	const found = LEAD_FIELDS_BY_NAME.get(name);
	if (!found) throw new Error(`Contract check bug: the lead field table has no field '${name}'`);
	return found;
}

export const KEY = field('id');
export const TYPE = field('type');
export const NAME = field('name');
export const DESCRIPTION = field('description');
/** The Timestamp field the validation check sends garbage to. */
export const SAMPLE_TIMESTAMP = field('date_deadline');

export const AUDIT_FIELDS: readonly LeadField[] = LEAD_FIELDS.filter((f) => f.readOnly);
export const TIMESTAMP_FIELDS: readonly LeadField[] = LEAD_FIELDS.filter((f) => f.wireType === 'Timestamp');
export const WRITABLE_TIMESTAMPS: readonly LeadField[] = WRITABLE_FIELDS.filter((f) => f.wireType === 'Timestamp');
export const FLAG_FIELDS: readonly LeadField[] = WRITABLE_FIELDS.filter((f) => f.kind === 'flag');
export const NUMBER_FIELDS: readonly LeadField[] = WRITABLE_FIELDS.filter((f) => f.wireType === 'Double' || f.wireType === 'BigDecimal');
export const OBJECT_FIELDS: readonly LeadField[] = WRITABLE_FIELDS.filter((f) => f.wireType === 'Object');
/** Columns an import file may carry: writable, not Object. */
export const IMPORTABLE_FIELDS: readonly LeadField[] = WRITABLE_FIELDS.filter((f) => f.wireType !== 'Object');

/** The first option value of an options field (e.g. type → 'lead'). */
export function optionValue(f: LeadField, index = 0): string {
	const options = f.options ?? [];
	if (options.length === 0) throw new Error(`Contract check bug: field '${f.name}' has no options`);
	return options[Math.min(index, options.length - 1)].value;
}

export { LEAD_FIELDS, WRITABLE_FIELDS };
export type { LeadField };

/** The two lead types (Odoo's 'lead' and 'opportunity'), as the table lists them. */
export const LEAD = optionValue(TYPE, 0);
export const OPPORTUNITY = optionValue(TYPE, 1);

/** The substring filter on name: the check narrows its lists to its own records with it. */
export const NAME_LIKE = LEAD_FILTERS.find((f) => f.field === NAME && f.op === 'like');
