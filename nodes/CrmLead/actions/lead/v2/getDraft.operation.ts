import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { leadColumnsParameter, MAP_AUTOMATICALLY } from '../../common/leadColumns.description';
import { readMappedLeadBody } from '../../common/leadBody';
import { convertValuesOption, optionsCollection, requestOptions, unknownFieldsOption } from '../../common/options.description';
import { prepareRecordCall } from '../../common/recordCall';
import type { PreparedCall } from '../../types';
import { draftLeadRequest } from '../requests';

const properties: INodeProperties[] = [
	leadColumnsParameter('add', 'Values to pre-fill; the server adds its defaults for everything else and stores nothing'),
	optionsCollection([...requestOptions, convertValuesOption, unknownFieldsOption(MAP_AUTOMATICALLY)]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['getDraft'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall> {
	return await prepareRecordCall(ctx, itemIndex, draftLeadRequest(await readMappedLeadBody(ctx, itemIndex)));
}
