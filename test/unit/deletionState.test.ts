/** Lead Deleted's state: the packed ID sets and how a check window is merged into what is known. */
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { windowAt } from '../../nodes/CrmLeadTrigger/ascendingWalk';
import { EMPTY_DELETION_STATE, mergeWindow, packState, unpackState } from '../../nodes/CrmLeadTrigger/deletions/deletionState';
import { packIds, unpackIds } from '../../nodes/CrmLeadTrigger/deletions/idSetCodec';

describe('packed ID sets', () => {
	test('any set of IDs comes back sorted and whole (fixed and mixed lengths, any characters)', () => {
		const id = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.stringMatching(/^[0-9a-f]{8}$/), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }));
		fc.assert(
			fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
				expect(unpackIds(packIds(ids))).toEqual([...new Set(ids)].sort());
			}),
			{ seed: 20261205, numRuns: 300 },
		);
	});

	test('UUIDs take under half of their JSON list; counted IDs a tenth of that', () => {
		const uuids = Array.from({ length: 20_000 }, () => randomUUID());
		const packed = packIds(uuids);
		expect(unpackIds(packed)).toEqual([...uuids].sort());
		expect(packed.length).toBeLessThan(JSON.stringify(uuids).length / 2);
		const counted = Array.from({ length: 20_000 }, (_, i) => `L${String(i + 1).padStart(6, '0')}`);
		expect(packIds(counted).length).toBeLessThan(packed.length / 10);
	});

	test('the empty set is one character; a foreign text is refused, not misread', () => {
		expect(packIds([])).toBe('a');
		expect(unpackIds('a')).toEqual([]);
		expect(() => unpackIds('["x"]')).toThrow(/unknown format/);
	});
});

describe('merging a check window into what is known', () => {
	const known = (...ids: string[]) => ({ ...EMPTY_DELETION_STATE, known: ids });

	test('known IDs missing from the stretch a window covers go missing; new ones are learnt; the rest is untouched', () => {
		const state = mergeWindow(known('a', 'b', 'c', 'd', 'f'), null, ['a', 'c', 'cc', 'd'], false);
		expect(state.known).toEqual(['a', 'c', 'cc', 'd', 'f']);
		expect(state.missing).toEqual(['b']);
		const next = mergeWindow(state, 'd', ['g'], true); // the list ends after g: f is missing too
		expect(next.known).toEqual(['a', 'c', 'cc', 'd', 'g']);
		expect(next.missing).toEqual(['b', 'f']);
	});

	test('an empty list at the end: everything after the place goes missing', () => {
		expect(mergeWindow(known('a', 'b'), 'a', [], true)).toMatchObject({ known: ['a'], missing: ['b'] });
	});

	test('the state survives packing', () => {
		const state = { known: ['x1', 'x2'], missing: ['m'], check: { after: 'x1', position: 1 }, checkedAt: 5 };
		expect(unpackState(packState(state))).toEqual(state);
	});
});

test('windowAt reads the anchor (the row before the place) and the place itself, as far on as one page can', () => {
	fc.assert(
		fc.property(fc.nat(5_000), fc.integer({ min: 1, max: 1000 }), (guess, maxSize) => {
			const { page, size } = windowAt(guess, maxSize);
			const start = page * size;
			expect(start).toBeLessThanOrEqual(Math.max(0, guess - 1));
			expect(start + size).toBeGreaterThan(guess);
			if (guess > 0) expect(size).toBeGreaterThanOrEqual(2);
		}),
		{ seed: 20261205, numRuns: 500 },
	);
	expect(windowAt(0, 100)).toEqual({ page: 0, size: 100 });
	expect(windowAt(99_950, 1000)).toMatchObject({ size: expect.any(Number) });
});
