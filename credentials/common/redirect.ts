/**
 * Why the node never follows a redirect, in words that say what to put in Base URL instead.
 *
 * Every request carries the token (under any header name) and the tenant headers, the login
 * carries the password, uploads carry spreadsheets. A redirect may point anywhere, and redirect
 * libraries re-send custom headers such as `X-Auth-Token` or `srfsystemid` to any host (n8n's
 * helper even re-adds Authorization across origins by default). Following only same-origin
 * redirects would be safe too, but it would change a POST into a GET on 301/302 and hide a wrong
 * Base URL behind an extra round trip on every request; an iBiz API answers its calls directly,
 * so a redirect means the Base URL is not the API's address (http instead of https, an old host,
 * a single-sign-on gateway). Refusing it, and naming where it pointed, fixes the cause once.
 */

/** Longest redirect target shown in a message: a Location header can be as long as a server likes. */
const MAX_SHOWN = 300;

function parse(url: string, base?: string): URL | undefined {
	try {
		return new URL(url, base);
	} catch {
		return undefined;
	}
}

/** The target without user info (never shown), bounded. */
function shown(target: URL): string {
	const copy = new URL(target.href);
	copy.username = '';
	copy.password = '';
	const text = copy.href;
	return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}…`;
}

/**
 * The Base URL the redirect suggests: when the target ends with the same path below the Base URL
 * as the request (`…/crm_leads/L1`), the part before it; else none.
 */
function suggestedBaseUrl(target: URL, sentUrl: string, baseUrl: string): string | undefined {
	const sent = parse(sentUrl);
	const base = parse(baseUrl);
	if (!sent || !base || (target.protocol !== 'http:' && target.protocol !== 'https:')) return undefined;
	const below = sent.pathname.slice(base.pathname.replace(/\/+$/, '').length);
	if (!below || !target.pathname.endsWith(below)) return undefined;
	return `${target.origin}${target.pathname.slice(0, target.pathname.length - below.length)}`.replace(/\/+$/, '');
}

/** A redirect answer (HTTP 3xx) to a request sent to `sentUrl` below `baseUrl`, as an English message. */
export function redirectMessage(status: number, location: string | undefined, sentUrl: string, baseUrl: string): string {
	const refused = `the node does not follow redirects, so that the token, the password and your data never leave the Base URL's address (${parse(baseUrl)?.origin ?? baseUrl})`;
	const target = location && location.trim() ? parse(location.trim(), sentUrl) : undefined;
	if (!target) {
		return `The server answered HTTP ${status} (a redirect${location ? ' to an address that cannot be read' : ' without a Location'}) instead of answering the call: ${refused}. Set Base URL to the address the API answers at directly`;
	}
	const suggestion = suggestedBaseUrl(target, sentUrl, baseUrl);
	const downgrade = parse(sentUrl)?.protocol === 'https:' && target.protocol === 'http:' ? ' (plain http: it would send the token unencrypted)' : '';
	const advice = suggestion
		? `If the API has moved there${downgrade}, set Base URL to ${suggestion.slice(0, MAX_SHOWN)}`
		: 'Set Base URL to the address the API answers at directly (a redirect to a sign-in page means the Base URL is the web app\'s address, not the API\'s)';
	return `The server answered HTTP ${status}, a redirect to ${shown(target)}${downgrade}; ${refused}. ${advice}`;
}
