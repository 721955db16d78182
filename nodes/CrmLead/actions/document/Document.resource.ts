import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as print from './print.operation';
import * as report from './report.operation';

export const documentOperations: ResourceOperations = { print, report };

export const documentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Print', value: 'print', description: 'Render one lead as a document', action: 'Print a lead as a document file' },
			{ name: 'Report', value: 'report', description: 'Render a summary report of leads', action: 'Render a lead report as a document file' },
		],
		default: 'print',
	},
	...Object.values(documentOperations).flatMap((op) => op.description),
];
