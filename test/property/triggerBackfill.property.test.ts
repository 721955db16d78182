/**
 * CRM Lead Trigger with Start From (README, "The trigger and Get Many"), checked at random: a
 * backlog of leads stamped over the last ten hours, Start From a moment in it (or the first
 * lead), a small Max Leads Per Poll, and the list changing while the backlog comes out — the same
 * server behaviours as the live property (late stamps, no Date header, deletes and filter moves
 * between and during page requests, faults). The model is changeModel.ts (nothing from the
 * product): every change stamped at or after Start From that matches when the list holds still
 * has come out exactly once; no poll hands out more than Max Leads Per Poll; the backlog comes out
 * oldest first, also across polls; the static data stays small; and once the backlog is out,
 * idle polls cost what the README says.
 */
import fc from 'fast-check';

import { triggerHarness } from '../helpers/pollTrigger';
import { ChangeModel, type Write } from './changeModel';
import { propertyTest } from './settings';
import { lagArb, listFaultArb, MATCHING_TEAM, TriggerWorld, zoneAndStartArb, type ListFault } from './triggerWorld';

type Step = Write | { kind: 'advance'; seconds: number } | { kind: 'poll'; duringWalk: Write[]; fault: ListFault };

interface Scenario {
	flavour: 'cloud' | 'classic';
	zone: string;
	start: number;
	dateHeader: boolean;
	event: 'created' | 'updated';
	filtered: boolean;
	pageSize: number;
	max: number;
	/** Minutes before activation the backlog's leads were stamped (several per minute possible). */
	backlog: Array<{ minutesAgo: number; matching: boolean }>;
	/** Start From, minutes before activation; null: the first lead. */
	startMinutesAgo: number | null;
	steps: Step[];
}

const writeArb: fc.Arbitrary<Write> = fc.oneof(
	{ arbitrary: fc.record({ kind: fc.constant('create' as const), matching: fc.boolean(), lag: lagArb }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(50), matching: fc.boolean(), lag: lagArb }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }), weight: 2 },
);
const deleteArb: fc.Arbitrary<Write> = fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) });
const pollArb: fc.Arbitrary<Step> = fc.record({
	kind: fc.constant('poll' as const),
	duringWalk: fc.oneof(fc.array(writeArb, { maxLength: 3 }), fc.array(deleteArb, { minLength: 1, maxLength: 2 })),
	fault: listFaultArb,
});
/** Leads deleted (rows before the backlog's place shift up) between polls of the backlog. */
const churnArb: fc.Arbitrary<Step[]> = fc.tuple(fc.array(deleteArb, { minLength: 1, maxLength: 3 }), pollArb).map(([deletes, poll]) => [...deletes, poll]);
const stepsArb: fc.Arbitrary<Step[]> = fc
	.array(
		fc.oneof(
			{ arbitrary: writeArb.map((w) => [w as Step]), weight: 3 },
			{ arbitrary: fc.constantFrom(0, 1, 30, 61, 700).map((seconds) => [{ kind: 'advance', seconds } as Step]), weight: 2 },
			{ arbitrary: pollArb.map((p) => [p]), weight: 4 },
			{ arbitrary: churnArb, weight: 3 },
		),
		{ maxLength: 10 },
	)
	.map((groups) => groups.flat());
const scenarioArb: fc.Arbitrary<Scenario> = fc
	.record({
		flavour: fc.constantFrom<'cloud' | 'classic'>('cloud', 'classic'),
		place: zoneAndStartArb,
		dateHeader: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
		event: fc.constantFrom<'created' | 'updated'>('created', 'updated'),
		filtered: fc.boolean(),
		pageSize: fc.integer({ min: 1, max: 4 }),
		max: fc.integer({ min: 1, max: 4 }),
		backlog: fc.array(fc.record({ minutesAgo: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constantFrom(30, 30, 90)), matching: fc.boolean() }), { minLength: 3, maxLength: 14 }),
		startMinutesAgo: fc.option(fc.integer({ min: 1, max: 620 }), { nil: null }),
		steps: stepsArb,
	})
	.map(({ place, ...rest }) => ({ ...rest, ...place }));

async function runScenario(scenario: Scenario): Promise<void> {
	const world = await TriggerWorld.open(scenario);
	try {
		const startAt = scenario.startMinutesAgo === null ? null : scenario.start - scenario.startMinutesAgo * 60_000;
		const model = new ChangeModel(world, { ...scenario, startAt, requireAt: 'final-poll' });
		model.history(scenario.backlog.map(({ minutesAgo, matching }) => ({ at: scenario.start - minutesAgo * 60_000, matching })));
		const trigger = triggerHarness(
			{ baseUrl: world.sandbox.url, accessToken: world.sandbox.token, timeZone: scenario.zone },
			{
				event: scenario.event,
				...(startAt === null ? { startFrom: 'beginning' } : { startFrom: 'date', startDate: new Date(startAt).toISOString() }),
				...(scenario.filtered ? { filters: { n_team_id_eq: MATCHING_TEAM } } : {}),
				options: { pageSize: scenario.pageSize, maxLeadsPerPoll: scenario.max, ...(scenario.event === 'updated' ? { includeCreated: true } : {}) },
			},
		);
		model.activate();
		await model.poll(trigger); // activation: the first batch of the backlog
		const small = () => expect(JSON.stringify(trigger.staticData()).length).toBeLessThan(2_000);
		small();
		for (const step of scenario.steps) {
			if (step.kind === 'advance') world.advance(step.seconds);
			else if (step.kind === 'poll') {
				await model.poll(trigger, step.duringWalk, step.fault);
				small();
			} else model.write(step);
		}
		// The list holds still: the rest of the backlog comes out, a batch per poll, then polls are idle.
		world.advance(61);
		const polls = Math.ceil(model.size / scenario.max) + 3;
		for (let n = 0; n < polls; n++) await model.poll(trigger, [], 'none', n === polls - 1);
		expect(model.missing()).toEqual([]);
		world.advance(61);
		const expected = model.idleCost();
		const idle = await model.poll(trigger);
		expect(idle.emitted).toEqual([]);
		if (expected.rows === 0) expect(idle.requests).toBe(1);
		else expect(idle.requests).toBeLessThanOrEqual(expected.requests);
		small();
	} finally {
		await world.close();
	}
}

propertyTest('trigger, Start From: every change from Start From on comes out once, oldest first, in batches of Max Leads Per Poll, while the list moves', 'trigger-backfill', scenarioArb, runScenario, {
	quick: 30,
	soak: 500,
});
