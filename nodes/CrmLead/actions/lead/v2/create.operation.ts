import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FieldValueError } from '../../../fields/convert';
import { extraParametersCollection } from '../../common/fields.description';
import { leadColumnsParameter } from '../../common/leadColumns.description';
import { readMappedLeadBody } from '../../common/leadBody';
import { prepareRecordCall } from '../../common/recordCall';
import type { PreparedCall } from '../../types';
import { createLeadRequest } from '../requests';
import { writeOptions } from './options';
import { simplifyWriteParameter } from '../../common/list.description';

const properties: INodeProperties[] = [
	leadColumnsParameter(
		'add',
		'The new lead’s fields. Type (lead or opportunity) is required; leave ID empty and the server generates one.',
	),
	extraParametersCollection,
	simplifyWriteParameter,
	writeOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['create'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const body = await readMappedLeadBody(ctx, itemIndex);
	if (body.type === undefined || body.type === null) {
		throw new FieldValueError('type', 'is required to create a lead: map Type to lead or opportunity');
	}
	return await prepareRecordCall(ctx, itemIndex, createLeadRequest(body), true);
}
