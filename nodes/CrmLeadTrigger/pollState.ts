import type { IDataObject } from 'n8n-workflow';

import type { StampInstants } from './serverTime';

/**
 * What Lead Created / Lead Updated remember between polls (pure: no I/O, unit-tested).
 *
 * A change is a lead ID with a timestamp. Server timestamps are wall-clock text with one-second
 * granularity, written when a change is saved — and a change may become visible later than the
 * time it carries (a transaction committed after it was stamped, by up to SETTLE_SECONDS). So the
 * trigger does not close the door at the newest change it handed out, but a minute behind the
 * server's clock:
 * - `closedBefore`: every change whose timestamp lies before this instant is done — handed out, or
 *   (stamped more than SETTLE_SECONDS before it became visible) too late to count. It follows the
 *   server's clock (its `Date` header; without one, the newest timestamp read) minus SETTLE_SECONDS,
 *   and moves only in a poll that read everything above it.
 * - `open`: the changes handed out that are not closed yet, by timestamp text (the IDs of the last
 *   minute's changes), so a poll that reads them again does not hand them out twice.
 * Timestamps are compared as instants, never as text: in the hour a daylight-saving fall-back
 * repeats, a text names two instants, and a change stays open until its later reading is closed.
 * An idle poll stops at the first row once the newest change is closed (one request), and the state
 * holds only the last minute's IDs.
 *
 * While a backlog is read oldest first (`catchUp`: Start From, or more changes waiting than
 * Max Leads Per Poll), the rows up to `catchUp.after` in the server's own order are done.
 */
export interface PollState {
	/** Changes whose every reading lies before this instant (epoch ms) are done; null: none yet. */
	closedBefore: number | null;
	/** Handed-out changes that are not closed yet: timestamp text → lead IDs. */
	open: Record<string, string[]>;
	/** The newest timestamp read so far (epoch ms, its earlier reading): the clock of a server that sends no Date header. */
	newestSeen: number | null;
	/** Set while a backlog is handed out oldest first. */
	catchUp?: CatchUpState;
}

export interface CatchUpState {
	/** The last row passed in the server's order (timestamp text, then ID); null: the list's start. */
	after: RowKey | null;
	/** How many rows stood before the next one when the list was last read: where to look first. */
	position: number;
	/**
	 * Set once the backlog reached changes stamped within SETTLE_SECONDS of the server's clock: from
	 * this instant on, a change may still become visible behind the position, so the live walk
	 * that follows must look back to it.
	 */
	openFrom?: number;
}

/** A row's place in a list sorted by timestamp text, then ID (both ascending). */
export interface RowKey {
	text: string;
	id: string;
}

/** How far the server's clock must be past a change before no change can become visible with its time (late commits). */
export const SETTLE_SECONDS = 60;
const SETTLE_MS = SETTLE_SECONDS * 1000;

export type ReadStamp = (text: string) => StampInstants | undefined;

export const EMPTY_STATE: PollState = { closedBefore: null, open: {}, newestSeen: null };

export const stampOf = (record: IDataObject, field: string): string => (typeof record[field] === 'string' ? (record[field] as string) : '');
export const idOf = (record: IDataObject): string => String(record.id ?? '');

const isOpenIn = (open: PollState['open'], text: string, id: string): boolean => open[text]?.includes(id) === true;

/** The questions a walk asks of each row, answered from one state. */
export interface StateReader {
	/** Whether the row is a change not handed out yet. */
	isNew(record: IDataObject): boolean;
	/** Whether no row after this one (the list is newest first) can be new. */
	endsWalk(record: IDataObject): boolean;
	/** Whether the row carries no readable timestamp (never handed out, never ends the walk). */
	isUndated(record: IDataObject): boolean;
}

export function stateReader(state: PollState, field: string, readStamp: ReadStamp): StateReader {
	const instantsOf = (record: IDataObject) => readStamp(stampOf(record, field));
	const closed = state.closedBefore;
	return {
		isUndated: (record) => instantsOf(record) === undefined,
		isNew(record) {
			const instants = instantsOf(record);
			if (!instants) return false;
			if (closed !== null && instants.latest < closed) return false;
			return !isOpenIn(state.open, stampOf(record, field), idOf(record));
		},
		endsWalk(record) {
			const instants = instantsOf(record);
			// The latest reading grows with the text, and the list is sorted by text: nothing below can be newer.
			return instants !== undefined && closed !== null && instants.latest < closed;
		},
	};
}

/** What one poll did, for the state after it. */
export interface PollOutcome {
	/** Changes handed out (or, at activation, taken as already known). */
	handed: IDataObject[];
	/** New changes read but left for a later poll (more than Max Leads Per Poll). */
	waiting: IDataObject[];
	/** The server's clock at the poll's earliest answer (Date header), when sent. */
	serverNow: number | undefined;
	/** The newest timestamp the poll read (earlier reading), when it read any. */
	newestRead: number | undefined;
}

/** The server's clock as the trigger knows it: its Date header, else the newest timestamp read. */
export function clockOf(state: PollState, serverNow: number | undefined): number | undefined {
	return serverNow ?? state.newestSeen ?? undefined;
}

/**
 * The state after a live poll read every row above `closedBefore` (and, at activation, every row
 * stamped in the last minute). Call it with the clock of the poll's earliest answer: a change
 * saved after that can only carry a time at most SETTLE_SECONDS earlier, and that part stays open.
 */
export function afterPoll(state: PollState, outcome: PollOutcome, field: string, readStamp: ReadStamp): PollState {
	const newestSeen = maxOf(state.newestSeen, outcome.newestRead);
	const clock = outcome.serverNow ?? newestSeen ?? undefined;
	let closedBefore = state.closedBefore;
	if (clock !== undefined) closedBefore = Math.max(closedBefore ?? -Infinity, clock - SETTLE_MS);
	for (const record of outcome.waiting) {
		const instants = readStamp(stampOf(record, field));
		if (instants && closedBefore !== null) closedBefore = Math.min(closedBefore, instants.latest);
	}
	const open = withHanded(state.open, outcome.handed, field);
	return { ...state, closedBefore, open: pruneOpen(open, closedBefore, readStamp), newestSeen };
}

/** The open changes plus `handed` (by timestamp text). */
function withHanded(open: PollState['open'], handed: readonly IDataObject[], field: string): PollState['open'] {
	const next: PollState['open'] = {};
	for (const [text, ids] of Object.entries(open)) next[text] = [...ids];
	for (const record of handed) {
		const text = stampOf(record, field);
		const ids = (next[text] ??= []);
		if (!ids.includes(idOf(record))) ids.push(idOf(record));
	}
	return next;
}

/** Open entries whose every reading is closed can never be asked about again. */
export function pruneOpen(open: PollState['open'], closedBefore: number | null, readStamp: ReadStamp): PollState['open'] {
	if (closedBefore === null) return open;
	return Object.fromEntries(Object.entries(open).filter(([text]) => (readStamp(text)?.latest ?? -Infinity) >= closedBefore));
}

const maxOf = (a: number | null | undefined, b: number | null | undefined): number | null =>
	a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : Math.max(a, b);

/**
 * The state a trigger starts from when it is activated at "now": everything the list holds is old.
 * The activating poll reads the rows stamped in the last SETTLE_SECONDS (they may still be joined
 * by late commits) and takes them as known; older ones are closed. Without a Date header the newest
 * row stands in for the clock; with an empty list and no clock, nothing is closed (every later lead is new).
 */
export function activationState(newestStamp: string | undefined, serverNow: number | undefined, readStamp: ReadStamp): PollState {
	const newest = newestStamp === undefined ? undefined : readStamp(newestStamp)?.earliest;
	const clock = serverNow ?? newest;
	return { closedBefore: clock === undefined ? null : clock - SETTLE_MS, open: {}, newestSeen: newest ?? null };
}

/** Oldest first, so a workflow sees changes in the order they happened. */
export function chronological(records: IDataObject[], field: string, readStamp: ReadStamp): IDataObject[] {
	return records
		.map((record, index) => ({ record, index, at: readStamp(stampOf(record, field))?.earliest ?? 0 }))
		.sort((a, b) => (a.at !== b.at ? a.at - b.at : b.index - a.index)) // equal instants: the list came newest first
		.map(({ record }) => record);
}

/**
 * A state stored by an older version read as the current shape, with nothing lost or repeated:
 * 0.4's {boundary, boundaryAt, idsAtBoundary, settled, repeatedHour} and 0.3's {boundary, idsAtBoundary}.
 */
export function upgradeState(stored: Partial<PollState> & LegacyState, readStamp: ReadStamp): PollState {
	if (stored.closedBefore !== undefined && stored.open !== undefined) {
		return { closedBefore: stored.closedBefore, open: stored.open, newestSeen: stored.newestSeen ?? null, ...(stored.catchUp ? { catchUp: stored.catchUp } : {}) };
	}
	const boundary = stored.boundary ?? null;
	const at = stored.boundaryAt ?? (boundary === null ? null : (readStamp(boundary)?.earliest ?? null));
	if (boundary === null || at === null) return EMPTY_STATE;
	const open: PollState['open'] = {};
	// Unsettled, the boundary second still takes new IDs: it stays open with the IDs seen there.
	if (!stored.settled) open[boundary] = [...(stored.idsAtBoundary ?? [])];
	for (const key of stored.repeatedHour ?? []) {
		const at = key.lastIndexOf('@');
		(open[key.slice(at + 1)] ??= []).push(key.slice(0, at));
	}
	return { closedBefore: stored.settled ? at + 1000 : at, open, newestSeen: at };
}

/** The shapes 0.3 and 0.4 stored. */
export interface LegacyState {
	boundary?: string | null;
	boundaryAt?: number | null;
	idsAtBoundary?: string[];
	settled?: boolean;
	repeatedHour?: string[];
}
