import type { INodeProperties } from 'n8n-workflow';

import { filterParameters, sortFieldOptions } from '../../fields/fieldParameters';

/** The list endpoint's filters, derived from the field table. Shared by Get Many, Export and the trigger. */
export const filtersCollection: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Only return leads matching all of these conditions',
	options: filterParameters(),
};

export const sortCollection: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Sort Rule',
	default: {},
	description: 'Order of the results; the first rule wins, later ones break ties',
	options: [
		{
			displayName: 'Rule',
			name: 'rule',
			values: [
				{
					displayName: 'Field',
					name: 'field',
					type: 'options',
					options: sortFieldOptions(),
					default: '',
					description: 'Field to sort by',
				},
				{
					displayName: 'Direction',
					name: 'direction',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: 'desc',
					description: 'Whether to sort from low to high or high to low',
				},
			],
		},
	],
};

export const returnAllParameter: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitParameter: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const simplifyParameter: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the main fields (ID, name, type, stage, contact, email, phone, owner, team, priority, revenue, probability, dates) instead of all 95',
};

/**
 * Simplify for Create and Update: off by default, so saved workflows keep getting the whole lead;
 * on for an AI agent's tool, whose model needs the ID and the main fields, not all 95.
 */
export const simplifyWriteParameter: INodeProperties = {
	...simplifyParameter,
	default: false,
	description:
		'Whether to return only the main fields of the written lead (ID, name, type, stage, contact, email, phone, owner, team, priority, revenue, probability, dates) instead of all 95, e.g. for an AI agent',
};
