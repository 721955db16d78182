/**
 * File names made safe to hand to n8n: a downloaded file's name reaches `binary.fileName`, and
 * workflows write files to disk under it (`/data/{{ $binary.data.fileName }}`). n8n-core's
 * prepareBinaryData splits whatever it is given with `path.parse`, so a name with a directory part
 * would also land in `binary.directory`. A safe name is one base name: no path separator, no
 * control or direction-changing character, none of the characters Windows forbids (`:` would open
 * an NTFS stream), no leading dot (no hidden or `..` names), no trailing dot or space, not a
 * Windows device name, and at most MAX_FILE_NAME_BYTES bytes of UTF-8, cut between characters and
 * keeping its extension.
 */

/** Longest safe name in UTF-8 bytes: under the 255 of Linux, macOS and Windows, leaving room for a prefix or suffix a workflow adds. */
export const MAX_FILE_NAME_BYTES = 200;

/** An extension worth keeping when a name is cut: 1 to 16 ASCII letters or digits after the last dot. */
const EXTENSION = /\.([A-Za-z0-9]{1,16})$/;

// Control characters (C0, DEL, C1), line and paragraph separators, bidirectional controls (a
// right-to-left override shows "gpj.exe" as "exe.jpg"), and what Windows forbids in a name.
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]+/gu;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** The longest start of `text` within `maxBytes` bytes, cut between characters (code points). */
function cutToBytes(text: string, maxBytes: number): string {
	let bytes = 0;
	let end = 0;
	for (const character of text) {
		bytes += byteLength(character);
		if (bytes > maxBytes) break;
		end += character.length;
	}
	return text.slice(0, end);
}

const trimEnds = (text: string) => text.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');

/** One name component made safe, or undefined when nothing usable is left. */
function cleanName(name: string): string | undefined {
	let safe = trimEnds(name.replace(UNSAFE, '_'));
	if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`;
	if (byteLength(safe) > MAX_FILE_NAME_BYTES) {
		const extension = EXTENSION.exec(safe)?.[0] ?? '';
		const stem = trimEnds(cutToBytes(safe.slice(0, safe.length - extension.length), MAX_FILE_NAME_BYTES - byteLength(extension)));
		safe = stem ? `${stem}${extension}` : trimEnds(cutToBytes(safe, MAX_FILE_NAME_BYTES));
	}
	return safe || undefined;
}

/**
 * A name a server sent → its safe base name: only the last path component is kept (`/` and `\`
 * both separate), then cleaned. Undefined when nothing usable is left (`../`, `...`).
 */
export function safeFileName(sent: string): string | undefined {
	const last = sent.split(/[\\/]+/).filter((part) => part !== '').pop();
	return last === undefined ? undefined : cleanName(last);
}

/**
 * A name the node builds itself (`crm_lead_<ID>.pdf`) → safe, with every path separator turned
 * into `_` so the whole ID stays readable in it.
 */
export function safeBuiltFileName(built: string): string | undefined {
	return cleanName(built.replace(/[\\/]/g, '_'));
}
