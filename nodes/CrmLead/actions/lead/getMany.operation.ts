import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectPages } from '../../transport/paging';
import { leadListFetcher } from '../../transport/leadList';
import {
	filtersCollection,
	limitParameter,
	returnAllParameter,
	simplifyParameter,
	sortCollection,
} from '../common/list.description';
import { extraParametersCollection } from '../common/fields.description';
import { readListQuery } from '../common/listQuery';
import {
	convertValuesOption,
	optionsCollection,
	pageSizeOption,
	requestOptions,
} from '../common/options.description';
import { recordItems } from '../common/output';
import { readOptions, readPolicy } from '../common/parameters';

const properties: INodeProperties[] = [
	returnAllParameter,
	limitParameter,
	filtersCollection,
	sortCollection,
	extraParametersCollection,
	simplifyParameter,
	optionsCollection([...requestOptions, convertValuesOption, pageSizeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['getMany'] } }, properties);

export async function execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const pageSize = Number(readOptions(ctx, itemIndex).pageSize ?? pageSizeOption.default);
	const fetchPage = leadListFetcher(ctx, await readListQuery(ctx, itemIndex), {
		operation: 'Get many leads',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	return await recordItems(ctx, itemIndex, await collectPages(ctx.getNode(), fetchPage, pageSize, limit), true);
}
