import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { compactProperties, mergeOptionCollections } from '../actions/compactProperties';
import { entityDescription, entityOperations, entityResources } from '../actions/entity/Entity.resource';
import { leadDescriptionV2, leadOperationsV2 } from '../actions/lead/v2/Lead.resource';
import { withNamePickers } from '../actions/lead/v3/namePickers';
import { OTHER_ENTITY, otherEntityOperations, otherEntityProperties, otherEntityResource } from '../actions/otherEntity/OtherEntity.resource';
import { NODE_ICON, subtitleOf, versionDescription, versionOperations } from '../actions/nodeDescription';
import { route } from '../actions/router';
import { ENTITIES } from '../entities';
import {
	getEntityColumns,
	getEntityFilters,
	getEntitySortFields,
	getOtherEntityColumns,
	searchContacts,
	searchRecords,
	searchServerEntities,
	searchStages,
} from '../methods/entityMethods';
import { getLeadColumnsWithNames } from '../methods/leadColumns';
import { searchLeads } from '../methods/listSearch';
import { getLeadColumns } from '../methods/resourceMapping';

const OPERATIONS = versionOperations(leadOperationsV2, {
	...Object.fromEntries(ENTITIES.map((e) => [e.resource, entityOperations(e)])),
	[OTHER_ENTITY]: otherEntityOperations,
});
const FULL = versionDescription(3, leadDescriptionV2, {
	resources: [...entityResources(ENTITIES), otherEntityResource],
	properties: [...otherEntityProperties, ...entityDescription(ENTITIES, [OTHER_ENTITY])],
});
const DESCRIPTION = { ...FULL, properties: mergeOptionCollections(compactProperties(withNamePickers(FULL.properties))) };

/**
 * Version 3: version 2's lead resources with stages and customers picked by name (their filters
 * and mapper columns), plus the entities around a lead (contacts, stages, activities, messages),
 * each a page and a table (entities/) served by the same operations, and Other Entity: any
 * entity of the server by its path, described by the server's OpenAPI description where it has one.
 */
export class CrmLeadV3 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Lead',
		name: 'crmLead',
		group: ['transform'],
		icon: NODE_ICON,
		...DESCRIPTION,
		subtitle: subtitleOf(DESCRIPTION),
		usableAsTool: true,
	};

	methods = {
		listSearch: { searchLeads, searchRecords, searchStages, searchContacts, searchServerEntities },
		resourceMapping: { getLeadColumns, getLeadColumnsWithNames, getEntityColumns, getOtherEntityColumns },
		loadOptions: { getEntityFilters, getEntitySortFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, OPERATIONS);
	}
}
