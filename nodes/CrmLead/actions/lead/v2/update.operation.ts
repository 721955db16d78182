import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FieldValueError } from '../../../fields/convert';
import { MATCH_FIELD } from '../../../fields/mapperFields';
import { extraParametersCollection } from '../../common/fields.description';
import { leadColumnsParameter } from '../../common/leadColumns.description';
import { readMappedLeadBody } from '../../common/leadBody';
import { prepareRecordCall } from '../../common/recordCall';
import type { PreparedCall } from '../../types';
import { updateLeadRequest } from '../requests';
import { writeOptions } from './options';
import { simplifyWriteParameter } from '../../common/list.description';

const properties: INodeProperties[] = [
	leadColumnsParameter(
		'update',
		'The lead to change (matched on its ID) and the fields to change; fields left empty stay as they are',
		'The ID of the lead to update, e.g. from Get Many or a trigger',
	),
	extraParametersCollection,
	simplifyWriteParameter,
	writeOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const body = await readMappedLeadBody(ctx, itemIndex);
	const id = typeof body[MATCH_FIELD] === 'string' ? body[MATCH_FIELD].trim() : '';
	if (!id) throw new FieldValueError(MATCH_FIELD, 'is needed to find the lead to update: map ID to the lead key');
	return await prepareRecordCall(ctx, itemIndex, updateLeadRequest(id, body), true);
}
