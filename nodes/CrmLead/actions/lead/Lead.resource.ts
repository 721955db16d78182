import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as checkKey from './checkKey.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getDraft from './getDraft.operation';
import * as getMany from './getMany.operation';
import * as postMessage from './postMessage.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const leadOperations: ResourceOperations = {
	checkKey,
	create,
	delete: del,
	get,
	getDraft,
	getMany,
	postMessage,
	update,
	upsert,
};

export const leadOperationParameter: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['lead'] } },
	options: [
		{ name: 'Check Key', value: 'checkKey', description: 'Check whether a lead ID is taken', action: 'Check whether a lead ID exists or was deleted' },
		{ name: 'Create', value: 'create', description: 'Create a lead', action: 'Create a lead and get its ID' },
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a lead by its ID',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a lead', action: 'Delete a lead by its ID' },
		{ name: 'Get', value: 'get', description: 'Get a lead', action: 'Get a lead by its ID' },
		{
			name: 'Get Draft',
			value: 'getDraft',
			description: 'Get a new, unsaved lead filled with the server’s defaults',
			action: 'Get an unsaved lead filled with the server defaults',
		},
		{ name: 'Get Many', value: 'getMany', description: 'Get many leads', action: 'Get many leads matching filters' },
		{
			name: 'Post Message With Template',
			value: 'postMessage',
			description: 'Post a message rendered from a template on a lead',
			action: 'Post a templated message on a lead by its ID',
		},
		{ name: 'Update', value: 'update', description: 'Update a lead', action: 'Update a lead by its ID' },
	],
	default: 'create',
};

export const leadDescription: INodeProperties[] = [
	leadOperationParameter,
	...Object.values(leadOperations).flatMap((op) => op.description),
];
