import { IANAZone } from 'luxon';

/**
 * The credential's Server Time Zone, read the way n8n users write zones: an IANA name
 * (`Asia/Shanghai`, `Etc/GMT-8`), `UTC`/`GMT`, or an offset (`GMT+8`, `UTC+8`, `UTC+08:00`,
 * `+08:00`, `+0800`). Offsets become Luxon's fixed-offset names (`UTC+8:00`), which Luxon's
 * setZone takes; `GMT+8` is the wording iBiz documents, and neither Luxon nor Intl read it.
 */

export const DEFAULT_SERVER_TIME_ZONE = 'Asia/Shanghai';

export const ACCEPTED_ZONE_FORMS =
	'an IANA name such as Asia/Shanghai or Europe/Berlin, UTC, or an offset such as GMT+8, UTC+8, UTC+08:00 or +08:00';

const OFFSET = /^(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * Readings already made: checking an IANA name builds an Intl.DateTimeFormat (about 0.1 ms), and
 * the credential's authenticate() asks on every request. A workflow uses a handful of zones.
 */
const readings = new Map<string, string | undefined>();
const MAX_READINGS = 64;

/** A zone Luxon takes, or undefined when the text is none of the accepted forms. Empty → the default. */
export function luxonZone(text: unknown): string | undefined {
	const raw = String(text ?? '').trim();
	if (readings.has(raw)) return readings.get(raw);
	const zone = readZone(raw);
	if (readings.size >= MAX_READINGS) readings.clear();
	readings.set(raw, zone);
	return zone;
}

function readZone(raw: string): string | undefined {
	if (raw === '') return DEFAULT_SERVER_TIME_ZONE;
	if (/^(?:UTC|GMT|Z)$/i.test(raw)) return 'UTC';
	const offset = OFFSET.exec(raw);
	if (offset) {
		const [, sign, hours, minutes = '00'] = offset;
		if (Number(hours) > 14 || Number(minutes) > 59) return undefined;
		return `UTC${sign}${Number(hours)}:${minutes}`;
	}
	return IANAZone.isValidZone(raw) ? raw : undefined;
}

/** Why a Server Time Zone cannot be used, in words; undefined when it can. */
export function zoneProblem(text: unknown): string | undefined {
	return luxonZone(text) === undefined
		? `Server Time Zone "${String(text).slice(0, 60)}" is not a time zone: use ${ACCEPTED_ZONE_FORMS}`
		: undefined;
}
