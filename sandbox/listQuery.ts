/**
 * The fetch_default body ({page, size, sort, n_…}) parsed once for every endpoint that takes
 * it: the list itself, exportdata and the report. Classic rules are strict (anything unknown or
 * malformed is a 400 naming it); cloud's lenient rules live in listQueryCloud.ts.
 */
import type { FieldTable } from '../nodes/CrmLead/fields/fieldTable';
import { LEAD_FIELDS_BY_NAME, LEAD_TABLE, sortableByName } from './fields';
import { badRequest } from './apiErrors';
import type { Flavour } from './flavour';
import { parseCloudListRequest } from './listQueryCloud';
import type { ListRequest } from './listRequest';
import type { Condition, ListSpec, SortKey } from './store';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export type { ListRequest } from './listRequest';

/** The body of a list of the lead, or of another entity (`table`: its field table). */
export function parseListRequest(body: unknown, flavour: Flavour, table: FieldTable = LEAD_TABLE): ListRequest {
	const input = searchBody(body);
	if (flavour === 'cloud') return parseCloudListRequest(input, table);
	return {
		page: parseWholeNumber(input.page, 'page', 0) ?? 0,
		size: parseWholeNumber(input.size, 'size', 1),
		sort: parseSort(input.sort, table),
		conditions: parseFilters(input, table),
	};
}

/** The body as an object ({} when empty); anything else is refused. */
function searchBody(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null) return {};
	if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The search body must be a JSON object');
	return body as Record<string, unknown>;
}

/** Page size the list endpoint serves: default 20, capped at 1000. */
export function effectivePageSize(request: ListRequest): number {
	return Math.min(request.size ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

function parseWholeNumber(raw: unknown, name: string, min: number): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw badRequest(`'${name}' must be an integer >= ${min} (got ${JSON.stringify(raw)})`, 'invalid_paging');
	}
	return value;
}

/** `field,asc|desc`, several joined by `;` (an array of such strings is accepted too). */
export function parseSort(raw: unknown, table: FieldTable = LEAD_TABLE): SortKey[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const parts = Array.isArray(raw) ? raw : [raw];
	if (!parts.every((p) => typeof p === 'string')) throw badRequest(`'sort' must be a string like "write_date,desc"`, 'invalid_sort');
	const keys: SortKey[] = [];
	for (const item of (parts as string[]).flatMap((p) => p.split(';'))) {
		if (item.trim() === '') continue;
		const [name, direction = 'asc', ...rest] = item.split(',').map((s) => s.trim());
		const field = sortableByName(table).get(name);
		if (!field) throw badRequest(`Unknown sort field '${name}' in 'sort'`, 'invalid_sort');
		const dir = direction.toLowerCase();
		if ((dir !== 'asc' && dir !== 'desc') || rest.length > 0) {
			throw badRequest(`Sort direction for '${name}' must be asc or desc (got '${item.trim()}')`, 'invalid_sort');
		}
		keys.push({ field, direction: dir });
	}
	return keys;
}

/** Every `n_…` key must be one of the table's filters; empty values mean "no filter". */
function parseFilters(input: Record<string, unknown>, table: FieldTable = LEAD_TABLE): Condition[] {
	const conditions: Condition[] = [];
	for (const [key, raw] of Object.entries(input)) {
		if (!key.startsWith('n_')) continue;
		const spec = table.filtersByKey.get(key);
		if (!spec) throw badRequest(`Unknown filter '${key}'; known filters: ${[...table.filtersByKey.keys()].join(', ')}`, 'invalid_filter');
		if (raw === undefined || raw === null || raw === '') continue;
		if (typeof raw === 'object') throw badRequest(`Filter '${key}' must be a string`, 'invalid_filter');
		conditions.push({ field: spec.field, op: spec.op, value: String(raw) });
	}
	return conditions;
}

/**
 * Conditions for the programmatic countLeads(): `n_…` keys as in fetch_default, plain field
 * names as exact matches (null = IS NULL).
 */
export function conditionsFromFilter(filter: Record<string, unknown>): Condition[] {
	const filterKeys: Record<string, unknown> = {};
	const conditions: Condition[] = [];
	for (const [key, value] of Object.entries(filter)) {
		const field = LEAD_FIELDS_BY_NAME.get(key);
		if (field) {
			conditions.push({ field, op: 'eq', value: value === null || value === undefined ? null : (value as string | number) });
		} else {
			filterKeys[key] = value;
		}
	}
	const unknown = Object.keys(filterKeys).filter((k) => !k.startsWith('n_'));
	if (unknown.length > 0) throw new Error(`countLeads: unknown filter keys ${unknown.join(', ')}`);
	return [...conditions, ...parseFilters(filterKeys)];
}

/** The store query for one page of `size` rows (undefined size = every matching row). */
export function pageSpec(request: ListRequest, size: number | undefined): ListSpec {
	return {
		conditions: request.conditions,
		sort: request.sort,
		limit: size,
		offset: size === undefined ? 0 : request.page * size,
	};
}
