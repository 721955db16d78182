import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AUTO_MAP_INPUT_DATA, dataModeParameter, extraParametersCollection, leadFieldsCollection } from '../common/fields.description';
import { leadLocator } from '../common/leadLocator.description';
import {
	batchingOption,
	convertValuesOption,
	optionsCollection,
	requestOptions,
	unknownFieldsOption,
} from '../common/options.description';
import { readLeadBody } from '../common/leadBody';
import { prepareRecordCall } from '../common/recordCall';
import type { PreparedCall } from '../types';
import { updateLeadRequest } from './requests';
import { readLeadId } from '../common/parameters';
import { simplifyWriteParameter } from '../common/list.description';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to update' }),
	dataModeParameter,
	leadFieldsCollection('updateFields', 'Update Fields', new Set(['id'])),
	simplifyWriteParameter,
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption, convertValuesOption, unknownFieldsOption(AUTO_MAP_INPUT_DATA)]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const id = readLeadId(ctx, itemIndex);
	const body = await readLeadBody(ctx, itemIndex, { collection: 'updateFields', mainParameters: [] });
	return await prepareRecordCall(ctx, itemIndex, updateLeadRequest(id, body), true);
}
