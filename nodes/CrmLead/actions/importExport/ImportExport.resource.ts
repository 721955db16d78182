import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as downloadTemplate from './downloadTemplate.operation';
import * as exportOperation from './export.operation';
import * as getImportStatus from './getImportStatus.operation';
import * as importOperation from './import.operation';
import * as importWithErrorFile from './importWithErrorFile.operation';
import * as startAsyncImport from './startAsyncImport.operation';
import * as uploadFile from './uploadFile.operation';

export const importExportOperations: ResourceOperations = {
	downloadTemplate,
	export: exportOperation,
	getImportStatus,
	import: importOperation,
	importWithErrorFile,
	startAsyncImport,
	uploadFile,
};

export const importExportDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['importExport'] } },
		options: [
			{
				name: 'Download Import Template',
				value: 'downloadTemplate',
				description: 'Download the spreadsheet template for imports',
				action: 'Download the spreadsheet template for imports',
			},
			{ name: 'Export', value: 'export', description: 'Export leads to a spreadsheet', action: 'Export leads to a spreadsheet file' },
			{
				name: 'Get Import Status',
				value: 'getImportStatus',
				description: 'Get the status of an async import job (needs a server with the job status call)',
				action: 'Get the status of an import job by its job ID',
			},
			{ name: 'Import', value: 'import', description: 'Import leads from a spreadsheet', action: 'Import leads from a spreadsheet' },
			{
				name: 'Import and Get Error File',
				value: 'importWithErrorFile',
				description: 'Import leads and get back a spreadsheet of the rows that failed',
				action: 'Import leads and get the rows that failed as a file',
			},
			{
				name: 'Start Async Import',
				value: 'startAsyncImport',
				description: 'Start a background import of an uploaded file',
				action: 'Start an async import of an uploaded file',
			},
			{
				name: 'Upload File',
				value: 'uploadFile',
				description: 'Upload a spreadsheet to the platform for an async import',
				action: 'Upload a spreadsheet and get its file ID for an async import',
			},
		],
		default: 'import',
	},
	...Object.values(importExportOperations).flatMap((op) => op.description),
];
