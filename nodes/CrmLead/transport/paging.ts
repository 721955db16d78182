import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
 */
export async function* walkPages(
	node: INode,
	fetchPage: PageFetcher,
	pageSize: number,
): AsyncGenerator<IDataObject[]> {
	const seen = new Set<string>();
	let delivered = 0;
	for (let page = 0; ; page++) {
		const { records, headers } = await fetchPage(page, pageSize);
		if (!Array.isArray(records)) {
			throw new NodeOperationError(node, `The server's list answer for page ${page} is not a JSON array`);
		}
		const fresh = records.filter((record) => {
			const key = recordKey(record);
			if (key === undefined) return true;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		if (records.length > 0 && fresh.length === 0) {
			throw new NodeOperationError(
				node,
				`The server returned the same records for page ${page} as before; it seems to ignore the "page" parameter. Stopped after ${delivered} records to avoid an endless loop.`,
			);
		}
		delivered += fresh.length;
		if (fresh.length > 0) yield fresh;

		const total = headerNumber(headers, 'x-total');
		// A server may cap the page size; the capped size is what "a short page" is measured against.
		const servedSize = Math.min(pageSize, headerNumber(headers, 'x-per-page') ?? pageSize);
		const overSized = records.length > pageSize; // the server ignored `size` and sent everything
		if (records.length === 0 || records.length < servedSize || overSized) return;
		if (total !== undefined && delivered >= total) return;
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
	for await (const records of walkPages(node, fetchPage, size)) {
		for (const record of records) {
			if (limit !== undefined && out.length >= limit) return out;
			out.push(record);
		}
		if (limit !== undefined && out.length >= limit) return out;
	}
	return out;
}
