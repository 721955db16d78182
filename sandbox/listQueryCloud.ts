/**
 * The cloud runtime's reading of a search body: lenient where classic is strict.
 * - page and size go through Integer.valueOf(x.toString()) (SearchContextDTO.onInit): a value
 *   that is not a whole number fails the request; page < 0 → 0; size ≤ 0 → the default 20,
 *   size > 1000 → 1000 (the cap itself is applied by effectivePageSize);
 * - sort must be a string (anything else is ignored): `;`-separated parts, each `field` or
 *   `field,dir` where only DESC (any case) means descending; a part with 3+ items is skipped
 *   (SearchContextDTO.setPageSort); unknown or unsortable fields are dropped with a log line,
 *   no error (SysDBPersistentAdapter.fetchDataSet);
 * - only the data set's filter fields are read (SearchContextDTO); unknown n_ keys are ignored.
 */
import { ApiError, CLOUD_CODES } from './apiErrors';
import type { FieldTable } from '../nodes/CrmLead/fields/fieldTable';
import { sortableByName } from './fields';
import type { ListRequest } from './listRequest';
import type { Condition, SortKey } from './store';

export function parseCloudListRequest(input: Record<string, unknown>, table: FieldTable): ListRequest {
	const page = javaInteger(input.page, 'page');
	const size = javaInteger(input.size, 'size');
	return {
		page: page === undefined || page < 0 ? 0 : page,
		size: size === undefined || size <= 0 ? undefined : size,
		sort: typeof input.sort === 'string' ? lenientSort(input.sort, table) : [],
		conditions: knownFilters(input, table),
	};
}

/** Integer.valueOf(value.toString()): digits with an optional sign, nothing else (not even spaces). */
function javaInteger(raw: unknown, name: string): number | undefined {
	if (raw === undefined || raw === null) return undefined;
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
	const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
	if (Number.isSafeInteger(value) && Math.abs(value) <= 2147483647) return value;
	// SearchContextDTO's NumberFormatException, wrapped by DataEntityRuntime.createSearchContext.
	throw new ApiError(400, 'invalid_paging', `'${name}' must be a whole number (got ${JSON.stringify(raw)})`, '请求参数错误', {
		cloud: {
			type: 'DataEntityRuntimeException',
			code: CLOUD_CODES.INTERNALERROR,
			message: `建立实体过滤器对象发生异常，For input string: "${text}" ('${name}' must be a whole number)`,
		},
	});
}

function lenientSort(text: string, table: FieldTable): SortKey[] {
	const keys: SortKey[] = [];
	for (const part of text.trim().split(';')) {
		const items = part.split(',').map((item) => item.trim());
		if (items.length > 2) continue;
		const field = sortableByName(table).get(items[0]);
		if (!field) continue;
		keys.push({ field, direction: items[1]?.toUpperCase() === 'DESC' ? 'desc' : 'asc' });
	}
	return keys;
}

function knownFilters(input: Record<string, unknown>, table: FieldTable): Condition[] {
	const conditions: Condition[] = [];
	for (const [key, raw] of Object.entries(input)) {
		const spec = table.filtersByKey.get(key);
		if (!spec || raw === undefined || raw === null || raw === '') continue;
		conditions.push({ field: spec.field, op: spec.op, value: typeof raw === 'object' ? JSON.stringify(raw) : String(raw) });
	}
	return conditions;
}
