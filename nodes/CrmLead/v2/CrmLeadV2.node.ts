import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { leadDescriptionV2, leadOperationsV2 } from '../actions/lead/v2/Lead.resource';
import { NODE_ICON, subtitleOf, versionDescription, versionOperations } from '../actions/nodeDescription';
import { route } from '../actions/router';
import { searchLeads } from '../methods/listSearch';
import { getLeadColumns } from '../methods/resourceMapping';

const OPERATIONS = versionOperations(leadOperationsV2);
const DESCRIPTION = versionDescription(2, leadDescriptionV2);

/** Version 2: lead fields through n8n's resource mapper (every field listed and typed, or Map Automatically). */
export class CrmLeadV2 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Lead',
		name: 'crmLead',
		group: ['transform'],
		icon: NODE_ICON,
		...DESCRIPTION,
		subtitle: subtitleOf(DESCRIPTION),
		usableAsTool: true,
	};

	methods = { listSearch: { searchLeads }, resourceMapping: { getLeadColumns } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, OPERATIONS);
	}
}
