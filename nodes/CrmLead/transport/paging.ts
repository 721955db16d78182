import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markErrorKind } from './errorKinds';
import type { RowOrder } from './rowOrder';

/** One page as the server sent it. */
export interface Page {
	/** The rows as the server sent them: pageRecords reads them (an array, or a clear error). */
	records: unknown;
	/** Lower-cased response headers (x-page, x-per-page, x-total, date when the server sets them). */
	headers: Record<string, string>;
}

export type PageFetcher = (page: number, size: number) => Promise<Page>;

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const raw = headers[name];
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** What a page's headers say about the list: x-total and x-per-page, when sent. */
export interface PageSignals {
	total?: number;
	perPage?: number;
}

export function pageSignals(headers: Record<string, string>): PageSignals {
	return { total: headerNumber(headers, 'x-total'), perPage: headerNumber(headers, 'x-per-page') };
}

/** An error about the server's paging: kind `server`, the behaviour named first. */
export function pagingError(node: INode, message: string): NodeOperationError {
	return markErrorKind(new NodeOperationError(node, message), 'server');
}

/** The page's rows as an array, or a clear error. */
export function pageRecords(node: INode, page: number, records: unknown): IDataObject[] {
	if (!Array.isArray(records)) throw pagingError(node, `The server's list answer for page ${page} is not a JSON array`);
	return records as IDataObject[];
}

/**
 * A page shorter than asked ends the list, unless x-total says rows follow it: then the server cut
 * the page (silently, when it sent no x-per-page) or its x-total is wrong. Either way the rows
 * after it cannot be reached reliably, so the walk stops with an error instead of ending short.
 */
export function assertNotCutShort(
	node: INode,
	at: { page: number; asked: number; count: number; rowsBefore: number },
	signals: PageSignals,
): void {
	const { page, asked, count, rowsBefore } = at;
	if (count >= asked || signals.total === undefined || rowsBefore + count >= signals.total) return;
	if (signals.perPage === undefined && count > 0) {
		throw pagingError(
			node,
			`The server caps pages at ${count} rows without saying so (no x-per-page header): page ${page} of Page Size ${asked} brought ${count} rows while x-total says ${signals.total}. Set Page Size to ${count} or less.`,
		);
	}
	throw pagingError(
		node,
		`The server's x-total header says ${signals.total} rows, but its list ended after ${rowsBefore + count} (page ${page} brought ${count} of ${asked}); its paging headers contradict each other, so no partial list is returned.`,
	);
}

function recordKey(record: IDataObject): string | undefined {
	return record.id === undefined || record.id === null ? undefined : String(record.id);
}

/**
 * Walks pages 0, 1, 2… of a list that should hold still and yields each page's records. It ends
 * on an empty or short page, or when x-total is reached (confirmed by one more request when the
 * last page was full: a server whose x-total is too low would otherwise end the list early).
 * Where the server's signals disagree — rows beyond x-total, a short page while x-total says
 * more, x-total changing between pages, a page of rows already seen (`page` ignored), rows
 * repeated, or rows out of the `order` asked for (`sort` ignored) — it throws a `server` error
 * naming the behaviour: never a silently short or duplicated list, never an endless loop.
 *
 * `lookahead` pages are asked for while the current one is on its way, once x-total says they
 * exist: the server prepares the next page while n8n reads this one (never a page beyond the last).
 */
export async function* walkPages(
	node: INode,
	fetchPage: PageFetcher,
	pageSize: number,
	lookahead = 0,
	order?: RowOrder,
): AsyncGenerator<IDataObject[]> {
	let previousKey: string | number | undefined;
	const assertOrdered = (records: IDataObject[]) => {
		if (!order) return;
		for (const record of records) {
			const key = order.keyOf(record);
			if (key === undefined) continue;
			if (previousKey !== undefined && !order.mayFollow(previousKey, key)) {
				throw pagingError(node, `The server ignores the "sort" parameter: it was asked for ${order.describe} and sent ${key} after ${previousKey}, so the list is not in the order asked for.`);
			}
			previousKey = key;
		}
	};
	const seen = new Set<string>();
	const requested = new Map<number, Promise<Page>>();
	const request = (page: number): Promise<Page> => {
		let pending = requested.get(page);
		if (!pending) {
			pending = fetchPage(page, pageSize);
			pending.catch(() => undefined); // a page asked for ahead may be abandoned; its failure surfaces when awaited
			requested.set(page, pending);
		}
		return pending;
	};
	let lastPage: number | undefined;
	let delivered = 0;
	let firstTotal: number | undefined;
	let confirming = false;
	for (let page = 0; ; page++) {
		const current = request(page);
		if (lastPage !== undefined) for (let ahead = page + 1; ahead <= Math.min(lastPage, page + lookahead); ahead++) request(ahead);
		const answer = await current;
		requested.delete(page);
		const records = pageRecords(node, page, answer.records);
		const signals = pageSignals(answer.headers);
		const { total } = signals;
		firstTotal ??= total;
		if (total !== undefined && firstTotal !== undefined && total !== firstTotal) {
			throw pagingError(
				node,
				`The list changed while it was being read (x-total went from ${firstTotal} to ${total} between pages), so its pages no longer line up; no partial list is returned. Run the node again.`,
			);
		}
		const fresh = records.filter((record) => {
			const key = recordKey(record);
			return key === undefined || !seen.has(key);
		});
		if (records.length > 0 && fresh.length === 0) {
			throw pagingError(
				node,
				`The server returned the same records for page ${page} as before; it seems to ignore the "page" parameter. Stopped after ${delivered} records to avoid an endless loop.`,
			);
		}
		if (fresh.length < records.length) {
			throw pagingError(
				node,
				`The server repeated ${records.length - fresh.length} rows of an earlier page on page ${page}; its pages overlap (an unstable sort, or a list that changed), so no list with duplicates or gaps is returned.`,
			);
		}
		if (total !== undefined && delivered + records.length > total) {
			throw pagingError(
				node,
				`The server's x-total header says ${total} rows, but it sent ${delivered + records.length}; x-total is wrong, so where the list ends cannot be trusted and no partial list is returned.`,
			);
		}
		for (const record of records) {
			const key = recordKey(record);
			if (key !== undefined) seen.add(key);
		}
		assertOrdered(records);
		if (confirming && records.length === 0) return;
		// A server may cap the page size; the capped size is what "a short page" is measured against.
		const servedSize = Math.min(pageSize, signals.perPage ?? pageSize);
		assertNotCutShort(node, { page, asked: servedSize, count: records.length, rowsBefore: delivered }, signals);
		delivered += records.length;
		if (records.length > 0) yield records;

		const overSized = records.length > pageSize; // the server ignored `size` and sent everything
		if (records.length === 0 || records.length < servedSize || overSized) return;
		// x-total reached on a full page: one more (empty) page proves x-total right.
		if (total !== undefined && delivered >= total) confirming = true;
		// Only once two pages brought different records: a server that ignores `page` gets no request ahead.
		if (total !== undefined && lookahead > 0 && page >= 1) lastPage = Math.ceil(total / servedSize) - 1;
	}
}

/** Collects up to `limit` records (all when undefined) from a page walk. */
export async function collectPages(
	node: INode,
	fetchPage: PageFetcher,
	pageSize: number,
	limit?: number,
	order?: RowOrder,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const size = limit !== undefined ? Math.max(1, Math.min(pageSize, limit)) : pageSize;
	// Return All reads to the end, so the next page can be on its way; a Limit may end sooner.
	for await (const records of walkPages(node, fetchPage, size, limit === undefined ? 1 : 0, order)) {
		for (const record of records) {
			if (limit !== undefined && out.length >= limit) return out;
			out.push(record);
		}
		if (limit !== undefined && out.length >= limit) return out;
	}
	return out;
}
