import type { PollState } from '../../nodes/CrmLeadTrigger/pollState';
import { activationState, afterPoll, chronological, EMPTY_STATE, SETTLE_SECONDS, stateReader, upgradeState } from '../../nodes/CrmLeadTrigger/pollState';
import { stampReader } from '../../nodes/CrmLeadTrigger/serverTime';

const lead = (id: string, write_date: string) => ({ id, write_date });
const F = 'write_date';
const utc = stampReader('UTC');
const at = (text: string) => utc(text)!.earliest;
const reader = (s: PollState, readStamp = utc) => stateReader(s, F, readStamp);
const poll = (s: PollState, outcome: Partial<Parameters<typeof afterPoll>[1]>, readStamp = utc) =>
	afterPoll(s, { handed: [], waiting: [], serverNow: undefined, newestRead: undefined, ...outcome }, F, readStamp);

test('before any poll everything is new and nothing ends the walk', () => {
	expect(reader(EMPTY_STATE).isNew(lead('a', '2026-01-01 00:00:00'))).toBe(true);
	expect(reader(EMPTY_STATE).endsWalk(lead('a', '2026-01-01 00:00:00'))).toBe(false);
});

test('closed rows end the walk; open ones are new unless handed out; a row without a timestamp is neither', () => {
	const s: PollState = { closedBefore: at('2026-01-01 10:00:00'), open: { '2026-01-01 10:00:00': ['a'] }, newestSeen: null };
	const r = reader(s);
	expect(r.endsWalk(lead('old', '2026-01-01 09:59:59'))).toBe(true);
	expect(r.isNew(lead('old', '2026-01-01 09:59:59'))).toBe(false);
	expect(r.isNew(lead('a', '2026-01-01 10:00:00'))).toBe(false);
	expect(r.isNew(lead('b', '2026-01-01 10:00:00'))).toBe(true);
	expect(r.endsWalk(lead('b', '2026-01-01 10:00:00'))).toBe(false);
	expect(r.isUndated(lead('x', 'not a time'))).toBe(true);
});

test(`a poll closes everything stamped more than ${SETTLE_SECONDS} s before the server's clock and keeps the rest of what it handed out`, () => {
	const after = poll(EMPTY_STATE, {
		handed: [lead('a', '2026-01-01 09:58:00'), lead('b', '2026-01-01 09:59:30'), lead('c', '2026-01-01 09:59:30')],
		serverNow: at('2026-01-01 10:00:00'),
	});
	expect(after.closedBefore).toBe(at('2026-01-01 09:59:00'));
	expect(after.open).toEqual({ '2026-01-01 09:59:30': ['b', 'c'] });
	// A change written late, stamped 40 s back, is still new for the next poll.
	expect(reader(after).isNew(lead('late', '2026-01-01 09:59:20'))).toBe(true);
	// Once the clock is a minute past, the open second is closed and forgotten: an idle poll stops at the first row.
	const later = poll(after, { serverNow: at('2026-01-01 10:00:31') });
	expect(later.open).toEqual({});
	expect(reader(later).endsWalk(lead('c', '2026-01-01 09:59:30'))).toBe(true);
});

test('changes left waiting (more than a poll hands out) hold the closed part back', () => {
	const after = poll(EMPTY_STATE, {
		handed: [lead('a', '2026-01-01 09:50:00')],
		waiting: [lead('b', '2026-01-01 09:55:00')],
		serverNow: at('2026-01-01 10:00:00'),
	});
	expect(after.closedBefore).toBe(at('2026-01-01 09:55:00'));
	expect(reader(after).isNew(lead('b', '2026-01-01 09:55:00'))).toBe(true);
	expect(reader(after).isNew(lead('a', '2026-01-01 09:50:00'))).toBe(false);
});

test('without a Date header the newest timestamp read stands in for the clock', () => {
	const after = poll(EMPTY_STATE, { handed: [lead('a', '2026-01-01 10:00:00')], newestRead: at('2026-01-01 10:00:00') });
	expect(after).toMatchObject({ closedBefore: at('2026-01-01 09:59:00'), newestSeen: at('2026-01-01 10:00:00') });
	// Nothing newer is read: the clock stays, the minute before the newest change stays open.
	expect(poll(after, {}).closedBefore).toBe(at('2026-01-01 09:59:00'));
});

describe('daylight-saving fall-back in the server zone (Europe/Berlin, 2026-10-25: 02:00–02:59 comes twice)', () => {
	const berlin = stampReader('Europe/Berlin');
	const cest0240 = Date.UTC(2026, 9, 25, 0, 40); // 02:40 CEST, the first pass

	test('a 02:10 written in the second pass after a poll at 02:40 CEST is new: its later reading is not closed', () => {
		const after = poll(EMPTY_STATE, { handed: [lead('a', '2026-10-25 02:30:00')], serverNow: cest0240 }, berlin);
		const r = reader(after, berlin);
		expect(r.endsWalk(lead('b', '2026-10-25 02:10:00'))).toBe(false);
		expect(r.isNew(lead('b', '2026-10-25 02:10:00'))).toBe(true);
		expect(r.isNew(lead('a', '2026-10-25 02:30:00'))).toBe(false); // handed out: open by text
		expect(r.endsWalk(lead('old', '2026-10-25 01:30:00'))).toBe(true);
	});

	test('found by the soak (seed 1244562772): leads of the second pass are forgotten once the clock passes the hour + 60 s', () => {
		// Two leads at 02:10 CET (01:10Z) handed out while the boundary was 02:39:59 CEST.
		const handed = poll({ closedBefore: cest0240 - 60_000, open: {}, newestSeen: null }, { handed: [lead('x', '2026-10-25 02:10:00'), lead('y', '2026-10-25 02:10:00')], serverNow: Date.UTC(2026, 9, 25, 1, 10, 1) }, berlin);
		expect(handed.open['2026-10-25 02:10:00']).toEqual(['x', 'y']);
		const settled = poll(handed, { serverNow: Date.UTC(2026, 9, 25, 1, 11, 2) }, berlin);
		expect(settled.open).toEqual({});
		expect(reader(settled, berlin).endsWalk(lead('x', '2026-10-25 02:10:00'))).toBe(true);
	});
});

test('activation closes everything older than a minute before the server clock (or the newest lead), or nothing without either', () => {
	expect(activationState('2026-01-01 09:00:00', at('2026-01-01 10:00:00'), utc)).toEqual({ closedBefore: at('2026-01-01 09:59:00'), open: {}, newestSeen: at('2026-01-01 09:00:00') });
	expect(activationState('2026-01-01 10:00:00', undefined, utc)).toMatchObject({ closedBefore: at('2026-01-01 09:59:00') });
	expect(activationState(undefined, undefined, utc)).toEqual(EMPTY_STATE);
});

describe('states stored by older versions are read on, nothing lost or repeated', () => {
	test('0.4, boundary second still open: its IDs stay open, older rows are closed', () => {
		const upgraded = upgradeState(
			{ boundary: '2026-01-01 10:00:00', boundaryAt: at('2026-01-01 10:00:00'), idsAtBoundary: ['a'], settled: false, repeatedHour: [] },
			utc,
		);
		expect(upgraded).toEqual({ closedBefore: at('2026-01-01 10:00:00'), open: { '2026-01-01 10:00:00': ['a'] }, newestSeen: at('2026-01-01 10:00:00') });
		expect(reader(upgraded).isNew(lead('b', '2026-01-01 10:00:00'))).toBe(true);
		expect(reader(upgraded).isNew(lead('a', '2026-01-01 10:00:00'))).toBe(false);
	});

	test('0.4, settled boundary: its whole second is closed', () => {
		const upgraded = upgradeState({ boundary: '2026-01-01 10:00:00', boundaryAt: at('2026-01-01 10:00:00'), idsAtBoundary: [], settled: true, repeatedHour: ['r@2026-01-01 10:30:00'] }, utc);
		expect(upgraded.closedBefore).toBe(at('2026-01-01 10:00:01'));
		expect(upgraded.open).toEqual({ '2026-01-01 10:30:00': ['r'] });
	});

	test('0.3 ({boundary, idsAtBoundary})', () => {
		expect(upgradeState({ boundary: '2026-01-01 10:00:00', idsAtBoundary: ['a'] }, utc)).toMatchObject({ closedBefore: at('2026-01-01 10:00:00'), open: { '2026-01-01 10:00:00': ['a'] } });
	});
});

test('chronological puts the oldest first', () => {
	const newestFirst = [lead('c', '2026-01-01 10:00:02'), lead('b', '2026-01-01 10:00:01'), lead('a', '2026-01-01 10:00:01')];
	expect(chronological(newestFirst, F, utc).map((l) => l.id)).toEqual(['a', 'b', 'c']);
});
