import { serverClock, stampInstants, wireStamp } from '../../nodes/CrmLeadTrigger/serverTime';

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
