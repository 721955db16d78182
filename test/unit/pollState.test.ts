import type { PollState } from '../../nodes/CrmLeadTrigger/pollState';
import { advance, chronological, EMPTY_STATE, SETTLE_SECONDS, settle, startingState, stateReader, upgradeState } from '../../nodes/CrmLeadTrigger/pollState';
import { stampReader, wireStamp } from '../../nodes/CrmLeadTrigger/serverTime';

const lead = (id: string, write_date: string) => ({ id, write_date });
const F = 'write_date';
const utc = stampReader('UTC');
const at = (text: string) => utc(text)!.earliest;
const state = (boundary: string, ids: string[], extra: Partial<PollState> = {}): PollState => ({
	...EMPTY_STATE,
	boundary,
	boundaryAt: at(boundary),
	idsAtBoundary: ids,
	...extra,
});
const reader = (s: PollState, readStamp = utc) => stateReader(s, F, readStamp);

test('before any poll everything is new', () => {
	expect(reader(EMPTY_STATE).isNew(lead('a', '2026-01-01 00:00:00'))).toBe(true);
});

test('newer is new; same second is new only for unseen ids; older ends the walk', () => {
	const r = reader(state('2026-01-01 10:00:00', ['a']));
	expect(r.isNew(lead('b', '2026-01-01 10:00:01'))).toBe(true);
	expect(r.isNew(lead('a', '2026-01-01 10:00:00'))).toBe(false);
	expect(r.isNew(lead('c', '2026-01-01 10:00:00'))).toBe(true);
	expect(r.endsWalk(lead('d', '2026-01-01 09:59:59'))).toBe(true);
	expect(r.endsWalk(lead('c', '2026-01-01 10:00:00'))).toBe(false);
});

test('a settled boundary second needs no ids: its rows are old and end the walk at once', () => {
	const open = state('2026-01-01 10:00:00', ['a', 'b']);
	expect(settle(open, at('2026-01-01 10:00:30'), utc)).toBe(open);
	const settled = settle(open, at('2026-01-01 10:00:00') + (SETTLE_SECONDS + 1) * 1000, utc);
	expect(settled).toMatchObject({ boundary: '2026-01-01 10:00:00', idsAtBoundary: [], settled: true });
	expect(reader(settled).isNew(lead('z', '2026-01-01 10:00:00'))).toBe(false);
	expect(reader(settled).endsWalk(lead('z', '2026-01-01 10:00:00'))).toBe(true);
	expect(reader(settled).isNew(lead('z', '2026-01-01 10:00:01'))).toBe(true);
});

test('advance moves the boundary to the newest second and remembers the ids seen there', () => {
	const s = state('2026-01-01 10:00:00', ['a']);
	expect(advance(s, [], F, utc)).toBe(s);
	expect(advance(s, [lead('c', '2026-01-01 10:00:00')], F, utc)).toMatchObject({ boundary: '2026-01-01 10:00:00', idsAtBoundary: ['a', 'c'] });
	expect(advance(s, [lead('x', '2026-01-01 10:00:05'), lead('y', '2026-01-01 10:00:05'), lead('z', '2026-01-01 10:00:01')], F, utc)).toMatchObject({
		boundary: '2026-01-01 10:00:05',
		boundaryAt: at('2026-01-01 10:00:05'),
		idsAtBoundary: ['x', 'y'],
		settled: false,
	});
});

describe('daylight-saving fall-back in the server zone (Europe/Berlin, 2026-10-25: 02:00–02:59 comes twice)', () => {
	const berlin = stampReader('Europe/Berlin');
	const cest0230 = lead('a', '2026-10-25 02:30:00'); // first pass (CEST) or second (CET)
	const after = advance(EMPTY_STATE, [cest0230], F, berlin);

	test('a 02:10 written after 02:30 (its text sorts before) is new and does not end the walk', () => {
		const r = reader(after, berlin);
		const cet0210 = lead('b', '2026-10-25 02:10:00');
		expect(r.endsWalk(cet0210)).toBe(false);
		expect(r.isNew(cet0210)).toBe(true);
		expect(r.isNew(cest0230)).toBe(false); // handed out already: remembered as id@text
		expect(r.endsWalk(lead('old', '2026-10-25 01:59:59'))).toBe(true);
	});

	test('repeated-hour entries are kept until both readings are behind the boundary, then dropped', () => {
		expect(after.repeatedHour).toEqual(['a@2026-10-25 02:30:00']);
		const later = advance(after, [lead('c', '2026-10-25 03:40:00')], F, berlin);
		expect(later.repeatedHour).toEqual([]);
		expect(settle(after, Date.UTC(2026, 9, 25, 5), berlin).settled).toBe(false); // a repeated second never settles
	});
});

test('activation starts from the newest row, or the second before the server clock when the list is empty', () => {
	expect(startingState('2026-01-01 10:00:00', undefined, utc, (ms) => wireStamp(ms, 'UTC'))).toMatchObject({ boundary: '2026-01-01 10:00:00', settled: false });
	expect(startingState(undefined, at('2026-01-01 10:00:00') + 500, utc, (ms) => wireStamp(ms, 'UTC'))).toMatchObject({
		boundary: '2026-01-01 09:59:59',
		settled: true,
	});
	expect(startingState(undefined, undefined, utc, (ms) => wireStamp(ms, 'UTC'))).toEqual(EMPTY_STATE);
});

test('a state stored by version 0.3 ({boundary, idsAtBoundary}) is read on', () => {
	expect(upgradeState({ boundary: '2026-01-01 10:00:00', idsAtBoundary: ['a'] }, utc)).toEqual(state('2026-01-01 10:00:00', ['a']));
});

test('chronological puts the oldest first', () => {
	const newestFirst = [lead('c', '2026-01-01 10:00:02'), lead('b', '2026-01-01 10:00:01'), lead('a', '2026-01-01 10:00:01')];
	expect(chronological(newestFirst, F, utc).map((l) => l.id)).toEqual(['a', 'b', 'c']);
});
