import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { extraParametersCollection } from '../../common/fields.description';
import { leadColumnsParameter } from '../../common/leadColumns.description';
import { readMappedLeadBody } from '../../common/leadBody';
import { prepareSaveCall } from '../../common/recordCall';
import type { PreparedCall } from '../../types';
import { saveLeadRequest } from '../requests';
import { upsertOptions } from './options';

const properties: INodeProperties[] = [
	leadColumnsParameter(
		'upsert',
		'The lead’s fields, matched on ID: an existing lead with that ID is updated, otherwise a lead is created with it',
		'The ID from the source system, so running the sync again updates instead of duplicating',
	),
	extraParametersCollection,
	upsertOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['upsert'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	return await prepareSaveCall(ctx, itemIndex, saveLeadRequest(await readMappedLeadBody(ctx, itemIndex)));
}
