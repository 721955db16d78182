/**
 * The file name a server gives in Content-Disposition (RFC 6266): `filename*` (RFC 8187/5987:
 * `charset'language'percent-encoded`, UTF-8 or ISO-8859-1) wins over `filename` (a token or a
 * quoted string). Only read here, as the server sent it: fileName.ts makes it safe to use.
 */

const PARAMETER_NAME = /;\s*([^=;\s]+)\s*=\s*/y;

/** The header's parameters, names in lower case, quoted strings unquoted; the first of a name wins. */
function dispositionParameters(header: string): Map<string, string> {
	const parameters = new Map<string, string>();
	// `at` is always on a ";" (or -1 at the end): a parameter without "=" is skipped.
	for (let at = header.indexOf(';'); at >= 0; at = header.indexOf(';', at)) {
		PARAMETER_NAME.lastIndex = at;
		const name = PARAMETER_NAME.exec(header);
		if (!name) {
			at++;
			continue;
		}
		at = PARAMETER_NAME.lastIndex;
		let value = '';
		if (header[at] === '"') {
			// quoted-string: a backslash quotes the next character.
			for (at++; at < header.length && header[at] !== '"'; at++) {
				if (header[at] === '\\' && at + 1 < header.length) at++;
				value += header[at];
			}
		} else {
			const end = header.indexOf(';', at);
			value = header.slice(at, end < 0 ? header.length : end).trim();
			if (end < 0) at = header.length;
		}
		const key = name[1].toLowerCase();
		if (!parameters.has(key)) parameters.set(key, value);
	}
	return parameters;
}

/** Percent-decoded bytes, or undefined when a `%` is not followed by two hex digits. */
function percentBytes(text: string): Buffer | undefined {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '%') {
			const hex = text.slice(i + 1, i + 3);
			if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(text[i], 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function strictUtf8(bytes: Buffer): string | undefined {
	const text = bytes.toString('utf8');
	return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/** `UTF-8''%E7%BA%BF.pdf` → 线.pdf; undefined when malformed or in another charset. */
function extendedValue(value: string): string | undefined {
	const match = /^([^']*)'[^']*'(.*)$/s.exec(value);
	if (!match) return undefined;
	const bytes = percentBytes(match[2]);
	if (!bytes) return undefined;
	const charset = match[1].trim().toLowerCase();
	if (charset === 'utf-8') return strictUtf8(bytes);
	if (charset === 'iso-8859-1') return bytes.toString('latin1');
	return undefined;
}

/**
 * HTTP header values arrive as Latin-1 characters, one per byte: a server that writes a UTF-8 name
 * straight into `filename` ("线索.pdf") arrives garbled, and is read as the UTF-8 it was.
 */
function plainValue(value: string): string {
	if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
	return strictUtf8(Buffer.from(value, 'latin1')) ?? value;
}

/** The file name from Content-Disposition, as sent (decoded, not yet made safe); undefined when it names none. */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const parameters = dispositionParameters(header);
	const extended = parameters.get('filename*');
	const decoded = extended === undefined ? undefined : extendedValue(extended);
	if (decoded) return decoded;
	const plain = parameters.get('filename');
	return plain ? plainValue(plain) : undefined;
}
