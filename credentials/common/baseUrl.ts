/**
 * Builds request URLs. Every path segment is percent-encoded on its own, so a record key can
 * never change the host or the path it is sent to (`../x`, `?`, `#`, `/` stay inside the segment).
 */

export class UrlBuildError extends Error {}

/**
 * A URL the user typed, safe to repeat in a message: whatever may hold a secret is left out — the
 * user info (everything before the last `@` of what follows the scheme, even where no URL parser
 * would find an authority: `https://u:p/w@host` hides a password with a slash), the query and the
 * fragment (shown as `?…`, so a message can still say there is one) — and it is one line of at
 * most 200 characters.
 */
export function urlForMessage(text: string): string {
	const scheme = /^[a-z][a-z0-9+.-]*:\/*/i.exec(text)?.[0] ?? '';
	let rest = text.slice(scheme.length);
	// The last @ first: a password may hold ? or # itself.
	const at = rest.lastIndexOf('@');
	if (at >= 0) rest = `***@${rest.slice(at + 1)}`;
	rest = rest.replace(/([?#])[\s\S]*$/, '$1…');
	const shown = `${scheme}${rest}`.replace(/\p{Cc}/gu, ' ');
	return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** Validates the credential's Base URL and returns it without trailing slashes. */
export function normalizeBaseUrl(raw: unknown): string {
	const text = String(raw ?? '').trim();
	if (!text) throw new UrlBuildError('The credential has no Base URL');
	if (!URL.canParse(text)) throw new UrlBuildError(`The credential's Base URL "${urlForMessage(text)}" is not a valid URL`);
	const parsed = new URL(text);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new UrlBuildError(
			`The credential's Base URL must start with http:// or https:// (got ${parsed.protocol})`,
		);
	}
	if (parsed.username || parsed.password) {
		// User info in the URL would be sent and logged as-is; the token belongs in Access Token.
		throw new UrlBuildError(
			"The credential's Base URL must not contain a user name or password; put the token in Access Token",
		);
	}
	if (parsed.search || parsed.hash) {
		throw new UrlBuildError("The credential's Base URL must not contain a query (?) or fragment (#)");
	}
	return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/**
 * encodeURIComponent, plus the sub-delimiters it leaves alone. A segment that is exactly "." or
 * ".." cannot be sent at all: URL parsers collapse it (even as %2E%2E) into a parent path.
 */
export function encodePathSegment(segment: string): string {
	if (segment === '.' || segment === '..') {
		throw new UrlBuildError(`"${segment}" cannot be used as a record key: it is not addressable in a URL`);
	}
	return encodeURIComponent(segment).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** `${base}/seg1/seg2`, with each segment encoded. */
export function buildUrl(baseUrl: string, segments: readonly string[]): string {
	return `${baseUrl}/${segments.map(encodePathSegment).join('/')}`;
}
