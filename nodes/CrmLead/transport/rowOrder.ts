import type { IDataObject } from 'n8n-workflow';

import { LEAD_FIELDS_BY_NAME } from '../fields/leadFields';

/** The order a list was asked for, as far as it can be checked on the rows that come back. */
export interface RowOrder {
	/** e.g. `expected_revenue descending`, for error messages. */
	describe: string;
	/** The row's sort value, undefined when it cannot be compared. */
	keyOf(row: IDataObject): string | number | undefined;
	/** Whether a row with key `next` may follow one with key `previous`. */
	mayFollow(previous: string | number, next: string | number): boolean;
}

const comparable = (value: unknown, numeric: boolean): string | number | undefined => {
	if (value === null || value === undefined || value === '') return undefined;
	if (!numeric) return typeof value === 'string' ? value : undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
};

/**
 * The first key of a `field,dir;…` sort string, when the rows can show whether it was honoured:
 * numbers and timestamps (wire text `yyyy-MM-dd HH:mm:ss` sorts as the server stores it). Text
 * fields are not checked (the server's collation decides), nor empty values (databases put NULL
 * first or last).
 */
export function rowOrderOf(sort: unknown): RowOrder | undefined {
	if (typeof sort !== 'string') return undefined;
	const [name, direction = 'asc'] = (sort.split(';')[0] ?? '').split(',').map((part) => part.trim());
	const field = LEAD_FIELDS_BY_NAME.get(name);
	if (!field) return undefined;
	const numeric = ['Integer', 'Double', 'BigDecimal'].includes(field.wireType);
	if (!numeric && field.wireType !== 'Timestamp') return undefined;
	const descending = direction.toLowerCase() === 'desc';
	return {
		describe: `${name} ${descending ? 'descending' : 'ascending'}`,
		keyOf: (row) => comparable(row[name], numeric),
		mayFollow: (previous, next) => (descending ? next <= previous : next >= previous),
	};
}
