import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { dataModeParameter, extraParametersCollection, leadFieldsCollection } from '../common/fields.description';
import { leadLocator } from '../common/leadLocator.description';
import {
	batchingOption,
	convertValuesOption,
	optionsCollection,
	requestOptions,
	unknownFieldsOption,
} from '../common/options.description';
import { readLeadBody } from '../common/leadBody';
import { recordItems } from '../common/output';
import { readLeadId, readPolicy } from '../common/parameters';

const properties: INodeProperties[] = [
	leadLocator({ description: 'The lead to update' }),
	dataModeParameter,
	leadFieldsCollection('updateFields', 'Update Fields', new Set(['id'])),
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption, convertValuesOption, unknownFieldsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, properties);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = readLeadId(ctx, itemIndex);
	const body = await readLeadBody(ctx, itemIndex, { collection: 'updateFields', mainParameters: [] });
	// The record key decides which lead changes; an id in the body must not point elsewhere.
	delete body.id;
	const { body: record } = await crmRequest<IDataObject>(ctx, {
		method: 'PUT',
		path: ['crm_leads', id],
		body,
		operation: 'Update lead',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	return await recordItems(ctx, itemIndex, [record]);
}
