/**
 * Download names at random (issue 32, item 7). The model is the README's promise ("Import /
 * Export"), not the code: whatever Content-Disposition a server sends (filename, filename*, both,
 * quoted or not, any bytes), the name the node uses is one name — no `/` or `\`, no control
 * character, no leading dot, not empty — of at most 200 bytes of UTF-8 that is still valid text
 * (no character cut in half), and it keeps the extension (1 to 16 letters or digits after the last
 * dot) of a name that has a usable stem. Pure: the header reader and the name cleaner, no server.
 */
import fc from 'fast-check';

import { fileNameFromDisposition } from '../../nodes/CrmLead/actions/common/contentDisposition';
import { safeFileName } from '../../nodes/CrmLead/actions/common/fileName';
import { propertyTest } from './settings';

// From the README: at most 200 bytes; the extension is up to 16 letters or digits.
const MAX_BYTES = 200;

/** The README's safe name; undefined is allowed only when the header named nothing usable. */
function expectSafe(name: string): void {
	expect(name).not.toMatch(/[/\\]/);
	expect(name).not.toMatch(/\p{Cc}/u);
	expect(name.startsWith('.')).toBe(false);
	expect(name.length).toBeGreaterThan(0);
	expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(MAX_BYTES);
	// Valid text: a lone surrogate (half a character) would not survive a UTF-8 round trip.
	expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
}

const quoted = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
/** How a server writes a name: RFC 8187 filename*, a quoted filename (raw UTF-8 bytes read as Latin-1), or both. */
type Form = 'extended' | 'quoted' | 'both';

function header(name: string, form: Form, junk: string): string {
	const extended = `filename*=UTF-8''${encodeURIComponent(name)}`;
	const plain = `filename=${quoted(Buffer.from(name, 'utf8').toString('latin1'))}`;
	const parameters = form === 'extended' ? [extended] : form === 'quoted' ? [plain] : [plain, extended];
	return ['attachment', junk, ...parameters].filter(Boolean).join('; ');
}

const hostilePart = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 12 }),
	fc.constantFrom('..', '../', '..\\', '/', '\\', '/etc/', 'C:\\', '.', ' ', '\r\n', '\u0000', '\u202e', ':', '*', '?', '"', '名', '🚀', 'con', 'a'.repeat(120)),
);
const stemArb = fc.array(hostilePart, { maxLength: 8 }).map((parts) => parts.join(''));
const extensionArb = fc.stringMatching(/^[A-Za-z0-9]{1,16}$/);
const formArb = fc.constantFrom<Form>('extended', 'quoted', 'both');
const junkArb = fc.constantFrom('', 'size=10', 'creation-date="x; y"', 'name="file"');

propertyTest(
	'any name in any form of the header becomes a safe name, keeping a sane extension',
	'file names: constructed headers',
	fc.record({
		directory: stemArb,
		// A usable stem: at least one letter that survives cleaning.
		stem: fc.tuple(stemArb, fc.constantFrom('a', 'Z', '名', 'é'), stemArb).map(([a, letter, b]) => `${a}${letter}${b}`.replace(/[/\\]/g, '')),
		extension: fc.option(extensionArb, { nil: undefined }),
		form: formArb,
		junk: junkArb,
	}),
	async ({ directory, stem, extension, form, junk }) => {
		const name = `${directory}${directory ? '/' : ''}${stem}${extension ? `.${extension}` : ''}`;
		const read = fileNameFromDisposition(header(name, form, junk));
		expect(read).toBeDefined();
		const safe = safeFileName(read!);
		expect(safe).toBeDefined();
		expectSafe(safe!);
		if (extension) expect(safe!.endsWith(`.${extension}`)).toBe(true);
	},
	{ quick: 400, soak: 20_000 },
);

propertyTest(
	'any header at all (random characters and bytes) gives a safe name or none',
	'file names: random headers',
	fc.oneof(
		fc.string({ unit: 'binary', maxLength: 300 }),
		fc.string({ unit: 'binary', maxLength: 300 }).map((text) => `attachment; filename=${text}`),
		fc.string({ unit: 'binary', maxLength: 300 }).map((text) => `attachment; filename*=UTF-8''${text}`),
		fc.uint8Array({ maxLength: 300 }).map((bytes) => `attachment; filename*=UTF-8''${[...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`),
		fc.uint8Array({ maxLength: 300 }).map((bytes) => `attachment; filename="${Buffer.from(bytes).toString('latin1')}"`),
	),
	async (text) => {
		const read = fileNameFromDisposition(text);
		const safe = read === undefined ? undefined : safeFileName(read);
		if (safe !== undefined) expectSafe(safe);
	},
	{ quick: 400, soak: 20_000 },
);
