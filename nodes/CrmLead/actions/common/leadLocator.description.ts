import type { INodeProperties } from 'n8n-workflow';

/** A record picker: search by name (From List) or paste the key (By ID), as in n8n's own nodes. */
export function leadLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Lead',
		name: 'leadId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The lead to act on: pick it from the list or give its ID (the record key)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a lead...',
				typeOptions: { searchListMethod: 'searchLeads', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2a9c1e',
			},
		],
		...overrides,
	};
}
