/**
 * Other Entity: any entity of the same server, named by its path — the record operations and
 * Get Many of the standard set, by the shared operations (actions/entity/) on a target resolved
 * per item (otherTarget.ts). Its own parameters are the entity, its parent, and how fields are
 * given (key/value pairs, JSON, or the resource mapper from the server's description); the
 * record picker, Filters, Sort, Extra Parameters and Options are the entity resources' own.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RECORD_OPERATIONS } from '../entity/Entity.resource';
import type { ResourceOperations } from '../types';
import { ENTITY_PATH, FIELDS_INPUT, otherTarget, PARENT_PATH } from './otherTarget';

export const OTHER_ENTITY = 'otherEntity';

export const otherEntityResource: INodePropertyOptions = {
	name: 'Other Entity',
	value: OTHER_ENTITY,
	description: 'Any other entity of the server, by its path (e.g. crm_teams); fields and checks from the server’s OpenAPI description where it offers one',
};

export const otherEntityOperations: ResourceOperations = Object.fromEntries(
	Object.entries(RECORD_OPERATIONS).map(([name, prepare]) => [
		name,
		{ description: [], prepare: async (ctx, itemIndex) => await prepare(ctx, itemIndex, await otherTarget(ctx, itemIndex, name)) },
	]),
);

const show = (operations?: string[], more: Record<string, string[]> = {}) => ({
	show: { resource: [OTHER_ENTITY], ...(operations ? { operation: operations } : {}), ...more },
});

const WRITES = ['create', 'update', 'upsert', 'getDraft'];

function mapper(operation: string, mode: 'add' | 'update' | 'upsert'): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'The record’s fields, typed as the server’s OpenAPI description says (Map Automatically sends the input item’s fields)',
		displayOptions: show([operation], { [FIELDS_INPUT]: ['mapper'] }),
		typeOptions: {
			loadOptionsDependsOn: [`${ENTITY_PATH}.value`, 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getOtherEntityColumns',
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	};
}

export const otherEntityProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show(),
		options: [
			{ name: 'Check Key', value: 'checkKey', description: 'Check whether a record ID is taken', action: 'Check whether a record ID of the entity exists' },
			{ name: 'Create', value: 'create', description: 'Create a record of the entity', action: 'Create a record of an entity' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a record of an entity' },
			{ name: 'Delete', value: 'delete', description: 'Delete a record of the entity', action: 'Delete a record of an entity' },
			{ name: 'Get', value: 'get', description: 'Get a record of the entity', action: 'Get a record of an entity' },
			{ name: 'Get Draft', value: 'getDraft', description: 'Get a new, unsaved record filled with the server’s defaults', action: 'Get an unsaved record of an entity' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many records of the entity', action: 'Get many records of an entity' },
			{ name: 'Update', value: 'update', description: 'Update a record of the entity', action: 'Update a record of an entity' },
		],
		default: 'get',
	},
	{
		displayName: 'Entity',
		name: ENTITY_PATH,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The entity: picked from the server’s OpenAPI description, or its path below the Base URL (e.g. crm_teams for /crm_teams)',
		displayOptions: show(),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', placeholder: 'Select an entity...', typeOptions: { searchListMethod: 'searchServerEntities', searchable: true } },
			{ displayName: 'By Path', name: 'path', type: 'string', placeholder: 'e.g. crm_teams' },
		],
	},
	{
		displayName: 'Parent Path',
		name: PARENT_PATH,
		type: 'string',
		default: '',
		placeholder: 'e.g. mail_threads',
		description: 'Optional: reach the records under a parent record, /{parent path}/{parent record ID}/{entity path}… (needs Parent Record ID)',
		displayOptions: show(),
	},
	{
		displayName: 'Parent Record ID',
		name: 'parentId',
		type: 'string',
		default: '',
		description: 'The ID of the parent record when Parent Path is set (e.g. a lead’s ID under mail_threads)',
		displayOptions: show(),
	},
	{
		displayName: 'Data Set',
		name: 'list',
		type: 'string',
		default: 'fetch_default',
		description: 'Which list of the entity to read (the fetch_… path), normally fetch_default',
		displayOptions: show(['getMany']),
	},
	{
		displayName: 'Fields Input',
		name: FIELDS_INPUT,
		type: 'options',
		options: [
			{ name: 'Key/Value Pairs', value: 'keyValue', description: 'Name each field and its value' },
			{ name: 'JSON', value: 'json', description: 'One JSON object of field names and values' },
			{ name: 'Resource Mapper', value: 'mapper', description: 'Every field of the entity, typed, from the server’s OpenAPI description' },
		],
		default: 'keyValue',
		description: 'How the record’s fields are given',
		displayOptions: show(WRITES),
	},
	{
		displayName: 'Fields',
		name: 'fieldValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		description: 'The record’s fields by name; with the server’s description each is checked and converted by its type',
		displayOptions: show(WRITES, { [FIELDS_INPUT]: ['keyValue'] }),
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Field name as the API spells it, e.g. name' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value (converted to the field’s type where the server describes it)' },
				],
			},
		],
	},
	{
		displayName: 'Fields (JSON)',
		name: 'fieldsJson',
		type: 'json',
		default: '{}',
		description: 'The record’s fields as one JSON object, e.g. {"name": "Direct Sales", "sequence": 4}',
		displayOptions: show(WRITES, { [FIELDS_INPUT]: ['json'] }),
	},
	mapper('create', 'add'),
	mapper('update', 'update'),
	mapper('upsert', 'upsert'),
	mapper('getDraft', 'add'),
];
