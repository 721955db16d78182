import type { INodeProperties } from 'n8n-workflow';

/**
 * The lead's fields as n8n's resource mapper (as in Airtable v2, Postgres v2): every field of the
 * table listed with its type, each mapped by drag and drop or expression, or Map Automatically
 * from the input item. Columns come from methods/resourceMapping.ts.
 */
/** What n8n's resource mapper calls taking the fields from the input item (version 2). */
export const MAP_AUTOMATICALLY = 'Map Automatically';

export function leadColumnsParameter(
	mode: 'add' | 'update' | 'upsert',
	description: string,
	matchHint?: string,
): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description,
		typeOptions: {
			loadOptionsDependsOn: ['operation'],
			resourceMapper: {
				resourceMapperMethod: 'getLeadColumns',
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				...(matchHint
					? { matchingFieldsLabels: { title: 'Lead to Match On', description: 'The lead key (ID)', hint: matchHint } }
					: {}),
			},
		},
	};
}
