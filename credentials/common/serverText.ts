/**
 * The server's own words out of an error answer, made safe to show: one line, no control
 * characters, bounded in length (a server may send a 100 KB message or a whole HTML page).
 */

import { redactAll } from './redact';

/** Longest server text kept in an error's description. */
export const MAX_SERVER_TEXT = 1000;

const I18N_KEY = /^error\.\S+$/;
// Every C0/C1 control character (Unicode category Cc) but the tab; line breaks have become "; "
// before this applies.
const CONTROL_CHARACTERS = /(?!\t)\p{Cc}/gu;

/**
 * A run of white space that holds a line break becomes "; ". Matched as whole runs (`\s+`) and
 * then tested: the pattern `\s*(\r\n|\r|\n)+\s*` would backtrack over every space of a run
 * without a line break at every position in it, quadratic in its length — a server's message of
 * 64 KB of spaces cost 8 s, one of a few megabytes hours.
 */
const foldLineBreaks = (text: string): string => text.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? '; ' : run));

/** One line, no control characters, at most `max` characters (the rest counted, not shown). */
export function boundedText(text: string, max = MAX_SERVER_TEXT): string {
	const oneLine = foldLineBreaks(text)
		.replace(CONTROL_CHARACTERS, ' ')
		.replace(/ {2,}/g, ' ')
		.trim();
	if (oneLine.length <= max) return oneLine;
	return `${cutText(oneLine, max)}… (${oneLine.length - max} more characters)`;
}

/** The text cut to at most `max` characters, never inside a character (a surrogate pair stays whole). */
export function cutText(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max);
	return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Characters scrubbed ahead of a cut: far more than any excerpt shows, so a secret is never cut before it is scrubbed. */
const SCRUB_WINDOW = 64 * 1024;

/**
 * The start of a server's answer for an error message: scrubbed of the secrets FIRST (so a secret
 * across the cut or with runs of spaces is still seen whole), then one line, then cut.
 */
export function serverExcerpt(text: string, max: number, secrets: readonly string[]): string {
	return boundedText(redactAll(text.slice(0, SCRUB_WINDOW), secrets), max);
}

function decodeHeaderText(value: string | undefined): string | undefined {
	if (!value || !value.trim()) return undefined;
	try {
		return decodeURIComponent(value.replace(/\+/g, ' ')).trim() || undefined;
	} catch {
		return value.trim();
	}
}

/** An answer that is an HTML page (a gateway's or Spring's "Whitelabel Error Page"). */
export function isHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*</.test(body);
}

/**
 * The server's own words: problem-details `detail`, then `message` (also the cloud runtime's
 * `{type, code, message}`), then `title`; a plain-text body as it is; with an empty body, the
 * URL-encoded `X-ibz-error` (classic) or `x-message` (cloud) header. Always bounded.
 */
export function serverMessage(body: unknown, headers: Record<string, string> = {}): string | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const problem = body as Record<string, unknown>;
		for (const key of ['detail', 'message', 'title', 'error']) {
			const value = problem[key];
			// The classic generation puts i18n keys such as "error.alice" into `message`; its words are in `title`.
			if (typeof value === 'string' && value.trim() && !I18N_KEY.test(value.trim())) return boundedText(value);
		}
	}
	if (typeof body === 'string' && body.trim() && !isHtml(body)) return boundedText(body, 300);
	const fromHeader = decodeHeaderText(headers['x-ibz-error']) ?? decodeHeaderText(headers['x-message']);
	return fromHeader === undefined ? undefined : boundedText(fromHeader);
}
