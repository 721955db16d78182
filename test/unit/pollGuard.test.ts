/** The trigger's overlap guard: one hand-out per cursor state at a time (nodes/CrmLeadTrigger/pollGuard.ts). */
import { RUNNING_FOR_MS, STALE_FOR_MS, takePollTurn } from '../../nodes/CrmLeadTrigger/pollGuard';

let triggers = 0;
/** Each test its own trigger: the guard's memory lives as long as the process. */
const newTrigger = () => `wf-${++triggers}:node`;
const T0 = Date.UTC(2026, 0, 1);

test('a poll of a state that another poll of the same state is running gets no turn; after it ended it does', () => {
	const trigger = newTrigger();
	const first = takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0);
	expect(first).toBeDefined();
	expect(takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0 + 10)).toBeUndefined();
	// another trigger, or another lineage of this one (started afresh), is not held up
	expect(takePollTurn(newTrigger(), { lineage: 'a', handOuts: 3 }, T0 + 10)).toBeDefined();
	expect(takePollTurn(trigger, { lineage: 'b', handOuts: 0 }, T0 + 10)).toBeDefined();
	first?.end();
	expect(takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0 + 20)).toBeDefined();
});

test('after a hand-out, a copy of the state from before it gets no turn until the hand-out is committed or STALE_FOR_MS passed', () => {
	const trigger = newTrigger();
	const turn = takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0)!;
	expect(turn.stamp(false, true)).toEqual({ lineage: 'a', handOuts: 4 });
	turn.handsOut(T0 + 100);
	turn.end();
	expect(takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0 + 200)).toBeUndefined();
	expect(takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0 + 100 + STALE_FOR_MS - 1)).toBeUndefined();
	// n8n never committed the hand-out (its lease was lost): the old state is served again, later
	const late = takePollTurn(trigger, { lineage: 'a', handOuts: 3 }, T0 + 100 + STALE_FOR_MS);
	expect(late).toBeDefined();
	late?.end();
});

test('the committed state of a hand-out gets its turn at once', () => {
	const trigger = newTrigger();
	const turn = takePollTurn(trigger, { lineage: 'a', handOuts: 0 }, T0)!;
	turn.stamp(false, true);
	turn.handsOut(T0);
	turn.end();
	const next = takePollTurn(trigger, { lineage: 'a', handOuts: 1 }, T0 + 1);
	expect(next).toBeDefined();
	next?.end();
	// and the mark is gone: even the old copy is no longer refused once the newer state was seen
	expect(takePollTurn(trigger, { lineage: 'a', handOuts: 0 }, T0 + 2)).toBeDefined();
});

test('a poll that hands nothing out keeps the count; starting afresh or a state without a lineage gets a new one', () => {
	const trigger = newTrigger();
	const quiet = takePollTurn(trigger, { lineage: 'a', handOuts: 5 }, T0)!;
	expect(quiet.stamp(false, false)).toEqual({ lineage: 'a', handOuts: 5 });
	quiet.end();
	const afresh = takePollTurn(trigger, { lineage: 'a', handOuts: 5 }, T0)!;
	const stamped = afresh.stamp(true, false);
	expect(stamped.lineage).not.toBe('a');
	expect(stamped.handOuts).toBe(5);
	afresh.end();
	// a state stored by 0.4.0 (no guard fields) and the very first poll
	const upgraded = takePollTurn(trigger, {}, T0)!;
	expect(upgraded.stamp(false, false)).toEqual({ lineage: expect.stringMatching(/^[0-9a-f-]{36}$/), handOuts: 0 });
	upgraded.end();
	const first = takePollTurn(newTrigger(), undefined, T0)!;
	expect(first.stamp(true, false).handOuts).toBe(0);
	first.end();
});

test('a poll that never ended stops blocking after RUNNING_FOR_MS', () => {
	const trigger = newTrigger();
	expect(takePollTurn(trigger, { lineage: 'a' }, T0)).toBeDefined(); // never ended
	expect(takePollTurn(trigger, { lineage: 'a' }, T0 + RUNNING_FOR_MS - 1)).toBeUndefined();
	const next = takePollTurn(trigger, { lineage: 'a' }, T0 + RUNNING_FOR_MS);
	expect(next).toBeDefined();
	next?.end();
});
