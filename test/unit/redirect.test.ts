/** What a redirect's error says (credentials/common/redirect.ts): where it pointed, and the Base URL to set. */
import { redirectMessage } from '../../credentials/common/redirect';

const BASE = 'https://crm.example.com/api';
const SENT = `${BASE}/crm_leads/L1`;

test('a target that keeps the path below the Base URL suggests the Base URL before it', () => {
	const message = redirectMessage(301, 'https://crm.example.org/v2/api/crm_leads/L1', SENT, BASE);
	expect(message).toContain('HTTP 301, a redirect to https://crm.example.org/v2/api/crm_leads/L1');
	expect(message).toContain("never leave the Base URL's address (https://crm.example.com)");
	expect(message).toContain('set Base URL to https://crm.example.org/v2/api');
});

test('a relative Location is read against the request; http → https suggests the https Base URL', () => {
	expect(redirectMessage(308, '/v3/crm_leads/L1', SENT, BASE)).toContain('set Base URL to https://crm.example.com/v3');
	expect(redirectMessage(301, 'https://crm.example.com/api/crm_leads/L1', 'http://crm.example.com/api/crm_leads/L1', 'http://crm.example.com/api')).toContain(
		'set Base URL to https://crm.example.com/api',
	);
});

test('a downgrade to http says the token would travel unencrypted', () => {
	expect(redirectMessage(302, 'http://crm.example.com/api/crm_leads/L1', SENT, BASE)).toContain('plain http: it would send the token unencrypted');
});

test('a sign-in page, a Location without one, or one that cannot be read: no suggestion, what to do instead', () => {
	expect(redirectMessage(302, 'https://sso.example.com/login?next=x', SENT, BASE)).toMatch(/a redirect to a sign-in page means the Base URL is the web app's address/);
	expect(redirectMessage(302, undefined, SENT, BASE)).toMatch(/redirect without a Location/);
	expect(redirectMessage(302, 'http://[::1', SENT, BASE)).toMatch(/an address that cannot be read/);
});

test('user info in the Location is never shown; a very long Location is cut', () => {
	const message = redirectMessage(307, 'https://alice:S3cret@other.example.com/x', SENT, BASE);
	expect(message).not.toContain('S3cret');
	expect(message).not.toContain('alice');
	expect(redirectMessage(307, `https://other.example.com/${'a'.repeat(5000)}`, SENT, BASE).length).toBeLessThan(1000);
});
