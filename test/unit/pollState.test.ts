import { advance, chronological, isNewSince, isOlderThanBoundary } from '../../nodes/CrmLeadTrigger/pollState';

const lead = (id: string, write_date: string) => ({ id, write_date });
const F = 'write_date';

test('before any poll everything is new', () => {
	expect(isNewSince({ boundary: null, idsAtBoundary: [] }, lead('a', '2026-01-01 00:00:00'), F)).toBe(true);
});

test('newer is new; same second is new only for unseen ids; older stops the walk', () => {
	const state = { boundary: '2026-01-01 10:00:00', idsAtBoundary: ['a'] };
	expect(isNewSince(state, lead('b', '2026-01-01 10:00:01'), F)).toBe(true);
	expect(isNewSince(state, lead('a', '2026-01-01 10:00:00'), F)).toBe(false);
	expect(isNewSince(state, lead('c', '2026-01-01 10:00:00'), F)).toBe(true);
	expect(isOlderThanBoundary(state, lead('d', '2026-01-01 09:59:59'), F)).toBe(true);
	expect(isOlderThanBoundary(state, lead('c', '2026-01-01 10:00:00'), F)).toBe(false);
});

test('advance moves the boundary to the newest second and remembers the ids seen there', () => {
	const state = { boundary: '2026-01-01 10:00:00', idsAtBoundary: ['a'] };
	expect(advance(state, [], F)).toBe(state);
	expect(advance(state, [lead('c', '2026-01-01 10:00:00')], F)).toEqual({
		boundary: '2026-01-01 10:00:00',
		idsAtBoundary: ['a', 'c'],
	});
	expect(advance(state, [lead('x', '2026-01-01 10:00:05'), lead('y', '2026-01-01 10:00:05'), lead('z', '2026-01-01 10:00:01')], F)).toEqual({
		boundary: '2026-01-01 10:00:05',
		idsAtBoundary: ['x', 'y'],
	});
});

test('chronological puts the oldest first', () => {
	const newestFirst = [lead('c', '2026-01-01 10:00:02'), lead('b', '2026-01-01 10:00:01'), lead('a', '2026-01-01 10:00:01')];
	expect(chronological(newestFirst, F).map((l) => l.id)).toEqual(['a', 'b', 'c']);
});
