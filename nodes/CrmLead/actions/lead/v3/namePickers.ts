/**
 * Names instead of IDs (version 3): the lead fields that hold another entity's key (LEAD_LINKS:
 * stage_id, partner_id) are picked by name wherever a person picks them. In the Filters (Get
 * Many, Export, Report) they become record pickers (From List, searched through that entity, or
 * By ID); in the resource mapper, whose columns n8n 2.41 types only as text, numbers, dates,
 * options and JSON, they become option lists loaded from the server (methods/leadColumns.ts).
 * Applied to version 2's lead parameters, so versions 1 and 2 stay exactly as they were.
 */
import type { INodeProperties } from 'n8n-workflow';

import { LEAD_LINKS } from '../../../entities/lead';

/** The listSearch method of each linked entity's picker (methods/entityMethods.ts). */
export const SEARCH_METHOD: Readonly<Record<string, string>> = { stage: 'searchStages', contact: 'searchContacts' };

/** A filter option for a linked field, as a record picker: the same name, so saved values keep their place. */
function pickerFilter(option: INodeProperties, field: string): INodeProperties {
	const entity = LEAD_LINKS[field];
	return {
		displayName: option.displayName.replace(/ ID$/, ''),
		name: option.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: `Only leads with this ${entity.table.noun}: pick it by name from the list, or give its ID (${option.name})`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${entity.table.noun}...`,
				typeOptions: { searchListMethod: SEARCH_METHOD[entity.resource], searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. qualified' },
		],
	};
}

/** The filter keys of the linked fields: n_stage_id_eq → stage_id. */
const LINKED_FILTERS = new Map(Object.keys(LEAD_LINKS).map((field) => [`n_${field}_eq`, field]));

function withPickers(property: INodeProperties): INodeProperties {
	if (property.name === 'filters' && property.type === 'collection') {
		const options = (property.options as INodeProperties[]).map((option) => {
			const field = LINKED_FILTERS.get(option.name);
			return field ? pickerFilter(option, field) : option;
		});
		return { ...property, options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
	}
	const mapper = property.typeOptions?.resourceMapper;
	if (property.type === 'resourceMapper' && mapper?.resourceMapperMethod === 'getLeadColumns') {
		return { ...property, typeOptions: { ...property.typeOptions, resourceMapper: { ...mapper, resourceMapperMethod: 'getLeadColumnsWithNames' } } };
	}
	return property;
}

/** Version 2's parameters with the linked fields picked by name. */
export function withNamePickers(properties: INodeProperties[]): INodeProperties[] {
	return properties.map(withPickers);
}
