/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * CRM Lead Trigger, Lead Deleted (README, "The trigger and Get Many"), checked at random against
 * a sandbox where leads are created, deleted, created again under their old ID (classic frees a
 * deleted ID; cloud never does), and moved in and out of the filters — between polls and while a
 * check pages through the list — with faults, including a check_key that answers true/false.
 * The model imports nothing from the product; from the README's words:
 * - Allowed: a deleted lead comes out only for a deletion that happened (before the end of the poll
 *   that hands it out) to a lead that matched the filters at some moment after activation; each
 *   deletion at most once; never a lead that exists throughout the poll (a lead that left the
 *   filters, or moved in the list, is no deletion).
 * - Required: a lead that matched the filters throughout ⌈leads / Max Leads Per Poll⌉ + 1
 *   successful polls in a row (one of them ran a check: a poll first confirms what waits, at most
 *   Max a poll, and checks when nothing waits) and was then deleted for good comes out. A created-
 *   and-deleted lead no check saw, or a deleted lead whose ID came back before it was confirmed,
 *   need not.
 * - No poll hands out more than Max Leads Per Poll; a poll fails only on an injected fault, naming
 *   what the server did; a check_key that is not 0, 1 or 2 never yields a deletion; the static
 *   data stays small.
 */
import fc from 'fast-check';

import { triggerHarness, type TriggerHarness } from '../helpers/pollTrigger';
import { propertyTest } from './settings';
import { ANY_PAGING_MESSAGE, armFault, FAILING_FAULTS, listFaultArb, MATCHING_TEAM, OTHER_TEAM, TriggerWorld, type ListFault } from './triggerWorld';

type Write =
	| { kind: 'create'; matching: boolean }
	| { kind: 'delete'; pick: number }
	| { kind: 'move'; pick: number; matching: boolean }
	/** Classic only: a deleted lead's ID is used again. */
	| { kind: 'recreate'; pick: number; matching: boolean };
type Fault = ListFault | 'check-key-boolean';
/** Writes while a check pages: one before each page, or all at once before page `burstAt`. */
type Step = Write | { kind: 'advance'; seconds: number } | { kind: 'poll'; duringWalk: Write[]; fault: Fault; burstAt?: number };

interface Scenario {
	flavour: 'cloud' | 'classic';
	filtered: boolean;
	pageSize: number;
	max: number;
	initial: Array<{ matching: boolean }>;
	steps: Step[];
}

const writeArb: fc.Arbitrary<Write> = fc.oneof(
	{ arbitrary: fc.record({ kind: fc.constant('create' as const), matching: fc.boolean() }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(50), matching: fc.boolean() }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('recreate' as const), pick: fc.nat(50), matching: fc.boolean() }), weight: 2 },
);
const faultArb: fc.Arbitrary<Fault> = fc.oneof({ arbitrary: listFaultArb, weight: 6 }, { arbitrary: fc.constant<Fault>('check-key-boolean'), weight: 1 });
const deleteArb: fc.Arbitrary<Write> = fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) });
const pollArb: fc.Arbitrary<Step> = fc.record({
	kind: fc.constant('poll' as const),
	duringWalk: fc.oneof(fc.array(writeArb, { maxLength: 4 }), fc.array(deleteArb, { minLength: 1, maxLength: 2 })),
	fault: faultArb,
});
/**
 * A check while several leads before its place go away at once (rows shift up past a page edge),
 * then a deletion before the next check.
 */
const churnArb: fc.Arbitrary<Step[]> = fc
	.tuple(fc.array(deleteArb, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), deleteArb, fc.constantFrom<Fault>('none', 'none', 'lie-x-total'))
	.map(([during, burstAt, after, fault]) => [{ kind: 'poll', duringWalk: during, fault, burstAt }, after, { kind: 'poll', duringWalk: [], fault: 'none' }]);
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
	flavour: fc.constantFrom<'cloud' | 'classic'>('cloud', 'classic'),
	filtered: fc.boolean(),
	pageSize: fc.integer({ min: 1, max: 4 }),
	max: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 3 })),
	initial: fc.array(fc.record({ matching: fc.boolean() }), { maxLength: 16 }),
	steps: fc
		.array(
			fc.oneof(
				{ arbitrary: writeArb.map((w) => [w as Step]), weight: 4 },
				{ arbitrary: pollArb.map((p) => [p]), weight: 4 },
				{ arbitrary: churnArb, weight: 3 },
				{ arbitrary: fc.constantFrom(1, 61).map((seconds) => [{ kind: 'advance', seconds } as Step]), weight: 1 },
			),
			{ minLength: 1, maxLength: 14 },
		)
		.map((groups) => groups.flat()),
});

/** One life of a lead ID: from a create to its delete. */
interface Incarnation {
	id: string;
	/** Whether it matched the filters at some moment after activation. */
	seen: boolean;
	/** Successful polls it matched throughout, in a row. */
	streak: number;
	/** Set once the streak was long enough for a check to have seen it. */
	watched: boolean;
	deleted: boolean;
	/** Deleted, and its ID never came back: its deletion must come out. */
	emitted: boolean;
}

class DeletionModel {
	private next = 0;
	private activated = false;
	/** Live incarnations by ID. */
	private readonly live = new Map<string, Incarnation>();
	private readonly all: Incarnation[] = [];
	private readonly matching = new Set<string>();
	/** IDs that lost the filters or went away since the current poll began (a break in their streak). */
	private broken = new Set<string>();
	private readonly deletedDuringPoll = new Set<string>();

	constructor(
		private readonly world: TriggerWorld,
		private readonly scenario: Scenario,
	) {}

	private matches(id: string): boolean {
		return this.live.has(id) && (!this.scenario.filtered || this.world.sandbox.getLead(id)?.team_id === MATCHING_TEAM);
	}

	private refresh(): void {
		for (const id of [...this.matching]) {
			if (!this.matches(id)) {
				this.matching.delete(id);
				this.broken.add(id);
				// It left the filters (a deleted lead is no longer live): no longer watched for deletion.
				const life = this.live.get(id);
				if (life) Object.assign(life, { streak: 0, watched: false });
			}
		}
		for (const [id, life] of this.live) {
			if (!this.matches(id)) continue;
			this.matching.add(id);
			if (this.activated) life.seen = true;
		}
	}

	private born(id: string, matching: boolean): void {
		this.world.sandbox.insertLeads([{ id, type: 'lead', name: `Lead ${id}`, team_id: matching ? MATCHING_TEAM : OTHER_TEAM }]);
		const life: Incarnation = { id, seen: false, streak: 0, watched: false, deleted: false, emitted: false };
		this.live.set(id, life);
		this.all.push(life);
	}

	write(write: Write): void {
		const ids = [...this.live.keys()];
		if (write.kind === 'create') this.born(`d${String(this.next++).padStart(3, '0')}`, write.matching);
		else if (write.kind === 'recreate') {
			const gone = [...new Set(this.all.filter((l) => l.deleted).map((l) => l.id))].filter((id) => !this.live.has(id));
			if (this.scenario.flavour === 'classic' && gone.length > 0) this.born(gone[write.pick % gone.length], write.matching);
		} else if (ids.length > 0) {
			const id = ids[write.pick % ids.length];
			if (write.kind === 'delete') {
				this.world.sandbox.deleteLead(id);
				this.live.get(id)!.deleted = true;
				this.live.delete(id);
				this.deletedDuringPoll.add(id);
			} else {
				this.world.sandbox.updateLead(id, { team_id: write.matching ? MATCHING_TEAM : OTHER_TEAM });
			}
		}
		this.refresh();
	}

	activate(): void {
		this.activated = true;
		this.refresh();
	}

	async poll(trigger: TriggerHarness, duringWalk: Write[] = [], fault: Fault = 'none', burstAt?: number): Promise<string[]> {
		const { world } = this;
		const queue = [...duringWalk];
		const strike = fault === 'check-key-boolean' ? () => undefined : armFault(world, fault, this.scenario.pageSize);
		if (fault === 'check-key-boolean') world.sandbox.injectFault({ mode: 'check-key-boolean' });
		let pages = 0;
		world.sandbox.onListPage(({ page }) => {
			strike(page);
			pages++;
			if (burstAt === undefined && queue.length > 0) this.write(queue.shift()!);
			if (burstAt === pages) while (queue.length > 0) this.write(queue.shift()!);
		});
		const liveAtStart = new Set(this.live.keys());
		this.broken = new Set();
		this.deletedDuringPoll.clear();
		const matchingAtStart = new Set(this.matching);
		let items;
		try {
			items = await trigger.poll().finally(() => {
				world.sandbox.onListPage(null);
				world.sandbox.clearFaults();
			});
		} catch (error) {
			const message = (error as Error).message;
			if (fault === 'check-key-boolean' && /answered check_key/.test(message)) return [];
			if (!FAILING_FAULTS.has(fault as ListFault) && !/kept changing/.test(message)) throw new Error(`poll failed without an injected fault: ${message}`);
			if (!ANY_PAGING_MESSAGE.test(message) && !['busy-first', 'busy-later', 'cut'].includes(fault)) throw new Error(`a server that breaks "${fault}" got an error that does not name it: ${message}`);
			for (const life of this.live.values()) if (this.broken.has(life.id)) life.streak = 0;
			return [];
		}
		const emitted = items.map((item) => String(item.json.id));
		if (emitted.length > this.scenario.max) throw new Error(`a poll handed out ${emitted.length} deletions, more than Max Leads Per Poll (${this.scenario.max})`);
		if (fault === 'check-key-boolean' && emitted.length > 0) throw new Error(`a check_key answering true/false produced deletions: ${emitted.join(', ')}`);
		for (const id of emitted) this.checkEmitted(id, liveAtStart);
		const trusted = fault !== 'ignore-sort';
		for (const id of matchingAtStart) {
			const life = this.live.get(id);
			if (!life) continue;
			if (!trusted) {
				// A server that ignores `sort` unnoticed may cost the trigger its knowledge of any lead.
				life.streak = 0;
				life.watched = false;
			} else if (!this.broken.has(id) && this.matching.has(id)) life.streak++;
		}
		for (const id of this.broken) {
			const life = this.live.get(id);
			if (life) life.streak = 0;
		}
		const needed = Math.ceil(this.all.length / this.scenario.max) + 1;
		for (const life of this.live.values()) if (life.streak >= needed) life.watched = true;
		return emitted;
	}

	private checkEmitted(id: string, liveAtStart: ReadonlySet<string>): void {
		if (liveAtStart.has(id) && this.live.has(id) && !this.deletedDuringPoll.has(id)) throw new Error(`${id} emitted as deleted but it exists throughout the poll`);
		// The newest deletion of the ID it can report: one report covers the earlier lives of that ID too.
		const lives = this.all.filter((l) => l.id === id);
		const life = lives.filter((l) => l.deleted && l.seen && !l.emitted).at(-1);
		if (!life) throw new Error(`${id} emitted but no deletion of it that the trigger could know of is left to report`);
		for (const earlier of lives.slice(0, lives.indexOf(life) + 1)) earlier.emitted = true;
	}

	/** Deletions that must have come out: watched, deleted, and the ID never back. */
	missing(): string[] {
		return this.all.filter((l) => l.watched && l.deleted && !l.emitted && !this.live.has(l.id) && this.all.filter((o) => o.id === l.id).at(-1) === l).map((l) => l.id);
	}

	/** Polls enough for what waits to be confirmed, a check, and what it finds. */
	get polls(): number {
		return 2 * Math.ceil(this.all.length / this.scenario.max) + 3;
	}
}

async function runScenario(scenario: Scenario): Promise<void> {
	const world = await TriggerWorld.open({ flavour: scenario.flavour, zone: 'UTC', start: Date.UTC(2026, 5, 1, 8), dateHeader: true });
	try {
		const model = new DeletionModel(world, scenario);
		for (const { matching } of scenario.initial) model.write({ kind: 'create', matching });
		const trigger = triggerHarness(
			{ baseUrl: world.sandbox.url, accessToken: world.sandbox.token, timeZone: 'UTC' },
			{
				event: 'deleted',
				...(scenario.filtered ? { filters: { n_team_id_eq: MATCHING_TEAM } } : {}),
				options: { pageSize: scenario.pageSize, maxLeadsPerPoll: scenario.max, checkDeletionsEvery: 0 },
			},
		);
		model.activate();
		expect(await model.poll(trigger)).toEqual([]); // activation: the list as it is now
		for (const step of scenario.steps) {
			if (step.kind === 'advance') world.advance(step.seconds);
			else if (step.kind === 'poll') await model.poll(trigger, step.duringWalk, step.fault, step.burstAt);
			else model.write(step);
			expect(JSON.stringify(trigger.staticData()).length).toBeLessThan(2_000);
		}
		// The list holds still: the deletions still owed come out within a few polls.
		for (let n = 0; n < model.polls && model.missing().length > 0; n++) await model.poll(trigger);
		expect(model.missing()).toEqual([]);
	} finally {
		await world.close();
	}
}

propertyTest('trigger, Lead Deleted: every deletion of a watched lead comes out once, confirmed; no live lead ever', 'trigger-deleted', scenarioArb, runScenario, { quick: 40, soak: 600 });
