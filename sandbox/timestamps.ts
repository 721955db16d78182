/** The wire's Timestamp format, `yyyy-MM-dd HH:mm:ss`, in the server's time zone. */

export const TIMESTAMP_FORMAT = 'yyyy-MM-dd HH:mm:ss';

const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Throws a RangeError for an unknown IANA zone, so a bad option fails at start-up. */
export function assertTimeZone(timeZone: string): void {
	formatterFor(timeZone);
}

/** Wall-clock time of `date` in `timeZone`, as the wire spells it. */
export function formatTimestamp(date: Date, timeZone: string): string {
	if (timeZone === 'UTC') return formatUtcWallClock(date);
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Wall-clock fields of a Date read in UTC (how exceljs hands out spreadsheet dates). */
export function formatUtcWallClock(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** True when `text` is exactly `yyyy-MM-dd HH:mm:ss` and names a real calendar instant. */
export function isWireTimestamp(text: string): boolean {
	const match = TIMESTAMP_PATTERN.exec(text);
	if (!match) return false;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day <= daysInMonth;
}
