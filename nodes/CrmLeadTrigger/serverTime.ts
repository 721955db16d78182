import { DateTime } from 'luxon';

/**
 * The instants a server timestamp can mean. Servers write `yyyy-MM-dd HH:mm:ss` in their own
 * zone (the credential's Server Time Zone), so the text is wall-clock time: in the hour a
 * daylight-saving fall-back repeats, one text names two instants an hour apart, and its text
 * order is not time order. Comparing instants (and keeping both readings of a repeated hour)
 * is what lets the trigger tell old from new across a DST change.
 */
export interface StampInstants {
	/** Epoch ms of the earlier reading. */
	earliest: number;
	/** Epoch ms of the later reading (= earliest outside a repeated hour). */
	latest: number;
}

const WIRE_STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const HOUR_MS = 3_600_000;

function offsetMinutesAt(epochMs: number, zone: string): number {
	return DateTime.fromMillis(epochMs, { zone }).offset;
}

/** Both readings of a wire timestamp in `zone`; undefined for text that is no timestamp. */
export function stampInstants(text: string, zone: string): StampInstants | undefined {
	const match = WIRE_STAMP.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	if (Number.isNaN(wallAsUtc)) return undefined;
	// Any offset the zone uses around this wall time; a reading is real when the zone has that offset then.
	const offsets = new Set([-24, -3, 0, 3, 24].map((hours) => offsetMinutesAt(wallAsUtc + hours * HOUR_MS, zone)));
	const readings = [...offsets]
		.map((offset) => wallAsUtc - offset * 60_000)
		.filter((instant) => offsetMinutesAt(instant, zone) * 60_000 === wallAsUtc - instant)
		.sort((a, b) => a - b);
	if (readings.length === 0) {
		// A wall time skipped by a spring-forward: servers store what luxon makes of it (moved forward).
		const moved = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
		if (!moved.isValid) return undefined;
		return { earliest: moved.toMillis(), latest: moved.toMillis() };
	}
	return { earliest: readings[0], latest: readings[readings.length - 1] };
}

/** A cache of stampInstants for one poll: the leads of a busy second share their text. */
export function stampReader(zone: string): (text: string) => StampInstants | undefined {
	const cache = new Map<string, StampInstants | undefined>();
	return (text) => {
		if (!cache.has(text)) cache.set(text, stampInstants(text, zone));
		return cache.get(text);
	};
}

/** The server's clock from an HTTP `Date` header (epoch ms), when it sent a valid one. */
export function serverClock(headers: Record<string, string>): number | undefined {
	const raw = headers.date;
	if (!raw) return undefined;
	const parsed = DateTime.fromHTTP(raw);
	return parsed.isValid ? parsed.toMillis() : undefined;
}

/** The wire text of an instant in `zone` (the trigger's starting point when the list is empty). */
export function wireStamp(epochMs: number, zone: string): string {
	return DateTime.fromMillis(epochMs, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/**
 * The first wall-clock text from which a list sorted by text holds every row stamped at or after
 * the instant `at`: the text of `at` itself — unless a daylight-saving fall-back follows within a
 * few hours, whose second pass writes texts that sort before it (02:10 CET after 02:40 CEST): then
 * that much earlier.
 */
export function firstTextFrom(at: number, zone: string): string {
	const drop = offsetMinutesAt(at, zone) - offsetMinutesAt(at + 3 * HOUR_MS, zone);
	return wireStamp(at - Math.max(0, drop) * 60_000, zone);
}
