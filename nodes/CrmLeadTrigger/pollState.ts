import type { IDataObject } from 'n8n-workflow';

/**
 * What a poll remembers: the newest timestamp it has handed out and the IDs it handed out AT
 * that timestamp. Server timestamps have one-second granularity, so "newer than the boundary"
 * alone would lose a lead written in the same second as the last one seen, and "not older" would
 * repeat one.
 */
export interface PollState {
	boundary: string | null;
	idsAtBoundary: string[];
}

const timestampOf = (record: IDataObject, field: string): string => String(record[field] ?? '');
const idOf = (record: IDataObject): string => String(record.id ?? '');

/** Whether a record (from a list sorted by `field` descending) is new since the state. */
export function isNewSince(state: PollState, record: IDataObject, field: string): boolean {
	if (state.boundary === null) return true;
	const stamp = timestampOf(record, field);
	if (stamp > state.boundary) return true;
	return stamp === state.boundary && !state.idsAtBoundary.includes(idOf(record));
}

/** Whether walking further down a descending list can still find new records. */
export function isOlderThanBoundary(state: PollState, record: IDataObject, field: string): boolean {
	return state.boundary !== null && timestampOf(record, field) < state.boundary;
}

/** The state after handing out `fresh` records (any order). */
export function advance(state: PollState, fresh: IDataObject[], field: string): PollState {
	if (fresh.length === 0) return state;
	const newest = fresh.map((r) => timestampOf(r, field)).reduce((a, b) => (b > a ? b : a));
	const idsAtNewest = fresh.filter((r) => timestampOf(r, field) === newest).map(idOf);
	if (state.boundary !== null && newest < state.boundary) return state;
	const kept = newest === state.boundary ? state.idsAtBoundary : [];
	return { boundary: newest, idsAtBoundary: [...new Set([...kept, ...idsAtNewest])] };
}

/** Oldest first, so a workflow sees changes in the order they happened. */
export function chronological(records: IDataObject[], field: string): IDataObject[] {
	return records
		.map((record, index) => ({ record, index }))
		.sort((a, b) => {
			const byTime = timestampOf(a.record, field).localeCompare(timestampOf(b.record, field));
			// The list came newest first; among equal timestamps keep its order reversed.
			return byTime !== 0 ? byTime : b.index - a.index;
		})
		.map(({ record }) => record);
}
