import { randomUUID } from 'crypto';

/**
 * One hand-out per cursor state at a time, in this n8n process.
 *
 * n8n 2.41.1 runs two polls of one trigger node at once when several poll times are due together:
 * after a restart its durable scheduler fires every overdue poll time at the same moment, and two
 * Poll Times items can fall on the same second. With durable poll cursors each poll reads its own
 * copy of the cursor when its task starts, and n8n commits every poll's cursor with its execution
 * (fenced by the task's lease, not by the cursor it read): both polls would hand out the same
 * leads. With the cursor in static data both polls read the same object. So a poll hands out
 * nothing (returns null, changes nothing) while another poll of the same state runs, or when the
 * state it read is older than one this process has already handed leads out from.
 *
 * Every stored state carries `lineage` (new when the trigger starts afresh) and `handOuts` (polls
 * that handed leads out from it); a poll that hands leads out stores `handOuts + 1`. The guard
 * lives in process memory: it covers polls in one n8n process (regular mode, and queue mode, where
 * only main polls), not two main instances polling the same node.
 */
export interface GuardedState {
	lineage?: string;
	handOuts?: number;
}

/** A state older than a hand-out of this process counts as stale this long after the hand-out (n8n commits within moments). */
export const STALE_FOR_MS = 60_000;
/** A poll still marked running after this long (its requests time out long before) no longer blocks the next. */
export const RUNNING_FOR_MS = 10 * 60_000;

const running = new Map<string, number>();
const handedOut = new Map<string, { handOuts: number; at: number }>();

export interface PollTurn {
	/** The guard fields of the state this poll leaves: a new lineage when it starts afresh, one more hand-out when it hands leads out. */
	stamp(startsAfresh: boolean, handsOut: boolean): Required<GuardedState>;
	/** Called when the poll hands leads out (after stamping), so stale copies of the state hand out nothing. */
	handsOut(now: number): void;
	/** Called when the poll is over, whatever its outcome. */
	end(): void;
}

/**
 * The turn of a poll of `trigger` (workflow and node IDs) that read `stored`, or undefined when
 * it must hand out nothing: a poll of the same state is running, or `stored` is older than a
 * hand-out this process made from it less than STALE_FOR_MS ago.
 */
export function takePollTurn(trigger: string, stored: GuardedState | undefined, now: number): PollTurn | undefined {
	const key = `${trigger}/${stored?.lineage ?? ''}`;
	const storedHandOuts = stored?.handOuts ?? 0;
	const since = running.get(key);
	if (since !== undefined && now - since < RUNNING_FOR_MS) return undefined;
	const mark = handedOut.get(key);
	if (mark && (mark.handOuts <= storedHandOuts || now - mark.at >= STALE_FOR_MS)) handedOut.delete(key);
	else if (mark) return undefined;
	running.set(key, now);
	let stamped = storedHandOuts;
	return {
		stamp(startsAfresh, handsOut) {
			stamped = storedHandOuts + (handsOut ? 1 : 0);
			return { lineage: startsAfresh || !stored?.lineage ? randomUUID() : stored.lineage, handOuts: stamped };
		},
		handsOut(at) {
			handedOut.set(key, { handOuts: stamped, at });
		},
		end() {
			if (running.get(key) === now) running.delete(key);
		},
	};
}
