import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { leadDescription, leadOperations } from '../actions/lead/Lead.resource';
import { NODE_ICON, subtitleOf, versionDescription, versionOperations } from '../actions/nodeDescription';
import { route } from '../actions/router';
import { searchLeads } from '../methods/listSearch';

const OPERATIONS = versionOperations(leadOperations);
const DESCRIPTION = versionDescription(1, leadDescription);

/** Version 1: lead fields as "Fields Source" (Define Below with a field collection, or Auto-Map Input Data). */
export class CrmLeadV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Lead',
		name: 'crmLead',
		group: ['transform'],
		icon: NODE_ICON,
		...DESCRIPTION,
		subtitle: subtitleOf(DESCRIPTION),
		usableAsTool: true,
	};

	methods = { listSearch: { searchLeads } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, OPERATIONS);
	}
}
