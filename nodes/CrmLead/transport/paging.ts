import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markErrorKind } from './errorKinds';

/** One page as the server sent it. */
export interface Page {
	records: IDataObject[];
	/** Lower-cased response headers (x-page, x-per-page, x-total when the server sets them). */
	headers: Record<string, string>;
}

export type PageFetcher = (page: number, size: number) => Promise<Page>;

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const raw = headers[name];
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isInteger(value) && value >= 0 ? value : undefined;
}

function recordKey(record: IDataObject): string | undefined {
	return record.id === undefined || record.id === null ? undefined : String(record.id);
}

/**
 * Walks pages 0, 1, 2… and yields each page's new records. It stops on an empty or short page,
 * when x-total is reached, or when the caller stops iterating; it never loops forever: a page
 * that brings nothing new means the server ignores `page`, which is an error, not the end.
 *
 * `lookahead` pages are asked for while the current one is on its way, once x-total says they
 * exist: the server prepares the next page while n8n reads this one (never a page beyond the last).
 */
export async function* walkPages(
	node: INode,
	fetchPage: PageFetcher,
	pageSize: number,
	lookahead = 0,
): AsyncGenerator<IDataObject[]> {
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
	for (let page = 0; ; page++) {
		const current = request(page);
		if (lastPage !== undefined) for (let ahead = page + 1; ahead <= Math.min(lastPage, page + lookahead); ahead++) request(ahead);
		const { records, headers } = await current;
		requested.delete(page);
		if (!Array.isArray(records)) {
			throw markErrorKind(new NodeOperationError(node, `The server's list answer for page ${page} is not a JSON array`), 'server');
		}
		const fresh = records.filter((record) => {
			const key = recordKey(record);
			if (key === undefined) return true;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		if (records.length > 0 && fresh.length === 0) {
			const error = new NodeOperationError(
				node,
				`The server returned the same records for page ${page} as before; it seems to ignore the "page" parameter. Stopped after ${delivered} records to avoid an endless loop.`,
			);
			throw markErrorKind(error, 'server');
		}
		delivered += fresh.length;
		if (fresh.length > 0) yield fresh;

		const total = headerNumber(headers, 'x-total');
		// A server may cap the page size; the capped size is what "a short page" is measured against.
		const servedSize = Math.min(pageSize, headerNumber(headers, 'x-per-page') ?? pageSize);
		const overSized = records.length > pageSize; // the server ignored `size` and sent everything
		if (records.length === 0 || records.length < servedSize || overSized) return;
		if (total !== undefined && delivered >= total) return;
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
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const size = limit !== undefined ? Math.max(1, Math.min(pageSize, limit)) : pageSize;
	// Return All reads to the end, so the next page can be on its way; a Limit may end sooner.
	for await (const records of walkPages(node, fetchPage, size, limit === undefined ? 1 : 0)) {
		for (const record of records) {
			if (limit !== undefined && out.length >= limit) return out;
			out.push(record);
		}
		if (limit !== undefined && out.length >= limit) return out;
	}
	return out;
}
