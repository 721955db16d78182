import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LEAD_FIELDS_BY_NAME } from '../../fields/leadFields';
import { fieldParameter } from '../../fields/fieldParameters';
import { AUTO_MAP_INPUT_DATA, dataModeParameter, extraParametersCollection, leadFieldsCollection } from '../common/fields.description';
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
import { createLeadRequest } from './requests';
import { simplifyWriteParameter } from '../common/list.description';

const typeField = LEAD_FIELDS_BY_NAME.get('type')!;
const nameField = LEAD_FIELDS_BY_NAME.get('name')!;

const properties: INodeProperties[] = [
	dataModeParameter,
	{
		...fieldParameter(typeField),
		required: true,
		description: 'Whether the record is a lead or an opportunity (required by the API)',
		displayOptions: { show: { dataMode: ['defineBelow'] } },
	},
	{
		...fieldParameter(nameField),
		description: 'Name of the lead, e.g. the deal or inquiry title',
		displayOptions: { show: { dataMode: ['defineBelow'] } },
	},
	leadFieldsCollection('additionalFields', 'Additional Fields', new Set(['type', 'name'])),
	simplifyWriteParameter,
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption, convertValuesOption, unknownFieldsOption(AUTO_MAP_INPUT_DATA)]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['create'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const body = await readLeadBody(ctx, itemIndex, { collection: 'additionalFields', mainParameters: ['type', 'name'] });
	return await prepareRecordCall(ctx, itemIndex, createLeadRequest(body), true);
}
