/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The model of Lead Created / Lead Updated that the trigger properties check (README, "The
 * trigger and Get Many"): which changes may come out, which must, in what order, how many per
 * poll, and when a poll may fail. It imports nothing from the product.
 *
 * A change is a lead ID with a new timestamp (create_date for Lead Created, write_date for Lead
 * Updated with Include New Leads).
 * - Allowed: changes that matched the filters at some moment after activation and were written
 *   after it — or, with Start From, are stamped at or after Start From. A lead that moves into the
 *   filters before a poll passed its timestamp by 60 s counts as new; without a Date header the
 *   newest timestamp read stands in for the server's clock, so any may.
 * - Required: a change that matched throughout a successful poll (present and matching when the
 *   poll started and, without a break, when it ended) — at every poll when nothing waits (live), at
 *   the last poll once the list held still (a backlog) — unless it became visible more than 60 s
 *   after its timestamp, or a successful poll passed it while it did not match at least 60 s after
 *   its timestamp. A server that ignores `sort` may go unnoticed when no page shows it (README): a
 *   poll that succeeds against it proves nothing, and may pass over changes older than a minute.
 *   So does a poll whose list moved between its page requests while x-total did not count the list
 *   (README: the walk notices a moving list by x-total changing).
 * - Each change at most once; each poll at most Max Leads Per Poll, oldest first (by the instant
 *   it was stamped; two texts of a repeated DST hour may keep the server's text order); a backlog
 *   oldest first across polls.
 * - A poll fails only on an injected fault or a list that moved on every pass, and then with a
 *   message that names what the server did. No walk reads the list more than 4 times over.
 */
import type { TriggerHarness } from '../helpers/pollTrigger';
import {
	ANY_PAGING_MESSAGE,
	armFault,
	FAILING_FAULTS,
	FAULT_MESSAGES,
	isBeyondPromise,
	MATCHING_TEAM,
	OTHER_TEAM,
	LOOKS_PER_PAGE,
	RESTARTS_PER_POLL,
	SETTLE_MS,
	type ListFault,
	type TriggerWorld,
} from './triggerWorld';

export type Write =
	| { kind: 'create'; matching: boolean; lag: number }
	| { kind: 'update'; pick: number; matching: boolean; lag: number }
	| { kind: 'delete'; pick: number };

export interface ModelOptions {
	event: 'created' | 'updated';
	filtered: boolean;
	pageSize: number;
	/** Max Leads Per Poll. */
	max: number;
	/** Start From: undefined = now; null = the first lead; a number = that instant. */
	startAt?: number | null;
	/** When "matched throughout a successful poll" makes a change required (see the header). */
	requireAt: 'every-poll' | 'final-poll';
}

interface Change {
	/** The instant the server stamped it with (epoch ms, whole seconds). */
	stampAt: number;
	text: string;
	/** Written after activation. */
	afterActivation: boolean;
	/** Stamped more than 60 s before it became visible: the README lets it go. */
	beyondPromise: boolean;
}

export class ChangeModel {
	private next = 0;
	private readonly live: string[] = [];
	private activated = false;
	private readonly changes = new Map<string, Change>();
	private readonly everMatched = new Set<string>();
	private readonly matchedAtActivation = new Set<string>();
	/** Matching changes now → how many times each has started matching (a break starts a new run). */
	private matching = new Map<string, number>();
	private readonly starts = new Map<string, number>();
	private readonly required = new Set<string>();
	/** Changes the trigger may pass over without emitting them (see the header). */
	private readonly excused = new Set<string>();
	readonly emitted = new Set<string>();
	/** The backlog (changes that matched at activation), in the order they came out. */
	private readonly backlogOut: string[] = [];
	readonly field: 'create_date' | 'write_date';
	/** The server clock of the last successful poll (its Date header: whole seconds). */
	private lastPollClock: number | undefined;

	constructor(
		private readonly world: TriggerWorld,
		readonly options: ModelOptions,
	) {
		this.field = options.event === 'created' ? 'create_date' : 'write_date';
	}

	private changeOf(id: string): string | undefined {
		const lead = this.world.sandbox.getLead(id);
		return lead ? `${id}@${String(lead[this.field])}` : undefined;
	}

	private matches(id: string): boolean {
		return !this.options.filtered || this.world.sandbox.getLead(id)?.team_id === MATCHING_TEAM;
	}

	/** Whether the change lies within what the trigger was asked to hand out. */
	private wanted(change: string, info: Change): boolean {
		const { startAt } = this.options;
		if (startAt === null) return true;
		if (startAt !== undefined) return this.world.readings(info.text, info.stampAt).latest >= startAt;
		const stillOpen = this.lastPollClock !== undefined && this.lastPollClock <= this.closesAt(info);
		return info.afterActivation || (!this.matchedAtActivation.has(change) && (stillOpen || !this.world.options.dateHeader));
	}

	/** Allowed, and not only by the no-Date-header leniency (which lets a change come out, not makes it). */
	private mustCome(change: string): boolean {
		const info = this.changes.get(change);
		return this.everMatched.has(change) && info !== undefined && (info.afterActivation || this.options.startAt !== undefined || this.world.options.dateHeader);
	}

	/**
	 * When a poll's clock has passed a change by 60 s (README): counted from its later reading, since
	 * a time in the hour a fall-back repeats stays open until its later reading is a minute past.
	 */
	private closesAt(info: Change): number {
		return this.world.readings(info.text, info.stampAt).latest + SETTLE_MS;
	}

	/** Re-reads which changes match now (after every write). */
	private refresh(): void {
		const now = new Map<string, number>();
		for (const id of this.live) {
			const change = this.changeOf(id);
			if (!change || !this.matches(id)) continue;
			const run = this.matching.get(change) ?? (this.starts.get(change) ?? 0) + 1;
			this.starts.set(change, run);
			now.set(change, run);
			const info = this.changes.get(change);
			if (this.activated && info && this.wanted(change, info)) this.everMatched.add(change);
		}
		this.matching = now;
	}

	private remember(id: string, lag: number, stampAt: number): void {
		const change = this.changeOf(id);
		// Two writes of one lead with one timestamp are one change: the timestamp does not tell them apart.
		if (!change || this.changes.has(change)) return;
		this.changes.set(change, { stampAt, text: change.slice(change.indexOf('@') + 1), afterActivation: this.activated, beyondPromise: isBeyondPromise(lag) });
	}

	/** Leads that existed long before activation (a backlog), each created and written at `instant`. */
	history(instants: ReadonlyArray<{ at: number; matching: boolean }>): void {
		for (const { at, matching } of instants) {
			const id = `p${String(this.next++).padStart(3, '0')}`;
			const text = this.world.text(at);
			this.world.sandbox.insertLeads([{ id, type: 'lead', name: `Lead ${id}`, team_id: matching ? MATCHING_TEAM : OTHER_TEAM, create_date: text, write_date: text }]);
			this.live.push(id);
			this.remember(id, 0, at);
		}
		this.refresh();
	}

	write(write: Write): void {
		const { sandbox } = this.world;
		const team = (matching: boolean) => (matching ? MATCHING_TEAM : OTHER_TEAM);
		if (write.kind === 'create') {
			// Zero-padded, so the IDs' text order is their creation order.
			const id = `p${String(this.next++).padStart(3, '0')}`;
			this.world.stamped(write.lag, () => sandbox.insertLeads([{ id, type: 'lead', name: `Lead ${id}`, team_id: team(write.matching) }]));
			this.live.push(id);
			this.remember(id, write.lag, this.world.stampInstant(write.lag));
		} else if (this.live.length > 0) {
			const id = this.live[write.pick % this.live.length];
			if (write.kind === 'delete') {
				sandbox.deleteLead(id);
				this.live.splice(this.live.indexOf(id), 1);
			} else {
				this.world.stamped(write.lag, () => sandbox.updateLead(id, { team_id: team(write.matching) }));
				if (this.field === 'write_date') this.remember(id, write.lag, this.world.stampInstant(write.lag));
			}
		}
		this.refresh();
	}

	activate(): void {
		for (const change of this.matching.keys()) this.matchedAtActivation.add(change);
		this.activated = true;
		this.lastPollClock = this.pollClock();
		this.refresh();
	}

	/** The server clock as a poll's Date header says it (whole seconds). */
	private pollClock(): number {
		return Math.floor(this.world.clock / 1000) * 1000;
	}

	/** One poll with writes between its page requests and an optional fault; checks what it emitted. */
	async poll(trigger: TriggerHarness, duringWalk: Write[] = [], fault: ListFault = 'none', final = false): Promise<{ emitted: string[]; requests: number }> {
		const { world } = this;
		const queue = [...duringWalk];
		const strike = armFault(world, fault, this.options.pageSize);
		// README: a walk reads the list at most 4 times over (it starts again up to 3 times); a backlog
		// looks for its place in at most 24 requests a page.
		const listSize = this.live.length + duringWalk.filter((w) => w.kind === 'create').length;
		const pages = Math.ceil(listSize / this.options.pageSize) + 2;
		const backlogPages = Math.ceil(listSize / Math.max(1, this.options.pageSize - 1)) + 2;
		const maxRequests = (RESTARTS_PER_POLL + 1) * pages + (this.options.requireAt === 'final-poll' ? LOOKS_PER_PAGE * backlogPages : 0);
		let requests = 0;
		let runaway = false;
		let moved = false;
		world.sandbox.onListPage(({ page }) => {
			requests++;
			if (requests > maxRequests && !runaway) {
				runaway = true;
				world.sandbox.injectFault({ mode: 'status-500', pathIncludes: 'fetch_default' }); // stop it
			}
			strike(page);
			if (page >= 1 && queue.length > 0) {
				this.write(queue.shift()!);
				moved = true;
			}
		});
		const before = new Map(this.matching);
		try {
			const items = await trigger.poll().finally(() => {
				world.sandbox.onListPage(null);
				world.sandbox.clearFaults();
			});
			if (runaway) throw new Error(`the poll kept reading: more than ${maxRequests} list requests`);
			const emitted = items.map((item) => `${String(item.json.id)}@${String(item.json[this.field])}`);
			// README: a moving list is noticed by x-total changing between pages; one that does not count
			// the list (lie-x-total) hides the move, and a lead can slip across a page edge unread.
			const trusted = fault !== 'ignore-sort' && !(fault === 'lie-x-total' && moved);
			if (trusted && (final || this.options.requireAt === 'every-poll')) {
				for (const [change, run] of before) if (this.matching.get(change) === run && this.mustCome(change)) this.required.add(change);
			}
			this.notePassed(before, trusted);
			this.checkEmitted(emitted);
			this.lastPollClock = this.pollClock();
			return { emitted, requests };
		} catch (error) {
			if (runaway) throw new Error(`the poll kept reading: more than ${maxRequests} list requests (${(error as Error).message})`);
			const message = (error as Error).message;
			// A list that moves on every pass of the walk fails the poll (busy); when every move pushed a
			// whole page down, it reads as an ignored `page`. Either way nothing is handed out.
			const keptMoving = duringWalk.length > RESTARTS_PER_POLL && /kept changing|ignore the "page"/.test(message);
			if (!FAILING_FAULTS.has(fault) && !keptMoving) throw new Error(`poll failed without an injected fault: ${message}`);
			const named = duringWalk.length > 0 ? FAULT_MESSAGES[fault] && ANY_PAGING_MESSAGE : FAULT_MESSAGES[fault];
			if (named && !keptMoving && !named.test(message)) throw new Error(`a server that breaks "${fault}" got an error that does not name it: ${message}`);
			return { emitted: [], requests };
		}
	}

	/** After a successful poll: the changes it may have passed over for good. */
	private notePassed(before: ReadonlyMap<string, number>, trusted: boolean): void {
		const clock = this.world.clock;
		for (const [change, info] of this.changes) {
			if (this.emitted.has(change)) continue;
			if (info.beyondPromise) this.excused.add(change);
			const closed = clock >= this.closesAt(info);
			if (!trusted && closed) this.excused.add(change);
			const matchedThroughout = before.has(change) && this.matching.get(change) === before.get(change);
			const exists = this.live.some((id) => this.changeOf(id) === change);
			if (exists && !matchedThroughout && closed) this.excused.add(change);
		}
	}

	private checkEmitted(emitted: string[]): void {
		if (emitted.length > this.options.max) throw new Error(`a poll handed out ${emitted.length} changes, more than Max Leads Per Poll (${this.options.max})`);
		let previous: string | undefined;
		for (const change of emitted) {
			if (this.emitted.has(change)) throw new Error(`${change} emitted twice`);
			if (!this.everMatched.has(change)) throw new Error(`${change} emitted but it is no change the trigger was asked for that matched the filters`);
			this.emitted.add(change);
			if (previous && !this.inOrder(previous, change)) throw new Error(`not oldest first: ${previous} before ${change}`);
			previous = change;
			if (this.matchedAtActivation.has(change)) {
				const last = this.backlogOut[this.backlogOut.length - 1];
				if (last && !this.inOrder(last, change)) throw new Error(`the backlog did not come out oldest first: ${last} before ${change}`);
				this.backlogOut.push(change);
			}
		}
	}

	/** Whether `a` may come out before `b`: stamped no later, or both in a repeated hour (text order). */
	private inOrder(a: string, b: string): boolean {
		const first = this.changes.get(a)!;
		const second = this.changes.get(b)!;
		if (first.stampAt <= second.stampAt) return true;
		return this.world.isRepeatedText(first.text, first.stampAt) && this.world.isRepeatedText(second.text, second.stampAt);
	}

	/**
	 * What an idle poll may cost (README): the rows stamped (latest reading) at or after the previous
	 * poll's clock − 60 s (without a Date header: the newest change's − 60 s) are read again, plus one.
	 */
	idleCost(): { rows: number; requests: number } {
		const stamps = this.live
			.filter((id) => this.matches(id))
			.map((id) => {
				const text = String(this.world.sandbox.getLead(id)?.[this.field]);
				const known = this.changes.get(`${id}@${text}`);
				return known ? this.world.readings(text, known.stampAt) : undefined;
			})
			.filter((r) => r !== undefined);
		const newest = Math.max(...stamps.map((r) => r.earliest));
		const from = this.world.options.dateHeader ? this.lastPollClock! - SETTLE_MS : newest - SETTLE_MS;
		const rows = stamps.filter((r) => r.latest >= from).length;
		return { rows, requests: Math.floor(rows / this.options.pageSize) + 1 };
	}

	missing(): string[] {
		return [...this.required].filter((change) => !this.emitted.has(change) && !this.excused.has(change));
	}

	/** How many leads the list holds (for a bound on how many polls a backlog takes). */
	get size(): number {
		return this.live.length;
	}
}
