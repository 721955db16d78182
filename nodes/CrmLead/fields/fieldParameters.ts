import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FilterSpec, LeadField } from './leadFields';
import { LEAD_FILTERS, SORTABLE_FIELDS, WRITABLE_FIELDS } from './leadFields';

/** The n8n parameter for one field: its UI type follows the field's kind. */
export function fieldParameter(field: LeadField, displayName = field.displayName): INodeProperties {
	const base = {
		displayName,
		name: field.name,
		description: `${field.label} (API field ${field.name})`,
	};
	switch (field.kind) {
		case 'options':
			return {
				...base,
				type: 'options',
				options: (field.options ?? []).map((o) => ({ name: o.name, value: o.value })),
				default: field.options?.[0]?.value ?? '',
			};
		case 'integer':
			return { ...base, type: 'number', typeOptions: { numberPrecision: 0 }, default: 0 };
		case 'number':
			return { ...base, type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 };
		case 'flag':
			return { ...base, type: 'boolean', default: false, description: `Whether: ${base.description}` };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'json':
			return { ...base, type: 'json', default: '{}' };
		case 'text':
			return { ...base, type: 'string', default: '' };
	}
}

function byDisplayName(a: { displayName: string }, b: { displayName: string }): number {
	return a.displayName.localeCompare(b.displayName);
}

/** Every writable field except those with a parameter of their own, alphabetically (n8n's convention). */
export function writableFieldParameters(except: ReadonlySet<string>): INodeProperties[] {
	return WRITABLE_FIELDS.filter((f) => !except.has(f.name))
		.map((f) => fieldParameter(f))
		.sort(byDisplayName);
}

/** A filter's name in the node's panel ("Sales Team ID", "Name Contains"). */
export function filterDisplayName(filter: FilterSpec): string {
	return filter.op === 'like' ? `${filter.field.displayName} Contains` : filter.field.displayName;
}

/** The list endpoint's filters (n_<field>_<op>) as collection options, named by their wire key. */
export function filterParameters(): INodeProperties[] {
	return LEAD_FILTERS.map((filter) => ({
		...fieldParameter(filter.field, filterDisplayName(filter)),
		name: filter.key,
		description:
			filter.op === 'like'
				? `Only leads whose ${filter.field.displayName.toLowerCase()} contains this text (${filter.key})`
				: `Only leads whose ${filter.field.displayName} equals this value (${filter.key})`,
	})).sort(byDisplayName);
}

/** Sort field choices: every scalar field. */
export function sortFieldOptions(): INodePropertyOptions[] {
	return SORTABLE_FIELDS.map((f) => ({ name: f.displayName, value: f.name })).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}
