/**
 * Whether a secret survives anywhere in what a run produced, in any form a reader could recover it
 * from. Written from the README's promise ("no secret in any output, error or log line", in every
 * encoding a server could echo it in), never from the product's code.
 */

/** Every string reachable from `value`: own properties, enumerable or not (an error's message, stack and cause), keys included. */
export function allStrings(value: unknown, into: string[] = [], seen = new Set<unknown>(), depth = 0): string[] {
	if (typeof value === 'string') {
		into.push(value);
		return into;
	}
	if (!value || typeof value !== 'object' || seen.has(value) || depth > 40) return into;
	seen.add(value);
	if (Buffer.isBuffer(value)) return into;
	for (const key of Object.getOwnPropertyNames(value)) {
		into.push(key);
		const descriptor = Object.getOwnPropertyDescriptor(value, key);
		if (descriptor && 'value' in descriptor) allStrings(descriptor.value, into, seen, depth + 1);
	}
	return into;
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}/g;

/** Whether some base64 run of the text, read from any of its four character offsets, decodes to bytes holding the secret. */
function inBase64(text: string, secret: Buffer): boolean {
	for (const [run] of text.matchAll(BASE64_RUN)) {
		for (let offset = 0; offset < 4; offset++) {
			if (Buffer.from(run.slice(offset), 'base64').includes(secret)) return true;
		}
	}
	return false;
}

/** Every form of the secret a server could echo, by name. */
export function secretForms(secret: string): Record<string, string> {
	return {
		raw: secret,
		json: JSON.stringify(secret).slice(1, -1),
		url: encodeURIComponent(secret),
		form: new URLSearchParams({ v: secret }).toString().slice(2),
		html: secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
		spacesCollapsed: secret.replace(/\s{2,}/g, ' '),
	};
}

/**
 * The forms in which `secret` is found in any of the texts: its textual forms, any run of 12 of
 * its characters (a secret cut off at the end of an excerpt), and base64 (secrets of 6 characters or more).
 */
export function leaksOf(texts: readonly string[], secret: string): string[] {
	const found = new Set<string>();
	const forms = Object.entries(secretForms(secret)).filter(([name, form]) => name === 'raw' || form !== secret);
	const windows = secret.length > 12 ? Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12)) : [];
	const bytes = Buffer.from(secret, 'utf8');
	for (const text of texts) {
		for (const [name, form] of forms) if (text.includes(form)) found.add(name);
		if (windows.some((window) => text.includes(window))) found.add('12 characters of it');
		if (secret.length >= 6 && inBase64(text, bytes)) found.add('base64');
	}
	return [...found];
}

/** The leaks of every secret in everything a value holds, as "secret → forms" lines (empty when none). */
export function leaksIn(value: unknown, secrets: readonly string[]): string[] {
	const texts = allStrings(value);
	return secrets.flatMap((secret) => {
		const forms = leaksOf(texts, secret);
		return forms.length ? [`${JSON.stringify(secret)}: ${forms.join(', ')}`] : [];
	});
}
