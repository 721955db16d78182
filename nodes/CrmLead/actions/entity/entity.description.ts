/**
 * The parameters of every entity resource, built once from the entity definitions and shared:
 * one Record picker, one Parent Record ID per parent, one resource mapper per mapper mode, one
 * Filters and one Sort (their choices loaded from the entity's table by method, which keeps the
 * node description small), one Options per kind of operation. Only the Operation list (and the
 * List of data sets) is per entity. Every parameter is described, for people and AI agents alike.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Entity } from '../../entities';
import { inputBinaryParameter, outputBinaryParameter } from '../common/binaryParameters';
import { extraParametersCollection } from '../common/fields.description';
import { contentTypeParameter } from '../document/contentType.description';
import { printTagParameter } from '../document/print.operation';
import { reportTagParameter } from '../document/report.operation';
import { exportTagParameter } from '../importExport/export.operation';
import { errorFileParameter } from '../importExport/importWithErrorFile.operation';
import { asyncImportProperties } from '../importExport/startAsyncImport.operation';
import { limitParameter, returnAllParameter } from '../common/list.description';
import { MAP_AUTOMATICALLY } from '../common/leadColumns.description';
import {
	batchingOption,
	bulkOption,
	convertValuesOption,
	optionsCollection,
	pageSizeOption,
	requestOptions,
	unknownFieldsOption,
} from '../common/options.description';
import { KEY_TO_CHECK, PARENT_ID, RECORD_ID, withArticle } from './collection';
import { ENTITY_FILTERS, ENTITY_SORT, LIST } from './list.operations';

/** The operations of the standard set, as every entity's Operation list offers them. */
function standardOperations(entity: Entity): INodePropertyOptions[] {
	const { noun } = entity.table;
	const a = withArticle(noun);
	return [
		{ name: 'Check Key', value: 'checkKey', description: `Check whether ${a} ID is taken`, action: `Check whether ${a} ID exists or was deleted` },
		{ name: 'Create', value: 'create', description: `Create ${a}`, action: `Create ${a}` },
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: `Create or update ${a} by its ID`,
		},
		{ name: 'Delete', value: 'delete', description: `Delete ${a}`, action: `Delete ${a} by its ID` },
		{ name: 'Get', value: 'get', description: `Get ${a}`, action: `Get ${a} by its ID` },
		{
			name: 'Get Draft',
			value: 'getDraft',
			description: `Get a new, unsaved ${noun} filled with the server’s defaults`,
			action: `Get an unsaved ${noun} filled with the server defaults`,
		},
		{ name: 'Get Many', value: 'getMany', description: `Get many ${entity.plural}`, action: `Get many ${entity.plural} matching filters` },
		{ name: 'Update', value: 'update', description: `Update ${a}`, action: `Update ${a} by its ID` },
		{
			name: 'Download Import Template',
			value: 'downloadTemplate',
			description: `Download the spreadsheet template for ${noun} imports`,
			action: `Download the ${noun} import template`,
		},
		{ name: 'Export', value: 'export', description: `Export ${entity.plural} to a spreadsheet`, action: `Export ${entity.plural} to a spreadsheet file` },
		{ name: 'Import', value: 'import', description: `Import ${entity.plural} from a spreadsheet`, action: `Import ${entity.plural} from a spreadsheet` },
		{
			name: 'Import and Get Error File',
			value: 'importWithErrorFile',
			description: `Import ${entity.plural} and get back a spreadsheet of the rows that failed`,
			action: `Import ${entity.plural} and get the failed rows as a file`,
		},
		{ name: 'Print', value: 'print', description: `Render one ${noun} as a document`, action: `Print ${a} as a document file` },
		{ name: 'Report', value: 'report', description: `Render a report of ${entity.plural}`, action: `Render ${a} report as a document file` },
		{
			name: 'Start Async Import',
			value: 'startAsyncImport',
			description: `Start a background import of ${entity.plural} from an uploaded file`,
			action: `Start an async ${noun} import of an uploaded file`,
		},
	];
}

export function operationParameter(entity: Entity): INodeProperties {
	const actions = entity.actions.map((a) => ({ name: a.displayName, value: a.operation, description: a.description, action: a.action }));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [entity.resource] } },
		options: [...standardOperations(entity), ...actions].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'get',
	};
}

const show = (resources: string[], operations?: string[]) => ({
	show: { resource: resources, ...(operations ? { operation: operations } : {}) },
});

function mapper(resources: string[], operation: string, mode: 'add' | 'update' | 'upsert', description: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description,
		displayOptions: show(resources, [operation]),
		typeOptions: {
			loadOptionsDependsOn: ['resource', 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getEntityColumns',
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				...(mode === 'add' ? {} : { matchingFieldsLabels: { title: 'Record to Match On', description: 'The record key (ID)', hint: 'The ID of the record' } }),
			},
		},
	};
}

function parentParameter(entity: Entity): INodeProperties {
	const parent = entity.parent!;
	return {
		displayName: 'Parent Record ID',
		name: PARENT_ID,
		type: 'string',
		default: '',
		placeholder: 'e.g. the ID of a lead',
		description: `Optional: the ID of the ${parent.noun} whose ${entity.plural} to work with. With it, the call goes through /${parent.path}/{ID}/${entity.path} and reaches only that record’s ${entity.plural} (${withArticle(entity.table.noun)} created this way belongs to it); empty = all ${entity.plural}.`,
		displayOptions: show([entity.resource]),
	};
}

function listParameter(entity: Entity): INodeProperties {
	return {
		displayName: 'List',
		name: LIST,
		type: 'options',
		options: entity.lists.map((l) => ({ name: l.displayName, value: l.dataSet, description: l.description })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'fetch_default',
		description: `Which of the server’s lists of ${entity.plural} to read`,
		displayOptions: show([entity.resource], ['getMany', 'export']),
	};
}

const SIMPLIFY_DESCRIPTION = 'Whether to return only the main fields of each record (its ID, name and the fields it is known by) instead of all of them';

/** Simplify: on by default where records are read, off where they are written (as the lead's). */
const simplify = (resources: string[], operations: string[], byDefault: boolean): INodeProperties =>
	byDefault
		? { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description: SIMPLIFY_DESCRIPTION, displayOptions: show(resources, operations) }
		: { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: false, description: SIMPLIFY_DESCRIPTION, displayOptions: show(resources, operations) };

/** The file operations' parameters: the lead's own definitions, shown for the entity resources. */
function fileParameters(resources: string[]): INodeProperties[] {
	const [importTag, fileId, schemaId] = asyncImportProperties;
	return [
		{ ...importTag, displayOptions: show(resources, ['downloadTemplate', 'import', 'importWithErrorFile', 'startAsyncImport']) },
		{ ...fileId, displayOptions: show(resources, ['startAsyncImport']) },
		{ ...schemaId, displayOptions: show(resources, ['startAsyncImport']) },
		{ ...inputBinaryParameter, displayOptions: show(resources, ['import', 'importWithErrorFile']) },
		{ ...errorFileParameter, displayOptions: show(resources, ['importWithErrorFile']) },
		{ ...exportTagParameter, displayOptions: show(resources, ['export']) },
		{
			displayName: 'Single Record ID',
			name: 'singleRecordId',
			type: 'string',
			default: '',
			description: 'Export only this record (its key); empty exports every record matching the filters',
			displayOptions: show(resources, ['export']),
		},
		{ ...printTagParameter, displayOptions: show(resources, ['print']) },
		{ ...reportTagParameter, displayOptions: show(resources, ['report']) },
		{ ...contentTypeParameter, displayOptions: show(resources, ['print', 'report']) },
		{ ...outputBinaryParameter, displayOptions: show(resources, ['downloadTemplate', 'export', 'print', 'report']) },
	];
}

/** Start Async Import's options (Wait for Completion…), from the lead's definition. */
const asyncImportOptions = ((asyncImportProperties.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[]).filter(
	(option) => !requestOptions.includes(option),
);

/** An option shown only for some operations (n8n reads '/operation' from the node's top level). */
const onlyFor = (option: INodeProperties, operations: string[]): INodeProperties => ({ ...option, displayOptions: { show: { '/operation': operations } } });

/**
 * One Options collection for every entity operation, each option shown where it applies: one copy
 * of each option in the description instead of one per kind of operation.
 */
function entityOptions(resources: string[], actions: string[]): INodeProperties {
	const perItem = ['get', 'delete', 'checkKey', 'create', 'update', 'getDraft', 'upsert', 'print', ...actions];
	const writes = ['create', 'update', 'getDraft', 'upsert'];
	return {
		...optionsCollection([
			...requestOptions,
			onlyFor(batchingOption, perItem),
			onlyFor(convertValuesOption, [...perItem.filter((o) => o !== 'delete' && o !== 'checkKey'), 'getMany']),
			onlyFor(pageSizeOption, ['getMany']),
			...asyncImportOptions.map((option) => onlyFor(option, ['startAsyncImport'])),
			onlyFor(unknownFieldsOption(MAP_AUTOMATICALLY), writes),
			onlyFor(
				{
					...bulkOption,
					displayName: 'Records Per Request',
					description:
						'How many records with an ID to save in one request (bulk); 1 sends one request per record. Records without an ID always go one by one. Each still gets its own output item or error item. Servers that refuse arrays get one request per record, with a notice.',
				},
				['upsert'],
			),
		]),
		displayOptions: show(resources),
	};
}

/**
 * Every parameter of the entity resources, for the given entities; `sharedWith` are resources
 * (Other Entity) that use the record picker, Check Key's key, the list parameters, Extra
 * Parameters and Options too.
 */
export function entityProperties(entities: readonly Entity[], sharedWith: string[] = []): INodeProperties[] {
	const own = entities.map((e) => e.resource);
	const all = [...own, ...sharedWith];
	const recordActions = entities.flatMap((e) => e.actions.filter((a) => a.scope === 'record').map((a) => a.operation));
	const allActions = entities.flatMap((e) => e.actions.map((a) => a.operation));
	const writes = ['create', 'update', 'upsert'];
	return [
		...entities.map(operationParameter),
		...entities.filter((e) => e.parent).map(parentParameter),
		{
			displayName: 'Record',
			name: RECORD_ID,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'The record to act on: pick it from the list or give its ID (the record key)',
			displayOptions: show(all, ['get', 'delete', 'print', ...recordActions]),
			modes: [
				{ displayName: 'From List', name: 'list', type: 'list', placeholder: 'Select a record...', typeOptions: { searchListMethod: 'searchRecords', searchable: true } },
				{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 3f2a9c1e' },
			],
		},
		{
			displayName: 'ID to Check',
			name: KEY_TO_CHECK,
			type: 'string',
			required: true,
			default: '',
			description: 'The key to look up. Returns exists (true/false), state (notFound, exists or deleted) and the raw result (0, 1 or 2).',
			displayOptions: show(all, ['checkKey']),
		},
		mapper(own, 'create', 'add', 'The new record’s fields; fields the server requires are marked; leave ID empty and the server generates one'),
		mapper(own, 'update', 'update', 'The record to change (matched on its ID) and the fields to change; fields left empty stay as they are'),
		mapper(own, 'upsert', 'upsert', 'The record’s fields, matched on ID: an existing record with that ID is updated, otherwise one is created with it'),
		mapper(own, 'getDraft', 'add', 'Values to pre-fill; the server adds its defaults for everything else and stores nothing'),
		...entities.filter((e) => e.lists.length > 1).map(listParameter),
		{ ...returnAllParameter, displayOptions: show(all, ['getMany', 'export']) },
		{ ...limitParameter, displayOptions: { show: { resource: all, operation: ['getMany', 'export'], returnAll: [false] } } },
		{
			displayName: 'Filters',
			name: ENTITY_FILTERS,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			description: 'Only return records matching all of these conditions (the server’s own filters for this entity)',
			displayOptions: show(all, ['getMany', 'export', 'report']),
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'name',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getEntityFilters', loadOptionsDependsOn: ['resource', 'entityPath.value'] },
							default: '',
							description: 'The filter (a field and how it compares: equals, contains, one of; its key is n_<field>_<eq|like|in>). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value to compare with; "One Of" filters take IDs separated by commas' },
					],
				},
			],
		},
		{
			displayName: 'Sort',
			name: ENTITY_SORT,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Sort Rule',
			default: {},
			description: 'Order of the results; the first rule wins, later ones break ties',
			displayOptions: show(all, ['getMany', 'export']),
			options: [
				{
					displayName: 'Rule',
					name: 'rule',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'field',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getEntitySortFields', loadOptionsDependsOn: ['resource', 'entityPath.value'] },
							default: '',
							description: 'Field to sort by. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		},
		simplify(own, ['get', 'getMany', ...allActions], true),
		simplify(own, ['create', 'update'], false),
		{ ...extraParametersCollection, displayOptions: show(all, [...writes, 'checkKey', 'getMany', 'export', 'report', ...allActions]) },
		...fileParameters(own),
		entityOptions(all, allActions),
	];
}
