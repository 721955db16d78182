import type { IDataObject, INode } from 'n8n-workflow';

import { markErrorKind } from '../CrmLead/transport/errorKinds';
import type { PageFetcher } from '../CrmLead/transport/paging';
import { assertNotCutShort, pageRecords, pageSignals, pagingError } from '../CrmLead/transport/paging';
import type { RowKey } from './pollState';
import { idOf, stampOf } from './pollState';
import { serverClock } from './serverTime';

/** How many requests one look for a place in the list may take before the poll gives up (until the next poll). */
export const MAX_LOOKS = 24;

/** The rows after a place in a list sorted by (timestamp text, ID), both ascending. */
export interface Successors {
	/** The rows after `after`, in list order (possibly none). */
	rows: IDataObject[];
	/** Offset of the first of them in the list as it was read. */
	position: number;
	/** Whether the list ends with them. */
	end: boolean;
	/** The server's clock at that answer (Date header), when sent. */
	serverNow: number | undefined;
	requests: number;
}

/** Where a row stands in the order the list was asked for. */
export type KeyOf = (record: IDataObject) => RowKey;

/** Sorted by the timestamp `field`, then ID. */
export const byStampThenId =
	(field: string): KeyOf =>
	(record) => ({ text: stampOf(record, field), id: idOf(record) });

/** Sorted by ID alone. */
export const byId: KeyOf = (record) => ({ text: '', id: idOf(record) });

/** Text order, as the server sorts: timestamp text (fixed width), then ID. */
export function compareKeys(a: RowKey, b: RowKey): number {
	if (a.text !== b.text) return a.text < b.text ? -1 : 1;
	return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/**
 * The window (page, size) to read for rows from offset `guess` on: it holds the row just before
 * `guess` — the one expected there, the anchor, which proves the window begins at or before the
 * place — and the row at `guess`, and reaches as far past it as a page of at most `maxSize` rows
 * can. A list can only be read in pages of one size, so the size is chosen to put a page edge
 * before the anchor; when no size up to `maxSize` can (a tiny Page Size), a slightly larger page is read.
 */
export function windowAt(guess: number, maxSize: number): { page: number; size: number } {
	if (guess <= 0) return { page: 0, size: maxSize };
	let best: { page: number; size: number; end: number } | undefined;
	const consider = (size: number) => {
		const page = Math.floor((guess - 1) / size);
		const end = (page + 1) * size;
		if (end > guess && (!best || end > best.end)) best = { page, size, end };
	};
	for (let size = Math.max(2, maxSize); size >= 2; size--) consider(size);
	for (let size = Math.max(2, maxSize) + 1; !best; size++) consider(size);
	return { page: best.page, size: best.size };
}

/**
 * Finds the rows that follow `after` in a list sorted ascending by `keyOf` — no
 * offset is trusted, and no row that stays in the list is skipped however the list moves: a
 * window of rows counts only when it begins at or before `after` (or at the list's start), so the
 * rows that follow `after` inside it are exactly its successors at the moment of that one answer.
 * Rows added or removed before the place only move it; the walk then looks again, narrowing the
 * place down between the last window that lay before it and the first that lay after it.
 *
 * `position` is where the first successor stood when last read (the number of rows before it).
 * Answers out of order mean the server ignores `sort`; a short page while x-total says more, a
 * cap it does not announce; the same rows for different pages, an ignored `page` — each a
 * `server` error naming the behaviour. A list that moves on every look ends the poll (`busy`).
 */
export async function successorsOf(
	node: INode,
	fetchPage: PageFetcher,
	keyOf: KeyOf,
	after: RowKey | null,
	position: number,
	pageSize: number,
): Promise<Successors> {
	let maxSize = pageSize;
	let low = 0; // successors lie at or after this offset
	let high = Number.POSITIVE_INFINITY; // a row after `after` stood at this offset
	let guess = Math.max(0, position);
	let serverNow: number | undefined;
	let previous: { start: number; ids: string } | undefined;
	for (let requests = 1; requests <= MAX_LOOKS; requests++) {
		const { page, size } = windowAt(guess, maxSize);
		const answer = await fetchPage(page, size);
		const rows = pageRecords(node, page, answer.records);
		const signals = pageSignals(answer.headers);
		const clock = serverClock(answer.headers);
		if (clock !== undefined) serverNow = Math.min(serverNow ?? clock, clock);
		// A server that serves smaller pages than asked counts its offsets in its own size: read again in it.
		if (signals.perPage !== undefined && signals.perPage > 0 && signals.perPage < size) {
			maxSize = signals.perPage;
			continue;
		}
		if (rows.length > size && page > 0) {
			throw pagingError(node, `The server ignores the "size" parameter: it sent ${rows.length} rows for a page of ${size}, so the trigger cannot tell where it is in the list.`);
		}
		assertAscending(node, rows, keyOf);
		const start = page * size;
		const ids = rows.map(idOf).join('\n');
		if (previous && rows.length > 0 && previous.ids === ids && Math.abs(previous.start - start) >= size) {
			throw pagingError(node, `The server returned the same records for page ${page} as for an earlier page; it seems to ignore the "page" parameter, so the trigger cannot read past the first page.`);
		}
		previous = { start, ids };
		const firstAfter = after === null ? 0 : rows.findIndex((row) => compareKeys(keyOf(row), after) > 0);
		const anchored = start === 0 || (rows.length > 0 && firstAfter !== 0);
		const complete = rows.length < size || rows.length > size;
		if (!anchored) {
			// This window begins after the place (rows before it went away): look earlier.
			high = Math.min(high, start);
			if (low >= high) low = 0;
			guess = low + Math.floor((high - low) / 2);
			continue;
		}
		if (rows.length < size) assertNotCutShort(node, { page, asked: size, count: rows.length, rowsBefore: start }, signals);
		if (firstAfter === -1 && !complete) {
			// Every row of this window is at or before the place: look further on.
			low = start + rows.length;
			if (low >= high) high = Number.POSITIVE_INFINITY;
			guess = high === Number.POSITIVE_INFINITY ? low : low + Math.floor((high - low) / 2);
			continue;
		}
		const from = firstAfter === -1 ? rows.length : firstAfter;
		return { rows: rows.slice(from), position: start + from, end: complete, serverNow, requests };
	}
	const error = pagingError(
		node,
		`The list kept changing while the trigger looked for its place in it (${MAX_LOOKS} requests); nothing was handed out and the next poll looks again.`,
	);
	throw markErrorKind(error, 'busy');
}

/** Rows must come in the order asked for; anything else means the server ignores `sort`. */
function assertAscending(node: INode, rows: readonly IDataObject[], keyOf: KeyOf): void {
	const spell = (key: RowKey) => (key.text ? `${key.text} (ID ${key.id})` : `ID ${key.id}`);
	for (let i = 1; i < rows.length; i++) {
		const before = keyOf(rows[i - 1]);
		const current = keyOf(rows[i]);
		if (compareKeys(before, current) >= 0) {
			throw pagingError(
				node,
				`The server ignores the "sort" parameter: it was asked for an ascending order and sent ${spell(current)} after ${spell(before)}, so the trigger cannot tell where it is in the list.`,
			);
		}
	}
}
