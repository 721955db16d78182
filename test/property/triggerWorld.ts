/**
 * The server the CRM Lead Trigger properties run against, and what their models know about it:
 * a sandbox with a pinned clock, writes that may be stamped late, and the model's own reading of
 * wall-clock timestamps. Nothing here comes from the product: a model built on it takes its
 * expectations from the README's words only.
 */
import fc from 'fast-check';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { formatTimestamp } from '../../sandbox/timestamps';

/** "60 s" in the README: how late a change may become visible, and how long a second stays open. */
export const SETTLE_MS = 60_000;
/** "up to 3 times per poll" in the README: how often a walk starts again when the list moves. */
export const RESTARTS_PER_POLL = 3;
/** "at most 24 requests" in the README: how long a backlog or a check looks for its place in a moving list. */
export const LOOKS_PER_PAGE = 24;

export const MATCHING_TEAM = 'team_asia';
export const OTHER_TEAM = 'team_europe';

/** Zones with and without daylight saving, whole-hour, half-hour and 45-minute offsets, both hemispheres. */
export const ZONES = ['UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'] as const;

/**
 * Start instants: an ordinary day, and just before the 2026 changes of the zones above (fall-backs
 * repeat an hour — half an hour on Lord Howe — so one wall-clock text names two instants).
 */
const ORDINARY = Date.UTC(2026, 5, 1, 8);
const TRANSITIONS: Record<string, number[]> = {
	'Europe/Berlin': [Date.UTC(2026, 9, 25, 0, 40), Date.UTC(2026, 9, 24, 23, 50), Date.UTC(2026, 2, 29, 0, 40)],
	'America/New_York': [Date.UTC(2026, 10, 1, 5, 40), Date.UTC(2026, 2, 8, 6, 40)],
	'Australia/Lord_Howe': [Date.UTC(2026, 3, 4, 14, 40), Date.UTC(2026, 9, 3, 15, 40)],
	'Pacific/Chatham': [Date.UTC(2026, 3, 4, 13, 50), Date.UTC(2026, 8, 26, 14, 0)],
};

/** A zone and a start instant, weighted towards the daylight-saving changes. */
export const zoneAndStartArb: fc.Arbitrary<{ zone: string; start: number }> = fc.oneof(
	{ arbitrary: fc.record({ zone: fc.constantFrom(...ZONES), start: fc.constant(ORDINARY) }), weight: 2 },
	{
		arbitrary: fc.constantFrom(...Object.keys(TRANSITIONS)).chain((zone) => fc.record({ zone: fc.constant(zone), start: fc.constantFrom(...TRANSITIONS[zone]) })),
		weight: 3,
	},
);

/**
 * How late a write is stamped: mostly on time, sometimes up to 45 s in the past (within the
 * README's 60 s), rarely more than 60 s (the README lets such a change be missed).
 */
export const lagArb: fc.Arbitrary<number> = fc.oneof(
	{ arbitrary: fc.constant(0), weight: 6 },
	{ arbitrary: fc.integer({ min: 1, max: 45 }), weight: 3 },
	{ arbitrary: fc.integer({ min: 70, max: 120 }), weight: 1 },
);
export const isBeyondPromise = (lagSeconds: number) => lagSeconds * 1000 >= SETTLE_MS;

export interface WorldOptions {
	flavour: Flavour;
	zone: string;
	start: number;
	/** Whether answers carry an HTTP Date header. */
	dateHeader: boolean;
}

export class TriggerWorld {
	clock: number;
	private constructor(
		readonly sandbox: Sandbox,
		readonly options: WorldOptions,
	) {
		this.clock = options.start;
		sandbox.setNow(new Date(this.clock));
	}

	static async open(options: WorldOptions): Promise<TriggerWorld> {
		const sandbox = await createSandbox({ flavour: options.flavour, timeZone: options.zone, faults: true, dateHeader: options.dateHeader });
		return new TriggerWorld(sandbox, options);
	}

	close(): Promise<void> {
		return this.sandbox.close();
	}

	advance(seconds: number): void {
		this.clock += seconds * 1000;
		this.sandbox.setNow(new Date(this.clock));
	}

	/** The second a write made now with `lagSeconds` is stamped with (epoch ms). */
	stampInstant(lagSeconds: number): number {
		return Math.floor((this.clock - lagSeconds * 1000) / 1000) * 1000;
	}

	/** Runs `write` with the sandbox stamping it `lagSeconds` late. */
	stamped<T>(lagSeconds: number, write: () => T): T {
		this.sandbox.setStampLag(lagSeconds);
		try {
			return write();
		} finally {
			this.sandbox.setStampLag(0);
		}
	}

	/** The wall-clock text of an instant in the server's zone (as the server writes it). */
	text(instant: number): string {
		return formatTimestamp(new Date(instant), this.options.zone);
	}

	/**
	 * Both instants a timestamp text can mean, given one of them: in an hour a fall-back repeats
	 * (half an hour on Lord Howe) the same text comes round again.
	 */
	readings(text: string, instant: number): { earliest: number; latest: number } {
		const same = [-7_200_000, -3_600_000, -1_800_000, 0, 1_800_000, 3_600_000, 7_200_000]
			.map((shift) => instant + shift)
			.filter((candidate) => this.text(candidate) === text);
		return { earliest: Math.min(...same), latest: Math.max(...same) };
	}

	isRepeatedText(text: string, instant: number): boolean {
		const { earliest, latest } = this.readings(text, instant);
		return earliest !== latest;
	}

	listRequests(): number {
		return this.sandbox.requests.filter((r) => r.path.endsWith('fetch_default')).length;
	}
}

/** Faults a poll may meet on fetch_default (and how the model reads them). */
export type ListFault = 'none' | 'busy-first' | 'busy-later' | 'cut' | 'lie-x-total' | 'ignore-page' | 'ignore-sort' | 'silent-page-cap';

export const listFaultArb: fc.Arbitrary<ListFault> = fc.oneof(
	{ arbitrary: fc.constant<ListFault>('none'), weight: 8 },
	{ arbitrary: fc.constantFrom<ListFault>('busy-first', 'busy-later', 'cut', 'lie-x-total', 'ignore-page', 'ignore-sort', 'silent-page-cap'), weight: 4 },
);

/** Faults whose failure the README announces (a failed poll hands nothing out). */
export const FAILING_FAULTS: ReadonlySet<ListFault> = new Set(['busy-first', 'busy-later', 'cut', 'ignore-page', 'ignore-sort', 'silent-page-cap']);

/**
 * README: a server that breaks a paging rule fails the poll with an error "that names the
 * behaviour" — or, when rows also went away while it paged, says its paging headers contradict
 * each other, or (the list moved on every pass) "The list kept changing".
 */
const ALSO = 'kept changing|paging headers contradict each other';
/** When the list also moved while the poll paged, any of them may be what the server showed first. */
export const ANY_PAGING_MESSAGE = new RegExp(`ignore the "page" parameter|ignores the "sort" parameter|caps pages at|${ALSO}`);
export const FAULT_MESSAGES: Partial<Record<ListFault, RegExp>> = {
	'ignore-page': new RegExp(`ignore the "page" parameter|${ALSO}`),
	'ignore-sort': new RegExp(`ignores the "sort" parameter|${ALSO}`),
	'silent-page-cap': new RegExp(`caps pages at \\d+ rows without saying so|${ALSO}`),
};

/** Arms `fault` for the next poll; `page` hooks run before each list page (busy-later strikes page 1). */
export function armFault(world: TriggerWorld, fault: ListFault, pageSize: number): (page: number) => void {
	const { sandbox } = world;
	const onList = { pathIncludes: 'fetch_default' };
	if (fault === 'busy-first') sandbox.injectFault({ mode: 'status-503', times: 1, retryAfter: 0, ...onList });
	if (fault === 'cut') sandbox.injectFault({ mode: 'truncated-json', times: 1, ...onList });
	if (fault === 'lie-x-total') sandbox.injectFault({ mode: 'lie-x-total', ...onList });
	if (fault === 'ignore-page') sandbox.injectFault({ mode: 'ignore-page', ...onList });
	if (fault === 'ignore-sort') sandbox.injectFault({ mode: 'ignore-sort', ...onList });
	if (fault === 'silent-page-cap') sandbox.injectFault({ mode: 'silent-page-cap', pageCap: Math.max(1, pageSize - 1), ...onList });
	return (page) => {
		if (page === 1 && fault === 'busy-later') sandbox.injectFault({ mode: 'status-503', times: 1, retryAfter: 0, ...onList });
	};
}
