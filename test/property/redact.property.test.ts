/**
 * Scrubbing at random (issue 32, item 6). The model is the README's promise, not the code:
 *  - a secret (any characters: quotes, backslashes, runs of spaces, control characters, any
 *    script, emoji) echoed inside any text, as it is, JSON-escaped, URL-encoded (either hex case,
 *    + for spaces), as HTML character references, JSON-escaped and then URL-encoded, as HTML or
 *    JSON-escaped again, or in base64 / base64url inside a longer blob (secrets of 6 characters or
 *    more), does not survive in that form, and nothing in the scrubbed text decodes back to it;
 *  - a secret shorter than 4 characters is scrubbed where it stands alone (next to no letter or digit).
 * Pure: redactAll on generated texts, no server.
 */
import fc from 'fast-check';

import { redactAll } from '../../credentials/common/redact';
import { propertyTest } from './settings';

// From the README ("Errors and Continue On Fail"): base64 forms for secrets of 6 characters or more;
// secrets under 4 characters only where they stand alone.
const BASE64_FROM = 6;
const SHORT_BELOW = 4;

const json = (text: string) => JSON.stringify(text).slice(1, -1);
const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
const url = (text: string) => encodeURIComponent(text);

/** The textual encodings a server echoes a secret in. */
const TEXT_ENCODINGS: Record<string, (secret: string) => string> = {
	raw: (s) => s,
	json,
	url,
	urlLowerHex: (s) => url(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
	form: (s) => new URLSearchParams({ v: s }).toString().slice(2),
	html,
	htmlNamed: (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
	jsonThenUrl: (s) => url(json(s)),
	jsonThenHtml: (s) => html(json(s)),
	jsonTwice: (s) => json(json(s)),
};

/** Whether a base64 run of the text, read from any of its four character offsets, decodes to bytes holding the secret. */
function decodesTo(text: string, secret: Buffer): boolean {
	for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{4,}/g)) {
		for (let offset = 0; offset < 4; offset++) if (Buffer.from(run.slice(offset), 'base64').includes(secret)) return true;
	}
	return false;
}

// Any code point (surrogate pairs whole); weighted towards what breaks naive scrubbing.
const tricky = fc.constantFrom('"', '\\', ' ', '  ', '\n', '\t', '&', '%', '+', '<', '\u0000', 'é', '线', '🚀', '*', '#', '~');
const secretChar = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), tricky, fc.constantFrom(...'abcXYZ019-._'));
const secretArb = (minLength: number, maxLength: number) =>
	fc.array(secretChar, { minLength, maxLength }).map((parts) => parts.join('')).filter((s) => [...s].length >= minLength && [...s].length <= maxLength && s.trim() !== '');
const textArb = fc.string({ unit: 'binary', maxLength: 40 });

propertyTest(
	'a secret embedded in any text, in any textual encoding, does not survive',
	'redact: textual encodings',
	fc.record({ secret: secretArb(SHORT_BELOW, 24), encoding: fc.constantFrom(...Object.keys(TEXT_ENCODINGS)), before: textArb, after: textArb }),
	async ({ secret, encoding, before, after }) => {
		const echoed = TEXT_ENCODINGS[encoding](secret);
		const scrubbed = redactAll(`${before}${echoed}${after}`, [secret]);
		expect(scrubbed.includes(echoed)).toBe(false);
		expect(scrubbed.includes(secret)).toBe(false);
	},
	{ quick: 400, soak: 20_000 },
);

propertyTest(
	'a secret (or its JSON-escaped text) inside a base64 or base64url blob at any offset does not decode back out of the scrubbed text',
	'redact: base64',
	fc.record({
		secret: secretArb(BASE64_FROM, 24),
		escaped: fc.boolean(),
		urlSafe: fc.boolean(),
		blobBefore: fc.uint8Array({ maxLength: 12 }),
		blobAfter: fc.uint8Array({ maxLength: 12 }),
		before: textArb,
		after: textArb,
	}),
	async ({ secret, escaped, urlSafe, blobBefore, blobAfter, before, after }) => {
		const inner = Buffer.from(escaped ? json(secret) : secret, 'utf8');
		let blob = Buffer.concat([Buffer.from(blobBefore), inner, Buffer.from(blobAfter)]).toString('base64');
		if (urlSafe) blob = blob.replace(/\+/g, '-').replace(/\//g, '_');
		const scrubbed = redactAll(`${before} ${blob} ${after}`, [secret]);
		expect(decodesTo(scrubbed, inner)).toBe(false);
		expect(decodesTo(scrubbed, Buffer.from(secret, 'utf8'))).toBe(false);
	},
	{ quick: 300, soak: 20_000 },
);

const separator = fc.constantFrom(' ', '"', '=', '&', ',', '(', ')', ':', '\n');

propertyTest(
	'a secret of 1 to 3 characters standing alone is scrubbed in any textual encoding',
	'redact: short secrets',
	fc.record({ secret: secretArb(1, SHORT_BELOW - 1), encoding: fc.constantFrom(...Object.keys(TEXT_ENCODINGS)), open: separator, close: separator, before: textArb, after: textArb }),
	async ({ secret, encoding, open, close, before, after }) => {
		const echoed = `${open}${TEXT_ENCODINGS[encoding](secret)}${close}`;
		const scrubbed = redactAll(`${before}${echoed}${after}`, [secret]);
		expect(scrubbed.includes(echoed)).toBe(false);
	},
	{ quick: 300, soak: 20_000 },
);
