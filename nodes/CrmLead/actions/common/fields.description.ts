import type { INodeProperties } from 'n8n-workflow';

import { writableFieldParameters } from '../../fields/fieldParameters';

/** Version 1's name for taking the lead from the input item. */
export const AUTO_MAP_INPUT_DATA = 'Auto-Map Input Data';

/** Where Create / Update / Save take the lead's fields from. */
export const dataModeParameter: INodeProperties = {
	displayName: 'Fields Source',
	name: 'dataMode',
	type: 'options',
	options: [
		{
			name: 'Define Below',
			value: 'defineBelow',
			description: 'Set each field in this node',
		},
		{
			name: AUTO_MAP_INPUT_DATA,
			value: 'autoMapInputData',
			description:
				'Use the incoming item as the lead: properties named like API fields (e.g. email_from) are converted and sent, others are ignored',
		},
	],
	default: 'defineBelow',
	description: 'Whether to define the lead fields here or take them from the input item (for syncs)',
};

/** Every writable field as an optional collection entry, typed from the field table. */
export function leadFieldsCollection(
	name: string,
	displayName: string,
	except: ReadonlySet<string>,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Lead fields to set; each is converted to the type the API expects',
		displayOptions: { show: { dataMode: ['defineBelow'] } },
		options: writableFieldParameters(except),
	};
}

/** Name/value pairs merged into the body, for server-side fields the docs page does not list. */
export const extraParametersCollection: INodeProperties = {
	displayName: 'Extra Parameters',
	name: 'extraParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Parameter',
	default: {},
	description:
		'Additional properties sent as they are in the request body (server-specific fields the docs page does not list); they override fields of the same name',
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Property name in the request body',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Value to send (as text)',
				},
			],
		},
	],
};
