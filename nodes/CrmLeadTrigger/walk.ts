import type { IDataObject, INode } from 'n8n-workflow';

import { markErrorKind } from '../CrmLead/transport/errorKinds';
import type { PageFetcher } from '../CrmLead/transport/paging';
import { assertNotCutShort, pageRecords, pageSignals, pagingError } from '../CrmLead/transport/paging';
import type { StateReader } from './pollState';
import { serverClock } from './serverTime';

/** How often one poll starts its walk again because the list moved under it before it gives up (until the next poll). */
export const MAX_RESTARTS = 3;

export interface WalkResult {
	/** The rows the reader called new, each (id + timestamp) once, in list order. */
	fresh: IDataObject[];
	/** The server's clock (epoch ms) at the earliest answer of the walk, from its Date headers (when sent). */
	serverNow: number | undefined;
	/** The newest timestamp text the walk read (its first dated row), when it read any. */
	newestStamp: string | undefined;
	/** Whether `enough` stopped the walk before it reached the end of what is new. */
	stopped: boolean;
	requests: number;
}

/**
 * Reads the list newest first (by `field`, text order as the server sorts it) until the reader
 * says nothing further down can be new. It trusts no offset:
 * - x-total differing from page 0's means rows were added or removed above the read position
 *   (which shifts later pages); the walk then starts again from page 0, keeping what it found,
 *   so a row pushed across a page edge is not skipped. Moves that keep x-total (an edited lead
 *   jumping to the top) only shift rows down: they come again, and are de-duplicated by
 *   id + timestamp.
 * - rows out of order mean the server ignores `sort`; a page of rows already read means it
 *   ignores `page`; a page cut short while x-total says more means it caps pages silently:
 *   each is a `server` error naming the behaviour (no guess at what is new).
 * `prepare` gets page 0 and the server's clock before any row is judged (at activation the poll
 * state is built from them). `enough`, asked after each page, stops the walk early (a backlog
 * larger than a poll may hand out is read oldest first instead).
 */
export async function walkNewestFirst(
	node: INode,
	fetchPage: PageFetcher,
	pageSize: number,
	field: string,
	prepare: (firstPage: IDataObject[], serverNow: number | undefined) => StateReader,
	enough: (fresh: readonly IDataObject[], serverNow: number | undefined) => boolean = () => false,
): Promise<WalkResult> {
	const fresh = new Map<string, IDataObject>();
	let serverNow: number | undefined;
	let newestStamp: string | undefined;
	let reader: StateReader | undefined;
	let requests = 0;
	let repeatedPasses = 0;
	const result = (stopped: boolean): WalkResult => ({ fresh: [...fresh.values()], serverNow, newestStamp, stopped, requests });
	for (let restarts = 0; ; restarts++) {
		let firstTotal: number | undefined;
		let rowsBefore = 0;
		let previousStamp: string | undefined;
		const readThisPass = new Set<string>();
		newestStamp = undefined; // each pass starts at the list's top, which may have moved up
		let moved: 'total' | 'repeated' | undefined;
		for (let page = 0; ; page++) {
			const answer = await fetchPage(page, pageSize);
			requests++;
			const records = pageRecords(node, page, answer.records);
			const signals = pageSignals(answer.headers);
			const clock = serverClock(answer.headers);
			// The earliest clock: everything the walk read was read at or after it.
			if (clock !== undefined) serverNow = Math.min(serverNow ?? clock, clock);
			reader ??= prepare(records, serverNow);
			if (page === 0) firstTotal = signals.total;
			else if (signals.total !== undefined && firstTotal !== undefined && signals.total !== firstTotal) {
				moved = 'total';
				break;
			}
			// A page of rows already read: `page` ignored, or (rarely) leads edited to the top pushed a whole page down.
			if (page > 0 && records.length > 0 && records.every((record) => readThisPass.has(String(record.id)))) {
				moved = 'repeated';
				break;
			}
			// The whole page is checked for order before any row is judged: one page shows an ignored `sort`.
			for (const record of records) {
				if (reader.isUndated(record)) continue;
				const stamp = String(record[field]);
				if (previousStamp !== undefined && stamp > previousStamp) {
					throw pagingError(
						node,
						`The server ignores the "sort" parameter: it was asked for ${field} newest first and sent ${stamp} after ${previousStamp}, so the trigger cannot tell new leads from old ones.`,
					);
				}
				previousStamp = stamp;
			}
			let ended = false;
			for (const record of records) {
				readThisPass.add(String(record.id));
				if (reader.isUndated(record)) continue;
				if (page === 0 && newestStamp === undefined) newestStamp = String(record[field]);
				if (reader.endsWalk(record)) {
					ended = true;
					break;
				}
				if (reader.isNew(record)) fresh.set(`${String(record.id)}@${String(record[field])}`, record);
			}
			if (ended) return result(false);
			const servedSize = Math.min(pageSize, signals.perPage ?? pageSize);
			assertNotCutShort(node, { page, asked: servedSize, count: records.length, rowsBefore }, signals);
			rowsBefore += records.length;
			if (records.length === 0 || records.length < servedSize || records.length > pageSize) return result(false);
			if (enough([...fresh.values()], serverNow)) return result(true);
		}
		if (moved === 'repeated') repeatedPasses++;
		if (moved && restarts >= MAX_RESTARTS) {
			if (repeatedPasses > MAX_RESTARTS) {
				throw pagingError(
					node,
					`The server returned the same records for a later page as for an earlier one on every try; it seems to ignore the "page" parameter, so the trigger cannot read past the first page.`,
				);
			}
			const error = pagingError(
				node,
				`The list kept changing while the trigger read it (rows moved between its page requests ${MAX_RESTARTS + 1} times); nothing was handed out and the next poll reads it again.`,
			);
			throw markErrorKind(error, 'busy');
		}
	}
}
