import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { mapperFields, type MapperPurpose } from '../fields/mapperFields';

export const PURPOSE_OF_OPERATION: Record<string, MapperPurpose> = {
	create: 'create',
	update: 'update',
	upsert: 'upsert',
	getDraft: 'draft',
};

/** The resource mapper's columns: the field table, typed, with what the operation requires. No request needed. */
export async function getLeadColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	return { fields: mapperFields(PURPOSE_OF_OPERATION[operation] ?? 'create') };
}
