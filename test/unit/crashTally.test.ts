/** The crash test's arithmetic (scripts/crash): which leads reached the workflow, lost, repeated; and its seeded plan. */
import { MOMENTS, planKills } from '../../scripts/crash/plan';
import { tally, triggerLeadIds } from '../../scripts/crash/tally';

test('tally: lost, repeated, unexpected, and leads only in executions that never finished', () => {
	const result = tally(
		['a', 'b', 'c', 'd', 'e'],
		[
			{ id: '1', status: 'success', leadIds: ['a', 'b'] },
			{ id: '2', status: 'crashed', leadIds: ['b', 'c'] },
			{ id: '3', status: 'new', leadIds: ['d'] },
			{ id: '4', status: 'success', leadIds: ['x'] },
			{ id: '5', status: 'error', leadIds: [] }, // a failed poll: no leads, not counted
		],
		[
			{ leadId: 'a', executionId: '1' },
			{ leadId: 'b', executionId: '1' },
			{ leadId: 'b', executionId: '2' },
		],
	);
	expect(result.leadsCreated).toBe(5);
	expect(result.leadsReached).toBe(4);
	expect(result.lost).toEqual(['e']);
	expect(result.repeated).toEqual([{ leadId: 'b', executionIds: ['1', '2'] }]);
	expect(result.unexpected).toEqual(['x']);
	expect(result.executionsByStatus).toEqual({ success: 2, crashed: 1, new: 1 });
	expect(result.leadsOnlyInUnfinishedExecutions).toBe(2); // c (crashed) and d (new); b also finished in 1
	expect(result.downstream).toEqual({ recorded: 2, repeated: 1 });
});

test('the trigger output of an execution: run data, the execution stack, never the crash placeholder', () => {
	const lead = (id: string) => ({ json: { id, name: `Lead ${id}` } });
	// finished: the trigger's run data
	expect(triggerLeadIds({ resultData: { runData: { Trigger: [{ data: { main: [[lead('a'), lead('b')]] } }] } } }, 'Trigger')).toEqual(['a', 'b']);
	// committed by the poll, not started (or crashed before n8n saved progress): still on the stack
	expect(
		triggerLeadIds(
			{
				resultData: { runData: { Trigger: [{ data: { main: [[{ json: { isArtificialRecoveredEventItem: true } }]] } }] } },
				executionData: { nodeExecutionStack: [{ node: { name: 'Trigger' }, data: { main: [[lead('c')]] } }, { node: { name: 'Other' }, data: { main: [[lead('z')]] } }] },
			},
			'Trigger',
		),
	).toEqual(['c']);
	expect(triggerLeadIds({}, 'Trigger')).toEqual([]);
});

test('the kill plan is the same for the same seed, different for another, and keeps to the ranges', () => {
	const plan = planKills(7, 200);
	expect(planKills(7, 200)).toEqual(plan);
	expect(planKills(8, 200)).not.toEqual(plan);
	for (const kill of plan) {
		const [low, high] = MOMENTS[kill.moment].delayMs;
		expect(kill.delayMs).toBeGreaterThanOrEqual(low);
		expect(kill.delayMs).toBeLessThan(high);
	}
	// every kind of moment is drawn
	expect(new Set(plan.map((kill) => kill.moment))).toEqual(new Set(Object.keys(MOMENTS)));
});
