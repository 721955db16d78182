import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LEAD_FIELDS_BY_NAME } from '../../fields/leadFields';
import { fieldParameter } from '../../fields/fieldParameters';
import { AUTO_MAP_INPUT_DATA, dataModeParameter, extraParametersCollection, leadFieldsCollection } from '../common/fields.description';
import {
	batchingOption,
	bulkOption,
	convertValuesOption,
	optionsCollection,
	requestOptions,
	unknownFieldsOption,
} from '../common/options.description';
import { readLeadBody } from '../common/leadBody';
import { prepareSaveCall } from '../common/recordCall';
import type { PreparedCall } from '../types';
import { saveLeadRequest } from './requests';

const showDefined = { show: { dataMode: ['defineBelow'] } };

const properties: INodeProperties[] = [
	dataModeParameter,
	{
		...fieldParameter(LEAD_FIELDS_BY_NAME.get('id')!, 'Lead ID'),
		description:
			'Key of the lead: when a lead with this ID exists it is updated, otherwise it is created with this ID (empty: the server creates a new lead, which needs Type under Additional Fields)',
		displayOptions: showDefined,
	},
	{
		...fieldParameter(LEAD_FIELDS_BY_NAME.get('name')!),
		description: 'Name of the lead, e.g. the deal or inquiry title',
		displayOptions: showDefined,
	},
	leadFieldsCollection('additionalFields', 'Additional Fields', new Set(['id', 'name'])),
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption, bulkOption, convertValuesOption, unknownFieldsOption(AUTO_MAP_INPUT_DATA)]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['upsert'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	const body = await readLeadBody(ctx, itemIndex, { collection: 'additionalFields', mainParameters: ['id', 'name'] });
	return await prepareSaveCall(ctx, itemIndex, saveLeadRequest(body));
}
