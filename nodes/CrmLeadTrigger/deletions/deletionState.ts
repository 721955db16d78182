/**
 * What Lead Deleted remembers between polls (pure: no I/O, unit-tested).
 *
 * A check reads the whole filtered list sorted by ID, a window at a time (over several polls on a
 * long list), and compares it with the IDs the previous check saw: a lead that was there and is
 * missing now is a candidate — deleted, or out of the filters, or (moved keys aside) changed — and
 * is confirmed with check_key before anything comes out. The IDs are kept packed (idSetCodec).
 */
import { packIds, unpackIds } from './idSetCodec';

export interface DeletionState {
	/** Sorted IDs of the leads the checks saw: up to `check.after` by the running check, after it by the previous one. */
	known: string[];
	/** Sorted IDs that went missing and wait to be confirmed (at most Max Leads Per Poll a poll). */
	missing: string[];
	/** While a check runs: the last ID it read, and where the next one stood in the list. */
	check?: { after: string | null; position: number };
	/** When the last check started (epoch ms, the server's clock when it sends one). */
	checkedAt: number | null;
}

/** The shape in static data: the ID lists packed. */
export interface StoredDeletionState {
	known: string;
	missing: string;
	check?: { after: string | null; position: number };
	checkedAt: number | null;
}

export const EMPTY_DELETION_STATE: DeletionState = { known: [], missing: [], checkedAt: null };

export function packState(state: DeletionState): StoredDeletionState {
	return { known: packIds(state.known), missing: packIds(state.missing), ...(state.check ? { check: state.check } : {}), checkedAt: state.checkedAt };
}

export function unpackState(stored: StoredDeletionState): DeletionState {
	return { known: unpackIds(stored.known), missing: unpackIds(stored.missing), ...(stored.check ? { check: stored.check } : {}), checkedAt: stored.checkedAt };
}

/** Index of the first ID greater than `id` in a sorted list (null: 0). */
function firstAfter(sorted: readonly string[], id: string | null): number {
	if (id === null) return 0;
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] <= id) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * One window of a check: `ids` are the list's IDs that follow `after` (ascending, contiguous at the
 * moment they were read); `end` says the list ends with them. The known IDs in that stretch are
 * replaced by what the list holds, and those not among them go missing.
 */
export function mergeWindow(state: DeletionState, after: string | null, ids: readonly string[], end: boolean): DeletionState {
	const from = firstAfter(state.known, after);
	const to = end ? state.known.length : firstAfter(state.known, ids.length ? ids[ids.length - 1] : after);
	const present = new Set(ids);
	const gone = state.known.slice(from, to).filter((id) => !present.has(id));
	const known = [...state.known.slice(0, from), ...ids, ...state.known.slice(to)];
	const missing = gone.length ? [...new Set([...state.missing, ...gone])].sort() : state.missing;
	return { ...state, known, missing };
}
