/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The CRM Lead Trigger's promise (README, "The trigger and Get Many"), checked at random against
 * a sandbox that changes while it polls. The model imports nothing from the product: its numbers
 * are the README's ("60 s", "up to 3 times per poll", "one request").
 *
 * Model: a change is a lead ID with a new timestamp (create_date for Lead Created, write_date for
 * Lead Updated with Include New Leads), written after activation.
 * - Required: a change that matched the filters throughout some successful poll (present and
 *   matching when the poll started and, without a break, when it ended) is emitted — unless it
 *   became visible more than 60 s after the time it was stamped with (a late commit the README lets
 *   go), or a successful poll passed it while it did not match, at least 60 s after its timestamp
 *   (with Lead Created a lead moved into the filters later is no new creation; with Lead Updated
 *   the move itself is a new change).
 * - Allowed: only changes written after activation that matched the filters at some moment.
 * - Each change is emitted at most once; each poll's output is oldest first (by the instant the
 *   server stamped it; two texts of a repeated DST hour may keep the server's text order).
 * - Idle cost: once the list holds still, an idle poll reads the changes stamped in the last
 *   minute before the previous poll's server clock (without a Date header: before the newest
 *   change) plus one row — one request when there are none, as the README promises — and the
 *   static data is small. A walk never reads more than 4 passes over the list.
 * - A server that ignores `sort` may go unnoticed when no page shows it (README): a poll that
 *   succeeds against it proves nothing, and changes older than a minute may be passed over.
 * Generated: flavour, server zone (seven zones, both hemispheres' 2026 transitions), with or
 * without a Date header, event, page size 1–5, filters, creates / updates / deletes / filter
 * changes between polls and between the poll's own page requests, writes stamped up to 45 s late
 * (and rarely beyond 60 s), many leads per second, busy and cut answers, a lying x-total, servers
 * that ignore `page` or `sort` or cap pages silently. Moving lists are weighted: old backlogs read
 * over several pages while leads are deleted above the read position.
 */
import fc from 'fast-check';

import { triggerHarness, type TriggerHarness } from '../helpers/pollTrigger';
import { propertyTest } from './settings';
import {
	armFault,
	FAILING_FAULTS,
	ANY_PAGING_MESSAGE,
	FAULT_MESSAGES,
	isBeyondPromise,
	lagArb,
	listFaultArb,
	MATCHING_TEAM,
	OTHER_TEAM,
	RESTARTS_PER_POLL,
	SETTLE_MS,
	TriggerWorld,
	zoneAndStartArb,
	type ListFault,
} from './triggerWorld';

type Write =
	| { kind: 'create'; matching: boolean; lag: number }
	| { kind: 'update'; pick: number; matching: boolean; lag: number }
	| { kind: 'delete'; pick: number };
type Step = Write | { kind: 'advance'; seconds: number } | { kind: 'poll'; duringWalk: Write[]; fault: ListFault };

interface Scenario {
	flavour: 'cloud' | 'classic';
	zone: string;
	start: number;
	dateHeader: boolean;
	event: 'created' | 'updated';
	filtered: boolean;
	pageSize: number;
	initial: Write[];
	steps: Step[];
}

const writeArb: fc.Arbitrary<Write> = fc.oneof(
	{ arbitrary: fc.record({ kind: fc.constant('create' as const), matching: fc.boolean(), lag: lagArb }), weight: 4 },
	{ arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(50), matching: fc.boolean(), lag: lagArb }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }), weight: 2 },
);
/** Deletes (and edits) while the walk pages: what shifts rows across page edges. */
const duringWalkArb: fc.Arbitrary<Write[]> = fc.oneof(
	{ arbitrary: fc.constant<Write[]>([]), weight: 2 },
	{ arbitrary: fc.array(fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }), { minLength: 1, maxLength: 3 }), weight: 2 },
	{ arbitrary: fc.array(writeArb, { minLength: 1, maxLength: 5 }), weight: 2 },
);
const pollArb: fc.Arbitrary<Step> = fc.record({ kind: fc.constant('poll' as const), duringWalk: duringWalkArb, fault: listFaultArb });
/** A backlog written, left to age past a minute, then read over several pages while the list moves. */
const backlogArb: fc.Arbitrary<Step[]> = fc
	.tuple(fc.array(writeArb, { minLength: 3, maxLength: 8 }), fc.constantFrom(61, 120, 700), pollArb)
	.map(([writes, seconds, poll]) => [...writes, { kind: 'advance' as const, seconds }, poll]);
const stepsArb: fc.Arbitrary<Step[]> = fc
	.array(
		fc.oneof(
			{ arbitrary: writeArb.map((w) => [w as Step]), weight: 5 },
			{ arbitrary: fc.constantFrom(0, 1, 1, 2, 30, 61, 700, 1800).map((seconds) => [{ kind: 'advance', seconds } as Step]), weight: 3 },
			{ arbitrary: pollArb.map((p) => [p]), weight: 3 },
			{ arbitrary: backlogArb, weight: 2 },
		),
		{ minLength: 1, maxLength: 14 },
	)
	.map((groups) => groups.flat());

const scenarioArb: fc.Arbitrary<Scenario> = fc
	.record({
		flavour: fc.constantFrom<'cloud' | 'classic'>('cloud', 'classic'),
		place: zoneAndStartArb,
		dateHeader: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
		event: fc.constantFrom<'created' | 'updated'>('created', 'updated'),
		filtered: fc.boolean(),
		pageSize: fc.integer({ min: 1, max: 5 }),
		initial: fc.array(writeArb, { maxLength: 6 }),
		steps: stepsArb,
	})
	.map(({ place, ...rest }) => ({ ...rest, ...place }));

interface Change {
	/** The instant the server stamped it with (epoch ms, whole seconds). */
	stampAt: number;
	text: string;
	/** Written after activation (before it: never to come out). */
	afterActivation: boolean;
	/** Stamped more than 60 s before it became visible: the README lets it go. */
	beyondPromise: boolean;
}

/** The sandbox and what the model knows about it. */
class TriggerModel {
	private next = 0;
	private readonly live: string[] = [];
	private activated = false;
	private readonly changes = new Map<string, Change>();
	private readonly everMatched = new Set<string>();
	/** Changes that matched the filters when the trigger was activated (never to come out). */
	private readonly matchedAtActivation = new Set<string>();
	/** Matching changes now → how many times each has started matching (a break starts a new run). */
	private matching = new Map<string, number>();
	private readonly starts = new Map<string, number>();
	readonly required = new Set<string>();
	/** Changes the trigger may pass over without emitting them (see the header). */
	private readonly excused = new Set<string>();
	readonly emitted = new Set<string>();
	private readonly field: 'create_date' | 'write_date';
	/** The server clock of the last successful poll (its Date header: whole seconds). */
	private lastPollClock: number | undefined;

	constructor(
		private readonly world: TriggerWorld,
		private readonly scenario: Scenario,
	) {
		this.field = scenario.event === 'created' ? 'create_date' : 'write_date';
	}

	private changeOf(id: string): string | undefined {
		const lead = this.world.sandbox.getLead(id);
		return lead ? `${id}@${String(lead[this.field])}` : undefined;
	}

	private matches(id: string): boolean {
		return !this.scenario.filtered || this.world.sandbox.getLead(id)?.team_id === MATCHING_TEAM;
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
			// A lead that moves into the filters before a poll passed its timestamp by 60 s counts as new
			// (README); without a Date header the newest timestamp read stands in for the clock, so any may.
			const info = this.changes.get(change);
			const stillOpen = info !== undefined && this.lastPollClock !== undefined && this.lastPollClock <= info.stampAt + SETTLE_MS;
			const lenient = this.activated && !this.matchedAtActivation.has(change) && (stillOpen || !this.world.options.dateHeader);
			if (this.changes.get(change)?.afterActivation || lenient) this.everMatched.add(change);
		}
		this.matching = now;
	}

	write(write: Write): void {
		const team = (matching: boolean) => (matching ? MATCHING_TEAM : OTHER_TEAM);
		const { sandbox } = this.world;
		let written: { id: string; lag: number } | undefined;
		if (write.kind === 'create') {
			// Zero-padded, so the IDs' text order is their creation order.
			const id = `p${String(this.next++).padStart(3, '0')}`;
			this.world.stamped(write.lag, () => sandbox.insertLeads([{ id, type: 'lead', name: `Lead ${id}`, team_id: team(write.matching) }]));
			this.live.push(id);
			written = { id, lag: write.lag };
		} else if (this.live.length > 0) {
			const id = this.live[write.pick % this.live.length];
			if (write.kind === 'delete') {
				sandbox.deleteLead(id);
				this.live.splice(this.live.indexOf(id), 1);
			} else {
				this.world.stamped(write.lag, () => sandbox.updateLead(id, { team_id: team(write.matching) }));
				if (this.field === 'write_date') written = { id, lag: write.lag };
			}
		}
		const change = written && this.changeOf(written.id);
		// Two writes of one lead with one timestamp are one change: the timestamp does not tell them apart.
		if (written && change && !this.changes.has(change)) {
			const stampAt = this.world.stampInstant(written.lag);
			this.changes.set(change, {
				stampAt,
				text: change.slice(change.indexOf('@') + 1),
				afterActivation: this.activated,
				beyondPromise: isBeyondPromise(written.lag),
			});
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
	async poll(trigger: TriggerHarness, duringWalk: Write[] = [], fault: ListFault = 'none'): Promise<{ emitted: string[]; requests: number }> {
		const { world } = this;
		const queue = [...duringWalk];
		const strike = armFault(world, fault, this.scenario.pageSize);
		// README: a walk starts again at most 3 times, so it reads the list at most 4 times (+ the pages that show the end).
		const listSize = this.live.length + duringWalk.filter((w) => w.kind === 'create').length;
		const maxRequests = (RESTARTS_PER_POLL + 1) * (Math.ceil(listSize / this.scenario.pageSize) + 2);
		let requests = 0;
		let runaway = false;
		world.sandbox.onListPage(({ page }) => {
			requests++;
			if (requests > maxRequests && !runaway) {
				runaway = true;
				world.sandbox.injectFault({ mode: 'status-500', pathIncludes: 'fetch_default' }); // stop it
			}
			strike(page);
			if (page >= 1 && queue.length > 0) this.write(queue.shift()!);
		});
		const before = new Map(this.matching);
		try {
			const items = await trigger.poll().finally(() => {
				world.sandbox.onListPage(null);
				world.sandbox.clearFaults();
			});
			if (runaway) throw new Error(`the poll kept reading: more than ${maxRequests} list requests`);
			const emitted = items.map((item) => `${String(item.json.id)}@${String(item.json[this.field])}`);
			const trusted = fault !== 'ignore-sort';
			if (trusted) {
				for (const [change, run] of before) {
					if (this.matching.get(change) === run && this.changes.get(change)?.afterActivation) this.required.add(change);
				}
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
			if (!info.afterActivation || this.emitted.has(change)) continue;
			if (info.beyondPromise) this.excused.add(change);
			const closed = clock >= info.stampAt + SETTLE_MS;
			if (!trusted && closed) this.excused.add(change);
			const matchedThroughout = before.has(change) && this.matching.get(change) === before.get(change);
			const exists = this.live.some((id) => this.changeOf(id) === change);
			if (exists && !matchedThroughout && closed) this.excused.add(change);
		}
	}

	private checkEmitted(emitted: string[]): void {
		let previous: { change: string; at: number } | undefined;
		for (const change of emitted) {
			if (this.emitted.has(change)) throw new Error(`${change} emitted twice`);
			if (!this.everMatched.has(change)) throw new Error(`${change} emitted but it is no change after activation that matched the filters`);
			this.emitted.add(change);
			const { stampAt, text } = this.changes.get(change)!;
			if (previous && stampAt < previous.at && !(this.world.isRepeatedText(text, stampAt) && this.repeated(previous.change))) {
				throw new Error(`not oldest first: ${previous.change} before ${change}`);
			}
			previous = { change, at: stampAt };
		}
	}

	private repeated(change: string): boolean {
		const { stampAt, text } = this.changes.get(change)!;
		return this.world.isRepeatedText(text, stampAt);
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
		return { rows, requests: Math.floor(rows / this.scenario.pageSize) + 1 };
	}

	missing(): string[] {
		return [...this.required].filter((change) => !this.emitted.has(change) && !this.excused.has(change));
	}
}

async function runScenario(scenario: Scenario): Promise<void> {
	const world = await TriggerWorld.open(scenario);
	try {
		const model = new TriggerModel(world, scenario);
		for (const write of scenario.initial) model.write(write);
		const trigger = triggerHarness(
			{ baseUrl: world.sandbox.url, accessToken: world.sandbox.token, timeZone: scenario.zone },
			{
				event: scenario.event,
				...(scenario.filtered ? { filters: { n_team_id_eq: MATCHING_TEAM } } : {}),
				options: { pageSize: scenario.pageSize, ...(scenario.event === 'updated' ? { includeCreated: true } : {}) },
			},
		);
		expect(await trigger.poll()).toEqual([]); // activation: everything that exists now is old
		model.activate();
		for (const step of scenario.steps) {
			if (step.kind === 'advance') world.advance(step.seconds);
			else if (step.kind === 'poll') await model.poll(trigger, step.duringWalk, step.fault);
			else model.write(step);
		}
		// The list holds still: after the settle time one poll hands out the rest, then polls are idle.
		world.advance(61);
		await model.poll(trigger);
		expect(model.missing()).toEqual([]);
		world.advance(61);
		const expected = model.idleCost();
		const idle = await model.poll(trigger);
		expect(idle.emitted).toEqual([]);
		if (expected.rows === 0) expect(idle.requests).toBe(1);
		else expect(idle.requests).toBeLessThanOrEqual(expected.requests);
		expect(JSON.stringify(trigger.staticData()).length).toBeLessThan(2_000);
	} finally {
		await world.close();
	}
}

propertyTest('trigger: every change after activation that matches comes out exactly once, oldest first, while the list moves', 'trigger', scenarioArb, runScenario, { quick: 60, soak: 1000 });
