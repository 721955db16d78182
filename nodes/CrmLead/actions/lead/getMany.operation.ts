import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectPages } from '../../transport/paging';
import { leadListFetcher } from '../../transport/leadList';
import { rowOrderOf } from '../../transport/rowOrder';
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
import { readOptions, readOutputShape, readPolicy } from '../common/parameters';
import type { ItemCall } from '../types';

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

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const pageSize = Number(readOptions(ctx, itemIndex).pageSize ?? pageSizeOption.default);
	const query = await readListQuery(ctx, itemIndex);
	const fetchPage = leadListFetcher(ctx, query, {
		operation: 'Get many leads',
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	const shape = await readOutputShape(ctx, itemIndex, true);
	// The rows are checked against the sort asked for: a server that ignores it fails clearly.
	return async () => recordItems(await collectPages(ctx.getNode(), fetchPage, pageSize, limit, rowOrderOf(query.sort)), shape);
}
