import type { IDataObject } from 'n8n-workflow';

import type { StampInstants } from './serverTime';

/**
 * What a poll remembers between polls (pure: no I/O, unit-tested).
 *
 * The trigger reads the list newest first and hands out what is newer than its boundary. Server
 * timestamps are wall-clock text with one-second granularity, so:
 * - the boundary is compared as an instant (`boundaryAt`), not as text: across a daylight-saving
 *   fall-back, text order is not time order;
 * - leads in the boundary second are told apart by ID (`idsAtBoundary`) while that second can
 *   still get writes, and forgotten once a poll has read that second with the server's clock (its
 *   `Date` header) SETTLE_SECONDS past it (`settled`): then no write can land in it any more, an
 *   idle poll stops at the first row, and the state stays small however many leads share it;
 * - a timestamp in the hour a fall-back repeats names two instants; leads handed out with such a
 *   text are remembered as `id@text` (`repeatedHour`) until both readings lie behind the boundary.
 */
export interface PollState {
	/** Wire text of the newest timestamp handed out (null: nothing seen yet). */
	boundary: string | null;
	/** Its instant in epoch ms (the earlier reading in a repeated hour). */
	boundaryAt: number | null;
	/** IDs handed out at the boundary second, while that second may still receive writes. */
	idsAtBoundary: string[];
	/** True once no write can land in the boundary second any more. */
	settled: boolean;
	/** `id@text` of leads handed out with a timestamp in a repeated (fall-back) hour. */
	repeatedHour: string[];
}

/** How far the server's clock must be past the boundary second before it counts as closed (commit delays). */
export const SETTLE_SECONDS = 60;

export type ReadStamp = (text: string) => StampInstants | undefined;

export const EMPTY_STATE: PollState = { boundary: null, boundaryAt: null, idsAtBoundary: [], settled: false, repeatedHour: [] };

const stampOf = (record: IDataObject, field: string): string => (typeof record[field] === 'string' ? (record[field] as string) : '');
const idOf = (record: IDataObject): string => String(record.id ?? '');
const repeatedKey = (record: IDataObject, field: string): string => `${idOf(record)}@${stampOf(record, field)}`;
const isRepeated = (instants: StampInstants): boolean => instants.earliest !== instants.latest;

/** A state stored by an older version ({boundary, idsAtBoundary}) read as the current shape. */
export function upgradeState(stored: Partial<PollState> & { boundary?: string | null }, readStamp: ReadStamp): PollState {
	const boundary = stored.boundary ?? null;
	return {
		boundary,
		boundaryAt: stored.boundaryAt ?? (boundary === null ? null : (readStamp(boundary)?.earliest ?? null)),
		idsAtBoundary: stored.idsAtBoundary ?? [],
		settled: stored.settled ?? false,
		repeatedHour: stored.repeatedHour ?? [],
	};
}

/** The questions a walk asks of each row, answered from one state (sets built once per poll). */
export interface StateReader {
	/** Whether the row is a change not handed out yet. */
	isNew(record: IDataObject): boolean;
	/** Whether no row after this one (the list is newest first) can be new. */
	endsWalk(record: IDataObject): boolean;
	/** Whether the row carries no readable timestamp (never handed out, never ends the walk). */
	isUndated(record: IDataObject): boolean;
}

export function stateReader(state: PollState, field: string, readStamp: ReadStamp): StateReader {
	const atBoundary = new Set(state.idsAtBoundary);
	const repeated = new Set(state.repeatedHour);
	const instantsOf = (record: IDataObject) => readStamp(stampOf(record, field));
	const at = state.boundaryAt;
	return {
		isUndated: (record) => instantsOf(record) === undefined,
		isNew(record) {
			const instants = instantsOf(record);
			if (!instants) return false;
			if (at === null) return true;
			if (instants.latest < at) return false;
			if (instants.earliest > at) return true;
			if (isRepeated(instants)) return !repeated.has(repeatedKey(record, field));
			return !state.settled && !atBoundary.has(idOf(record));
		},
		endsWalk(record) {
			const instants = instantsOf(record);
			if (!instants || at === null) return false;
			// The latest reading grows with the text, and the list is sorted by text: nothing below can be newer.
			if (instants.latest < at) return true;
			return state.settled && !isRepeated(instants) && instants.latest <= at;
		},
	};
}

/** The state after handing out `fresh` records (any order). */
export function advance(state: PollState, fresh: IDataObject[], field: string, readStamp: ReadStamp): PollState {
	if (fresh.length === 0) return state;
	let newest: { text: string; at: number } | undefined;
	for (const record of fresh) {
		const instants = readStamp(stampOf(record, field));
		if (instants && (!newest || instants.earliest > newest.at)) newest = { text: stampOf(record, field), at: instants.earliest };
	}
	if (!newest) return state;
	const moves = state.boundaryAt === null || newest.at > state.boundaryAt;
	const boundary = moves ? newest.text : state.boundary;
	const boundaryAt = moves ? newest.at : state.boundaryAt;
	const kept = moves ? [] : state.idsAtBoundary;
	const atNewBoundary = fresh.filter((record) => stampOf(record, field) === boundary).map(idOf);
	const repeatedNow = fresh.filter((record) => {
		const instants = readStamp(stampOf(record, field));
		return instants !== undefined && isRepeated(instants);
	});
	return {
		boundary,
		boundaryAt,
		idsAtBoundary: [...new Set([...kept, ...atNewBoundary])],
		settled: moves ? false : state.settled,
		repeatedHour: pruneRepeated([...new Set([...state.repeatedHour, ...repeatedNow.map((r) => repeatedKey(r, field))])], boundaryAt, readStamp),
	};
}

/** Entries whose both readings lie behind the boundary can never be asked about again. */
function pruneRepeated(keys: string[], boundaryAt: number | null, readStamp: ReadStamp): string[] {
	if (boundaryAt === null) return keys;
	return keys.filter((key) => (readStamp(key.slice(key.lastIndexOf('@') + 1))?.latest ?? -Infinity) >= boundaryAt);
}

/**
 * Closes the boundary second once the server's clock (`serverNow`, epoch ms from its Date
 * header) is SETTLE_SECONDS past it: its IDs are no longer needed. Call it with the clock of a
 * read that covered the boundary second (the end of a poll, or activation, where everything is
 * old): a lead written into that second after the last read must still be found first. A
 * repeated-hour boundary is left open (its second comes round twice).
 */
export function settle(state: PollState, serverNow: number | undefined, readStamp: ReadStamp): PollState {
	if (serverNow === undefined || state.boundary === null || state.boundaryAt === null || state.settled) return state;
	const instants = readStamp(state.boundary);
	if (!instants || isRepeated(instants) || serverNow < state.boundaryAt + 1000 + SETTLE_SECONDS * 1000) return state;
	return { ...state, idsAtBoundary: [], settled: true, repeatedHour: pruneRepeated(state.repeatedHour, state.boundaryAt, readStamp) };
}

/**
 * The state a trigger starts from when it is activated: everything the list holds now is old.
 * `newest` is the list's first row; with an empty list the server's clock (the second before the
 * activating poll) is the starting point, so a lead that later comes to match the filters with an
 * older timestamp is not mistaken for a new one.
 */
export function startingState(newestStamp: string | undefined, serverNow: number | undefined, readStamp: ReadStamp, wireStamp: (at: number) => string): PollState {
	const instants = newestStamp === undefined ? undefined : readStamp(newestStamp);
	if (newestStamp !== undefined && instants) return { ...EMPTY_STATE, boundary: newestStamp, boundaryAt: instants.earliest };
	if (serverNow === undefined) return EMPTY_STATE;
	const before = Math.floor(serverNow / 1000) * 1000 - 1000;
	return { ...EMPTY_STATE, boundary: wireStamp(before), boundaryAt: before, settled: true };
}

/** Oldest first, so a workflow sees changes in the order they happened. */
export function chronological(records: IDataObject[], field: string, readStamp: ReadStamp): IDataObject[] {
	return records
		.map((record, index) => ({ record, index, at: readStamp(stampOf(record, field))?.earliest ?? 0 }))
		.sort((a, b) => (a.at !== b.at ? a.at - b.at : b.index - a.index)) // equal instants: the list came newest first
		.map(({ record }) => record);
}
