import type { IDataObject, INode } from 'n8n-workflow';

import type { PageFetcher } from '../CrmLead/transport/paging';
import { byStampThenId, successorsOf } from './ascendingWalk';
import type { CatchUpState, PollState, ReadStamp } from './pollState';
import { idOf, pruneOpen, SETTLE_SECONDS, stampOf } from './pollState';

const SETTLE_MS = SETTLE_SECONDS * 1000;

/** Where in a list sorted by text the rows stamped from an instant on begin (serverTime.firstTextFrom). */
export type TextFrom = (at: number) => string;

/** A backlog from `startAt` (epoch ms; null: the first lead): everything stamped from it on comes out. */
export function backfillState(startAt: number | null, textFrom: TextFrom): PollState {
	return { closedBefore: startAt, open: {}, newestSeen: null, catchUp: startOf(startAt, textFrom) };
}

/** The live trigger fell too far behind (more waiting than a poll may hand out): read the backlog oldest first. */
export function startCatchUp(state: PollState, textFrom: TextFrom): PollState {
	return { ...state, catchUp: startOf(state.closedBefore, textFrom) };
}

/** The rows before the text where `closedBefore` begins are done; those after it that are closed are passed over. */
function startOf(closedBefore: number | null, textFrom: TextFrom): CatchUpState {
	return { after: closedBefore === null ? null : { text: textFrom(closedBefore), id: '' }, position: 0 };
}

export interface CatchUpResult {
	/** The changes to hand out, oldest first (the server's order). */
	handed: IDataObject[];
	state: PollState;
	requests: number;
}

/**
 * One poll of a backlog: reads the list oldest first (`fetchPage` sorts by `field` ascending, then
 * ID) from where the last poll stopped and hands out at most `max` changes that are not done yet.
 * At the end of the list the live trigger takes over, looking back to the first change the backlog
 * handed out within a minute of the server's clock (a change may still have become visible behind
 * it), or a minute from now.
 */
export async function catchUpPoll(
	node: INode,
	fetchPage: PageFetcher,
	field: string,
	state: PollState,
	limits: { max: number; pageSize: number },
	readStamp: ReadStamp,
): Promise<CatchUpResult> {
	const catchUp = state.catchUp!;
	let { after, position } = catchUp;
	const handed: IDataObject[] = [];
	let requests = 0;
	let serverNow: number | undefined;
	let newestRead = state.newestSeen;
	let end = false;
	const keyOf = byStampThenId(field);
	const done = (record: IDataObject): boolean => {
		const instants = readStamp(stampOf(record, field));
		if (!instants) return true; // no timestamp: never handed out
		if (state.closedBefore !== null && instants.latest < state.closedBefore) return true;
		return state.open[stampOf(record, field)]?.includes(idOf(record)) === true;
	};
	reading: while (handed.length < limits.max) {
		const next = await successorsOf(node, fetchPage, keyOf, after, position, limits.pageSize);
		requests += next.requests;
		if (next.serverNow !== undefined) serverNow = Math.min(serverNow ?? next.serverNow, next.serverNow);
		for (const [index, record] of next.rows.entries()) {
			if (handed.length >= limits.max) break reading;
			const earliest = readStamp(stampOf(record, field))?.earliest;
			if (earliest !== undefined) newestRead = Math.max(newestRead ?? earliest, earliest);
			if (!done(record)) handed.push(record);
			after = keyOf(record);
			position = next.position + index + 1;
		}
		if (next.end) {
			end = true;
			break;
		}
	}
	const clock = serverNow ?? newestRead ?? undefined;
	let openFrom = catchUp.openFrom;
	if (openFrom === undefined && clock !== undefined && handed.some((r) => (readStamp(stampOf(r, field))?.latest ?? -Infinity) >= clock - SETTLE_MS)) {
		openFrom = clock - SETTLE_MS;
	}
	const open: PollState['open'] = Object.fromEntries(Object.entries(state.open).map(([text, ids]) => [text, [...ids]]));
	if (openFrom !== undefined) {
		for (const record of handed) {
			if ((readStamp(stampOf(record, field))?.latest ?? -Infinity) < openFrom) continue;
			const ids = (open[stampOf(record, field)] ??= []);
			if (!ids.includes(idOf(record))) ids.push(idOf(record));
		}
	}
	const base = { ...state, open, newestSeen: newestRead };
	if (!end) return { handed, requests, state: { ...base, catchUp: { after, position, ...(openFrom === undefined ? {} : { openFrom }) } } };
	// The whole backlog is out: the live walk takes over from where a late commit may still land.
	const handOver = openFrom ?? (clock === undefined ? undefined : clock - SETTLE_MS);
	const closedBefore = handOver === undefined ? state.closedBefore : Math.max(state.closedBefore ?? -Infinity, handOver);
	const live: PollState = { closedBefore, open: pruneOpen(open, closedBefore, readStamp), newestSeen: newestRead };
	return { handed, requests, state: live };
}
