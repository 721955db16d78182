import type { IDataObject, INode } from 'n8n-workflow';

import type { PageFetcher } from '../CrmLead/transport/paging';
import { pageRecords } from '../CrmLead/transport/paging';
import { backfillState, catchUpPoll, startCatchUp } from './catchUp';
import type { PollState, ReadStamp } from './pollState';
import { activationState, afterPoll, chronological, clockOf, SETTLE_SECONDS, stateReader, stampOf } from './pollState';
import { firstTextFrom } from './serverTime';
import type { TriggerSettings } from './triggerSettings';
import { walkNewestFirst } from './walk';

export interface ChangeLists {
	/** Newest first by the event's timestamp, then ID (the live walk). */
	newestFirst: PageFetcher;
	/** Oldest first by the event's timestamp, then ID (a backlog). */
	oldestFirst: PageFetcher;
	/** Newest first without the filters: the server's latest timestamp, when it sends no clock. */
	allNewestFirst: PageFetcher;
}

export interface ChangePoll {
	/** Changes to hand out, oldest first. */
	handed: IDataObject[];
	state: PollState;
}

/**
 * One poll of Lead Created / Lead Updated. `previous` is the stored state (undefined: the trigger
 * is being activated, or its event, filters or Start From changed).
 * - Activation at "now" reads the last minute of changes and hands nothing out.
 * - Activation with Start From begins a backlog; a backlog hands out at most Max Leads Per Poll
 *   changes per poll, oldest first, until the live walk takes over.
 * - A live poll walks newest first down to the closed part; when more changes wait than a poll may
 *   hand out, it hands out the oldest of them — or, when those are older than a minute, switches to
 *   reading the backlog oldest first (cheaper than walking the whole backlog newest first again).
 */
export async function pollChanges(node: INode, lists: ChangeLists, settings: TriggerSettings, previous: PollState | undefined): Promise<ChangePoll> {
	const field = settings.event === 'created' ? 'create_date' : 'write_date';
	const { readStamp, serverTimeZone, maxPerPoll: max, pageSize } = settings;
	const textFrom = (at: number) => firstTextFrom(at, serverTimeZone);
	if (!previous && settings.startFrom !== 'now') {
		const start = backfillState(settings.startFrom === 'date' ? settings.startAt!.at : null, textFrom);
		return await catchUpPoll(node, lists.oldestFirst, field, start, { max, pageSize }, readStamp);
	}
	if (previous?.catchUp) return await catchUpPoll(node, lists.oldestFirst, field, previous, { max, pageSize }, readStamp);

	let state = previous;
	const old = (record: IDataObject, clock: number | undefined) => clock !== undefined && (readStamp(stampOf(record, field))?.latest ?? Infinity) < clock - SETTLE_SECONDS * 1000;
	const walk = await walkNewestFirst(
		node,
		lists.newestFirst,
		pageSize,
		field,
		(firstPage, serverNow) => {
			state ??= activationState(firstDated(firstPage, field, readStamp), serverNow, readStamp);
			return stateReader(state, field, readStamp);
		},
		// More settled changes waiting than one poll may hand out: a backlog, read oldest first.
		(fresh, serverNow) => previous !== undefined && fresh.filter((record) => old(record, clockOf(state!, serverNow))).length > max,
	);
	let newestRead = walk.newestStamp === undefined ? undefined : readStamp(walk.newestStamp)?.earliest;
	if (!previous) {
		// Activation: what the list holds now is known, not new. With no clock and no matching lead,
		// the newest lead of all stands in for the clock, so one that comes to match later with an
		// older timestamp is no new one.
		if (walk.serverNow === undefined && newestRead === undefined) newestRead = await newestOf(node, lists.allNewestFirst, field, readStamp);
		return { handed: [], state: afterPoll(state!, { handed: walk.fresh, waiting: [], serverNow: walk.serverNow, newestRead }, field, readStamp) };
	}
	if (walk.stopped) {
		const behind = startCatchUp(noted(state!, newestRead), textFrom);
		return await catchUpPoll(node, lists.oldestFirst, field, behind, { max, pageSize }, readStamp);
	}
	const ordered = chronological(walk.fresh, field, readStamp);
	const handed = ordered.slice(0, max);
	const waiting = ordered.slice(max);
	return { handed, state: afterPoll(state!, { handed, waiting, serverNow: walk.serverNow, newestRead }, field, readStamp) };
}

/** The state with `at` as the newest timestamp read, when it is newer. */
const noted = (state: PollState, at: number | undefined): PollState =>
	at === undefined || (state.newestSeen !== null && state.newestSeen >= at) ? state : { ...state, newestSeen: at };

async function newestOf(node: INode, fetchPage: PageFetcher, field: string, readStamp: ReadStamp): Promise<number | undefined> {
	const rows = pageRecords(node, 0, (await fetchPage(0, 1)).records);
	const text = firstDated(rows, field, readStamp);
	return text === undefined ? undefined : readStamp(text)?.earliest;
}

function firstDated(rows: readonly IDataObject[], field: string, readStamp: ReadStamp): string | undefined {
	return rows.map((row) => stampOf(row, field)).find((text) => readStamp(text) !== undefined);
}
