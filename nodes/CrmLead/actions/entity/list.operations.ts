/**
 * Get Many of any entity: one of its lists (data sets), Filters by the table's n_… filters (each
 * value converted like its field), Sort, Return All / Limit through the shared page walk — which
 * ends on every server and fails clearly on paging it cannot trust (transport/paging.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_LIST } from '../../entities/entity';
import { FieldValueError, fieldsToWire } from '../../fields/convert';
import { listFetcher } from '../../transport/leadList';
import { collectPages } from '../../transport/paging';
import { rowOrderOf } from '../../transport/rowOrder';
import { sortString } from '../common/listQuery';
import { readNodeParameter } from '../common/nodeParameter';
import { recordItems } from '../common/output';
import { readExtraParameters, readOptions, readOutputShape, readPolicy, readZones } from '../common/parameters';
import { pageSizeOption } from '../common/options.description';
import type { ItemCall } from '../types';
import { nounOf, type Target } from './collection';

export const ENTITY_FILTERS = 'recordFilters';
export const ENTITY_SORT = 'recordSort';
export const LIST = 'list';

/**
 * Filters → the n_… body keys, each value converted like its field; a filter the table lacks is
 * refused. For an entity known by name only, every filter goes as given.
 */
async function readFilters(ctx: IExecuteFunctions, itemIndex: number, { entity, known }: Pick<Target, 'entity' | 'known'>): Promise<IDataObject> {
	const pairs = (readNodeParameter<IDataObject>(ctx, ENTITY_FILTERS, itemIndex, {}).filter ?? []) as Array<{ name?: string; value?: unknown }>;
	const zones = await readZones(ctx, itemIndex);
	const body: IDataObject = {};
	for (const { name, value } of pairs) {
		if (!name || value === '' || value === undefined || value === null) continue;
		if (!known) {
			body[name] = value as IDataObject[string];
			continue;
		}
		const spec = entity.table.filtersByKey.get(name);
		if (!spec) throw new FieldValueError(name, `is not a filter of ${entity.plural} (known: ${[...entity.table.filtersByKey.keys()].join(', ')})`);
		// `in` takes a comma-separated list of keys: sent as it is.
		body[name] = spec.op === 'in' ? String(value) : fieldsToWire({ [spec.field.name]: value }, zones, 'error', entity.table)[spec.field.name];
	}
	return body;
}

/** The List (data set) chosen for Get Many and Export: one the entity's page (or the server's description) documents. */
export function readDataSet(ctx: IExecuteFunctions, itemIndex: number, { entity, known }: Pick<Target, 'entity' | 'known'>): string {
	const chosen = entity.resource === 'otherEntity' || entity.lists.length > 1 ? readNodeParameter(ctx, LIST, itemIndex, DEFAULT_LIST.dataSet) : DEFAULT_LIST.dataSet;
	const dataSet = String(chosen).trim() || DEFAULT_LIST.dataSet;
	if (known && !entity.lists.some((list) => list.dataSet === dataSet)) {
		throw new FieldValueError(LIST, `must be one of ${entity.lists.map((l) => `"${l.dataSet}"`).join(', ')}, got "${dataSet}"`);
	}
	return dataSet;
}

/** The list body (without page and size) from Filters, Sort and Extra Parameters: Get Many, Export, Report. */
export async function listQuery(ctx: IExecuteFunctions, itemIndex: number, target: Pick<Target, 'entity' | 'known'>): Promise<IDataObject> {
	const sort = sortString(readNodeParameter<IDataObject>(ctx, ENTITY_SORT, itemIndex, {}));
	return { ...(await readFilters(ctx, itemIndex, target)), ...(sort ? { sort } : {}), ...readExtraParameters(ctx, itemIndex) };
}

export async function getMany(ctx: IExecuteFunctions, itemIndex: number, target: Target): Promise<ItemCall> {
	const { entity, collection } = target;
	const dataSet = readDataSet(ctx, itemIndex, target);
	const returnAll = readNodeParameter(ctx, 'returnAll', itemIndex, false);
	const limit = returnAll ? undefined : readNodeParameter(ctx, 'limit', itemIndex, 50);
	const pageSize = Number(readOptions(ctx, itemIndex).pageSize ?? pageSizeOption.default);
	const query = await listQuery(ctx, itemIndex, target);
	const fetchPage = listFetcher(ctx, [...collection, dataSet], query, {
		operation: `Get many ${entity.plural}`,
		itemIndex,
		policy: readPolicy(ctx, itemIndex),
	});
	const shape = await readOutputShape(ctx, itemIndex, true, entity.table);
	return async () => recordItems(await collectPages(ctx.getNode(), fetchPage, pageSize, limit, rowOrderOf(query.sort as string | undefined)), shape);
}

export { nounOf };
