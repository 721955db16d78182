import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { isResourceLocatorValue } from 'n8n-workflow';

import { fieldsToWire } from '../../fields/convert';
import { LEAD_FILTERS } from '../../fields/leadFields';
import { readExtraParameters, readZones } from './parameters';

const FILTERS_BY_KEY = new Map(LEAD_FILTERS.map((f) => [f.key, f]));

/** Filters collection → n_<field>_<op> body keys, each value converted like its field. */
export async function readFilterBody(
	ctx: IExecuteFunctions | IPollFunctions,
	itemIndex: number,
	filters: IDataObject,
): Promise<IDataObject> {
	const zones = await readZones(ctx, itemIndex);
	const body: IDataObject = {};
	for (const [key, given] of Object.entries(filters)) {
		const spec = FILTERS_BY_KEY.get(key);
		// A filter picked From List (version 3, the trigger) is a resource locator: its value is the key.
		const value = isResourceLocatorValue(given) ? given.value : given;
		if (!spec || value === '' || value === undefined || value === null) continue;
		// Convert as the underlying field so e.g. option names and numbers are normalised.
		body[key] = fieldsToWire({ [spec.field.name]: value }, zones, 'error')[spec.field.name];
	}
	return body;
}

/** Sort rules → the API's `field,dir;field,dir` string (undefined when none). */
export function sortString(sort: IDataObject): string | undefined {
	const rules = (sort.rule ?? []) as Array<{ field?: string; direction?: string }>;
	const parts = rules.filter((r) => r.field).map((r) => `${r.field},${r.direction === 'asc' ? 'asc' : 'desc'}`);
	return parts.length ? parts.join(';') : undefined;
}

/** The fetch_default / exportdata body (without page and size) from Filters, Sort and Extra Parameters. */
export async function readListQuery(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = await readFilterBody(ctx, itemIndex, filters);
	const sort = sortString(ctx.getNodeParameter('sort', itemIndex, {}) as IDataObject);
	return { ...query, ...(sort ? { sort } : {}), ...readExtraParameters(ctx, itemIndex) };
}
