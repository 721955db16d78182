import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { documentDescription } from './actions/document/Document.resource';
import { importExportDescription } from './actions/importExport/ImportExport.resource';
import { leadDescription } from './actions/lead/Lead.resource';
import { route } from './actions/router';
import { searchLeads } from './methods/listSearch';

export class CrmLead implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Lead',
		name: 'crmLead',
		icon: { light: 'file:crmLead.svg', dark: 'file:crmLead.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find, import, export and print leads in a CRM Lead (iBiz / Odoo crm.lead) server',
		defaults: { name: 'CRM Lead' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crmLeadApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Document', value: 'document', description: 'Print a lead or render a report' },
					{ name: 'Import / Export', value: 'importExport', description: 'Move leads in and out as spreadsheets' },
					{ name: 'Lead', value: 'lead', description: 'A lead or opportunity record' },
				],
				default: 'lead',
			},
			...leadDescription,
			...importExportDescription,
			...documentDescription,
		],
	};

	methods = { listSearch: { searchLeads } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this);
	}
}
