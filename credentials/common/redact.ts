/**
 * Scrubbing secrets out of texts a user will see: a server (or a gateway in front of it) may echo
 * the token, the tenant headers or the login body back in an error page or an error JSON, and a
 * login failure must not repeat the password.
 *
 * A secret is found in every form a server could echo it in:
 *  - as it is;
 *  - JSON-escaped (`\"`, `\\`, `\/`, `\n`…, `\u00e9`, surrogate pairs): the login body is JSON, and
 *    a page that echoes the request shows it escaped;
 *  - URL-encoded (`%XX` in either case, `+` for a space): form bodies, query strings and the
 *    `X-ibz-error` / `x-message` headers are URL-encoded;
 *  - as HTML character references (`&amp;`, `&#34;`, `&#x22;`): gateway error pages escape what they echo;
 *  - any mix of the above, character by character (ASCII letters, digits and `-._`, which no
 *    encoder changes, only as themselves), also applied to the JSON-escaped text (a JSON
 *    login body echoed URL-encoded, as HTML or escaped twice);
 *  - base64 (standard and URL-safe alphabets, at any of the three byte alignments inside a longer
 *    blob; of the secret and of its JSON-escaped text), for secrets of at least BASE64_MIN_BYTES
 *    bytes: an echo of a whole header or body as base64 holds the secret at an unknown offset.
 *
 * Very short secrets (under SHORT_SECRET characters) are scrubbed only where they stand alone (not
 * touching a letter or digit): removing every "a" of a one-letter password from every message
 * would leave nothing readable, while an echoed value stands between quotes, `=`, `&` or spaces.
 */

/** Secrets shorter than this (in characters) are only scrubbed where they stand alone. */
export const SHORT_SECRET = 4;

/** Base64 forms are only looked for from this many bytes: a shorter secret's base64 core is too short to tell apart. */
export const BASE64_MIN_BYTES = 6;

const hexDigit = (digit: string) => (/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit);
/** A hex number in either case, with at least `width` digits (leading zeros allowed). */
const hexPattern = (value: number, width: number) => [...value.toString(16).padStart(width, '0')].map(hexDigit).join('');
/** A code point as a literal in a `u` regex. */
const literal = (codePoint: number) => `\\u{${codePoint.toString(16)}}`;

const JSON_SHORT_ESCAPES: Record<string, string> = { '"': '\\\\"', '\\': '\\\\\\\\', '/': '\\\\/', '\b': '\\\\b', '\f': '\\\\f', '\n': '\\\\n', '\r': '\\\\r', '\t': '\\\\t' };
const HTML_NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Characters every encoder here leaves as they are (JSON, encodeURIComponent, Java's URLEncoder, HTML escapers): matched as themselves. */
const PLAIN = /^[A-Za-z0-9._-]$/;

/** Every way one character of a secret can be written in an echo, as regex alternatives. */
function characterForms(character: string): string {
	if (PLAIN.test(character)) return character === '.' ? '\\.' : character;
	const codePoint = character.codePointAt(0) ?? 0;
	const forms = [literal(codePoint)];
	// JSON: short escapes, \uXXXX (a surrogate pair above the BMP).
	if (JSON_SHORT_ESCAPES[character]) forms.push(JSON_SHORT_ESCAPES[character]);
	if (codePoint > 0xffff) {
		const high = 0xd800 + ((codePoint - 0x10000) >> 10);
		const low = 0xdc00 + ((codePoint - 0x10000) & 0x3ff);
		forms.push(`\\\\u${hexPattern(high, 4)}\\\\u${hexPattern(low, 4)}`);
	} else {
		forms.push(`\\\\u${hexPattern(codePoint, 4)}`);
	}
	// URL: each UTF-8 byte as %XX; a space may be +.
	forms.push([...Buffer.from(character, 'utf8')].map((byte) => `%${hexPattern(byte, 2)}`).join(''));
	if (character === ' ') forms.push('\\+');
	// HTML: named, decimal and hexadecimal character references.
	if (HTML_NAMED[character]) forms.push(HTML_NAMED[character]);
	forms.push(`&#0*${codePoint};`, `&#[xX]0*${[...codePoint.toString(16)].map(hexDigit).join('')};`);
	return `(?:${forms.join('|')})`;
}

/** The characters of the base64 alphabets, either alphabet accepted where they differ. */
const base64Character = (character: string) => (character === '+' ? '[+\\-]' : character === '/' ? '[/_]' : character);

/**
 * The base64 characters that carry only the secret's bits, at each of the three byte offsets the
 * secret can have inside a longer blob (the characters at its edges mix in neighbouring bytes).
 */
function base64Cores(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	if (bytes.length < BASE64_MIN_BYTES) return [];
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const start = Math.ceil((8 * offset) / 6);
		const end = Math.floor((8 * (offset + bytes.length)) / 6);
		cores.push([...encoded.slice(start, end)].map(base64Character).join(''));
	}
	return cores;
}

/** What a secret is replaced by: a mark none of whose characters is in the secret, so no new match can form around it. */
const MARKS = ['***', '###', '~~~', '•••', '___', '[hidden]'];
function markFor(secret: string): string {
	return MARKS.find((mark) => ![...mark].some((c) => secret.includes(c))) ?? MARKS[MARKS.length - 1];
}

interface Scrubber {
	pattern: RegExp;
	mark: string;
}

// A few secrets per credential, built once: a token of 1,000 characters makes a pattern of ~60 KB.
const scrubbers = new Map<string, Scrubber>();
const MAX_CACHED = 64;

/** The secret's text, each character in any of its forms; a short one only where it stands alone. */
function textPattern(form: string, short: boolean): string {
	const text = [...form].map(characterForms).join('');
	return short ? `(?<![\\p{L}\\p{N}])${text}(?![\\p{L}\\p{N}])` : text;
}

function scrubberFor(secret: string): Scrubber {
	let scrubber = scrubbers.get(secret);
	if (scrubber) return scrubber;
	const short = [...secret].length < SHORT_SECRET;
	// The secret and, when it differs, its JSON-escaped text: a JSON body (the login's) echoed
	// URL-encoded, as HTML, in base64 or JSON-escaped once more carries the escaped text.
	const escaped = JSON.stringify(secret).slice(1, -1);
	const forms = escaped === secret ? [secret] : [escaped, secret];
	const alternatives = forms.flatMap((form) => [textPattern(form, short), ...base64Cores(form)]);
	scrubber = { pattern: new RegExp(alternatives.join('|'), 'gu'), mark: markFor(secret) };
	if (scrubbers.size >= MAX_CACHED) scrubbers.delete(scrubbers.keys().next().value as string);
	scrubbers.set(secret, scrubber);
	return scrubber;
}

/** Removes the secret from any text, in every form a server could echo it in. */
export function redact(text: string, secret: string | undefined): string {
	if (!secret || !text) return text;
	const { pattern, mark } = scrubberFor(secret);
	pattern.lastIndex = 0;
	return text.replace(pattern, mark);
}

/** Longest secrets first: a password inside a token must not cut the token's match short. */
function bySize(secrets: readonly string[]): string[] {
	return [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

export function redactAll(text: string, secrets: readonly string[]): string {
	return bySize(secrets).reduce((scrubbed, secret) => redact(scrubbed, secret), text);
}

/** Bounds for a scrubbed copy of a server's answer: it is only read for an error, never shown whole. */
const COPY_LIMITS = {
	/** Deeper levels are dropped (a body 50,000 levels deep must not overflow the stack). */
	depth: 32,
	/** Entries kept per object or array. */
	entries: 5000,
	/** Characters kept per string: every text shown is cut far below this, after scrubbing. */
	characters: 64 * 1024,
	/** Values visited in all. */
	values: 100_000,
};

const DROPPED = '…';

/**
 * A copy of a decoded answer (or any JSON-like value) with every string and every key scrubbed,
 * bounded in depth, size and length. Keys stay own properties (`__proto__` included), so the copy
 * can never change a prototype.
 */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
	const sorted = bySize(secrets);
	let budget = COPY_LIMITS.values;
	const scrub = (text: string) => sorted.reduce((scrubbed, secret) => redact(scrubbed, secret), text.slice(0, COPY_LIMITS.characters));
	const copy = (current: unknown, depth: number): unknown => {
		if (--budget < 0) return DROPPED;
		if (typeof current === 'string') return scrub(current);
		if (current === null || typeof current !== 'object') return current;
		if (depth >= COPY_LIMITS.depth) return DROPPED;
		if (Array.isArray(current)) return current.slice(0, COPY_LIMITS.entries).map((entry) => copy(entry, depth + 1));
		const entries = Object.entries(current as Record<string, unknown>).slice(0, COPY_LIMITS.entries);
		// fromEntries defines own properties: a key "__proto__" stays a key.
		return Object.fromEntries(entries.map(([key, entry]) => [scrub(key), copy(entry, depth + 1)]));
	};
	return copy(value, 0);
}
