import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { NODE_ICON, NODE_SUMMARY } from './actions/nodeDescription';
import { CrmLeadV1 } from './v1/CrmLeadV1.node';
import { CrmLeadV2 } from './v2/CrmLeadV2.node';
import { CrmLeadV3 } from './v3/CrmLeadV3.node';

/**
 * The CRM Lead node. Version 3 adds the entities around a lead (contacts, stages, activities,
 * messages); version 2 takes lead fields through the resource mapper; version 1 (Fields Source
 * with field collections) stays as it was. n8n keeps each saved node at its version, so saved
 * workflows keep running unchanged.
 */
export class CrmLead extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'CRM Lead',
			name: 'crmLead',
			icon: NODE_ICON,
			group: ['transform'],
			description: NODE_SUMMARY,
			defaultVersion: 3,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = { 1: new CrmLeadV1(), 2: new CrmLeadV2(), 3: new CrmLeadV3() };
		super(nodeVersions, baseDescription);
	}
}
