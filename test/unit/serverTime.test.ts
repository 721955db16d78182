import { firstTextFrom, serverClock, stampInstants, wireStamp } from '../../nodes/CrmLeadTrigger/serverTime';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

test('a fall-back hour gives two readings an hour apart; other times one', () => {
	const repeated = stampInstants('2026-10-25 02:10:00', 'Europe/Berlin')!;
	expect([iso(repeated.earliest), iso(repeated.latest)]).toEqual(['2026-10-25T00:10:00.000Z', '2026-10-25T01:10:00.000Z']);
	const plain = stampInstants('2026-10-25 03:00:00', 'Europe/Berlin')!;
	expect(plain.earliest).toBe(plain.latest);
	expect(iso(stampInstants('2026-06-01 08:00:00', 'Asia/Shanghai')!.earliest)).toBe('2026-06-01T00:00:00.000Z');
});

test('a wall time skipped by a spring-forward reads as the moment after the gap', () => {
	const skipped = stampInstants('2026-03-29 02:30:00', 'Europe/Berlin')!;
	expect([iso(skipped.earliest), skipped.earliest === skipped.latest]).toEqual(['2026-03-29T01:30:00.000Z', true]);
});

test('text that is no wire timestamp, an HTTP Date header, zones, and the way back to wire text', () => {
	expect(stampInstants('2026-06-01T08:00:00', 'UTC')).toBeUndefined();
	expect(stampInstants('', 'UTC')).toBeUndefined();
	expect(iso(serverClock({ date: 'Sun, 01 Mar 2026 10:00:00 GMT' }))).toBe('2026-03-01T10:00:00.000Z');
	expect(serverClock({})).toBeUndefined();
	expect(serverClock({ date: 'yesterday' })).toBeUndefined();
	expect(wireStamp(Date.UTC(2026, 5, 1), 'Asia/Shanghai')).toBe('2026-06-01 08:00:00');
});

test('where rows from an instant on begin in a list sorted by text: its own text, or earlier just before a fall-back', () => {
	expect(firstTextFrom(Date.UTC(2026, 5, 1, 8), 'Europe/Berlin')).toBe('2026-06-01 10:00:00');
	// 02:40 CEST: the second pass of the hour writes 02:00–02:59 CET again, texts before 02:40.
	expect(firstTextFrom(Date.UTC(2026, 9, 25, 0, 40), 'Europe/Berlin')).toBe('2026-10-25 01:40:00');
	// Lord Howe falls back half an hour.
	expect(firstTextFrom(Date.UTC(2026, 3, 4, 14, 40), 'Australia/Lord_Howe')).toBe('2026-04-05 01:10:00');
	expect(firstTextFrom(Date.UTC(2026, 5, 1), 'UTC')).toBe('2026-06-01 00:00:00');
});
