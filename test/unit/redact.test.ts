/**
 * Scrubbing (issue 32, item 6): every form a server can echo a secret in, the rule for very short
 * secrets, scrubbing before any text is cut or collapsed, errors scrubbed in every field, and
 * errorFields bounded. The property suite (test/property/redact.property.test.ts) tries random
 * secrets; these are the cases to read.
 */
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { credentialSecrets } from '../../credentials/common/authHeaders';
import { normalizeBaseUrl, urlForMessage } from '../../credentials/common/baseUrl';
import { redactFailure } from '../../credentials/common/httpFailure';
import { redactAll, redactValue } from '../../credentials/common/redact';
import { serverExcerpt, serverMessage } from '../../credentials/common/serverText';
import { toNodeApiError } from '../../nodes/CrmLead/transport/apiError';
import { errorFieldsOf, markErrorKind } from '../../nodes/CrmLead/transport/errorKinds';
import { scrubError } from '../../nodes/CrmLead/transport/errorScrub';

const node = { id: 'n', name: 'CRM Lead', type: 'crmLead', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const TOKEN = 'tok"en\\ä 7f3a-91c2';
const base64At = (prefix: string, secret: string, suffix: string) => Buffer.from(`${prefix}${secret}${suffix}`).toString('base64');

describe('every form of a secret a server can echo is scrubbed', () => {
	const json = JSON.stringify(TOKEN).slice(1, -1);
	test.each([
		['as it is', `token ${TOKEN} seen`],
		['JSON-escaped', `{"echo":"${json}"}`],
		['JSON with \\u escapes, upper- or lower-case hex', 'tok\\u0022en\\u005c\\u00E4\\u00207f3a-91c2'],
		['URL-encoded', `?t=${encodeURIComponent(TOKEN)}&x=1`],
		['URL-encoded with lower-case hex', encodeURIComponent(TOKEN).toLowerCase()],
		['form-encoded (+ for a space)', new URLSearchParams({ t: TOKEN }).toString()],
		['as HTML character references', TOKEN.replace(/["&<>]/g, (c) => `&#${c.charCodeAt(0)};`).replace('ä', '&#xE4;')],
		['as named HTML references', TOKEN.replace('"', '&quot;')],
		['JSON-escaped, then URL-encoded', encodeURIComponent(json)],
		['JSON-escaped twice', JSON.stringify(json)],
		['JSON-escaped, then as HTML', json.replace(/["\\]/g, (c) => `&#${c.charCodeAt(0)};`)],
		['base64, at byte offset 0', base64At('', TOKEN, 'rest')],
		['base64, at byte offset 1', base64At('a', TOKEN, 'rest of it')],
		['base64, at byte offset 2', base64At('ab', TOKEN, '')],
		['base64url', base64At('Authorization: Bearer ', TOKEN, '!').replace(/\+/g, '-').replace(/\//g, '_')],
		['base64 of the JSON-escaped text', base64At('{"password":"', json, '"}')],
	])('%s', (_, echo) => {
		const scrubbed = redactAll(`before ${echo} after`, [TOKEN]);
		expect(scrubbed).toMatch(/^before .*\*\*\*.* after$/s);
		// Nothing that decodes back to the token is left.
		expect(scrubbed).not.toContain(TOKEN);
		expect(scrubbed).not.toContain('7f3a-91c2');
		for (const run of scrubbed.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
			for (let offset = 0; offset < 4; offset++) expect(Buffer.from(run.slice(offset), 'base64').includes(Buffer.from(TOKEN))).toBe(false);
		}
	});

	test('text without the secret is left exactly as it is', () => {
		const text = 'The server had an internal error: 用户名或密码错误 (HTTP 500) {"a":"b\\"c"} %20 &amp; dG9rZW4=';
		expect(redactAll(text, [TOKEN, 'S3cret-pass!'])).toBe(text);
	});

	test('the longest secret first: a password inside a token does not leave the token half scrubbed', () => {
		expect(redactAll('x abc-secret-def x', ['secret', 'abc-secret-def'])).toBe('x *** x');
	});

	test('the mark holds none of the secret’s characters, so no new match forms around it', () => {
		expect(redactAll('a ** b', ['**'])).toBe('a ### b');
		expect(redactAll('a ***# b', ['***#'])).toBe('a ~~~ b');
	});
});

describe('very short secrets (under 4 characters) are scrubbed where they stand alone', () => {
	test.each([
		['password=ab&user=x', 'password=***&user=x'],
		['{"password":"ab"}', '{"password":"***"}'],
		['ab', '***'],
		['label abc, tab, cab', 'label abc, tab, cab'],
	])('%s → %s', (text, expected) => {
		expect(redactAll(text, ['ab'])).toBe(expected);
	});

	test('a one-character password does not erase that letter from every message', () => {
		expect(redactAll('The server refused the login (x)', ['x'])).toBe('The server refused the login (***)');
	});

	test('credentialSecrets keeps short secrets (redact decides how) and the password as typed and trimmed; spaces alone are no secret', () => {
		expect(credentialSecrets({ authentication: 'password', username: 'u', password: ' ab ', accessToken: 'xy', sessionToken: '   ' }).sort()).toEqual(
			[' ab ', 'ab', 'xy'].sort(),
		);
	});
});

describe('scrubbed first, then cut or collapsed', () => {
	const PASSWORD = 'two  spaces-91ab';

	test('a password with two spaces in a row is scrubbed before the server’s words are made one line', () => {
		const failure = redactFailure({ status: 500, headers: {}, body: { message: `bad password ${PASSWORD}\n  for alice` } }, [PASSWORD]);
		const words = serverMessage(failure.body, failure.headers) ?? '';
		expect(words).toBe('bad password ***; for alice');
		expect(words).not.toContain(PASSWORD.replace('  ', ' '));
	});

	test('a secret across the cut of an excerpt is scrubbed whole, not cut first', () => {
		const text = `${'x'.repeat(110)}${TOKEN} and more`;
		const excerpt = serverExcerpt(text, 120, [TOKEN]);
		expect(excerpt).not.toContain('tok"en');
		expect(excerpt.startsWith(`${'x'.repeat(110)}***`)).toBe(true);
	});

	test('headers (X-ibz-error and x-message are URL-encoded) are scrubbed in their encoded form', () => {
		const failure = redactFailure({ status: 400, headers: { 'x-ibz-error': encodeURIComponent(`refused ${PASSWORD}`).replace(/%20/g, '+') }, body: '' }, [PASSWORD]);
		expect(serverMessage(failure.body, failure.headers)).toBe('refused ***');
	});
});

describe('answers copied for an error: scrubbed, own keys only, bounded', () => {
	test('every string and key is scrubbed; __proto__ stays an own key and changes no prototype', () => {
		const body = JSON.parse(`{"__proto__":{"polluted":"${TOKEN.replace(/["\\]/g, (c) => `\\${c}`)}"},"${'k'}":["a ${TOKEN.replace(/["\\]/g, (c) => `\\${c}`)}"]}`) as object;
		const copy = redactValue(body, [TOKEN]) as Record<string, unknown>;
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect(Object.hasOwn(copy, '__proto__')).toBe(true);
		expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
		expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":"***"},"k":["a ***"]}');
	});

	test('a body nested 50,000 levels deep is copied without overflowing the stack', () => {
		const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) as unknown;
		expect(JSON.stringify(redactValue(deep, ['secret']))).toMatch(/^\[+"…"\]+$/);
	});

	test('toNodeApiError keeps a small body scrubbed in its parsed form (a token with a quote included)', () => {
		const error = toNodeApiError(node, { status: 400, headers: {}, body: { message: `bad token ${TOKEN}`, field: TOKEN } }, { operation: 'Get lead', secrets: [TOKEN] });
		const kept = (error.errorResponse as { body?: unknown }).body;
		expect(kept).toEqual({ message: 'bad token ***', field: '***' });
		expect(JSON.stringify([error.message, error.description, kept])).not.toContain('7f3a-91c2');
	});
});

describe('errorFields is bounded whatever the server names', () => {
	test('at most 100 names of at most 100 characters (plus the count of the rest)', () => {
		const fields = Array.from({ length: 2001 }, (_, i) => `field_${i}_${'x'.repeat(600)}`);
		const error = markErrorKind(new NodeOperationError(node, 'x'), 'invalidValue', fields);
		const kept = errorFieldsOf(error) ?? [];
		expect(kept).toHaveLength(100);
		expect(kept[0].startsWith('field_0_xxx')).toBe(true);
		expect(Math.max(...kept.map((f) => f.length))).toBeLessThan(130);
		expect(JSON.stringify(kept).length).toBeLessThan(15_000);
	});

	test('a refused field name that is a control-character mess becomes one line', () => {
		const error = markErrorKind(new NodeOperationError(node, 'x'), 'invalidValue', ['na\r\nme\u0000']);
		expect(errorFieldsOf(error)).toEqual(['na; me']);
	});
});

describe('scrubError: the last pass over every error leaving the node', () => {
	test('message, description, messages, stored body, context, cause and stack; the kind is left alone', () => {
		const error = new NodeApiError(node, { message: `m ${TOKEN}`, body: { echo: TOKEN } }, { message: `message ${TOKEN}`, description: `description ${TOKEN}` });
		markErrorKind(error, 'server', [TOKEN]);
		error.stack = `NodeApiError: ${TOKEN}\n    at somewhere`;
		const secrets = ['server', TOKEN];
		scrubError(error, secrets);
		expect(error.message).toBe('message ***');
		expect(error.description).toBe('description ***');
		expect(error.context.errorKind).toBe('server');
		expect(JSON.stringify({ messages: error.messages, response: error.errorResponse, context: error.context, stack: error.stack })).not.toContain('7f3a-91c2');
	});

	test('the cause of an operation error (n8n keeps the first message there) is scrubbed too', () => {
		const error = scrubError(new NodeOperationError(node, `answer was ${TOKEN}`), [TOKEN]);
		expect(error.message).toBe('answer was ***');
		expect((error.cause as Error).message).toBe('answer was ***');
		expect(error.stack).not.toContain('7f3a-91c2');
	});

	test('a message or description of megabytes is bounded', () => {
		const error = scrubError(new NodeOperationError(node, 'x'.repeat(1_000_000), { description: 'y'.repeat(1_000_000) }), []);
		expect(error.message.length).toBeLessThanOrEqual(2001);
		expect(error.description!.length).toBeLessThanOrEqual(4001);
	});
});

describe('a Base URL or Login Path is never repeated with what may hold a secret', () => {
	test.each([
		['https://u:Secret@host:99999/api', 'https://***@host:99999/api'],
		['https://u:p/w@host/api', 'https://***@host/api'],
		['https://u:p?w#x@host/api', 'https://***@host/api'],
		['https://host:99999/api?access_token=T1', 'https://host:99999/api?…'],
		['not a url', 'not a url'],
		['http://ho st/\u0000x', 'http://ho st/ x'],
	])('%s → %s', (typed, shown) => {
		expect(urlForMessage(typed)).toBe(shown);
	});

	test('an unparsable Base URL with user info is refused without it', () => {
		expect(() => normalizeBaseUrl('https://u:Secret@host:99999/api')).toThrow(`The credential's Base URL "https://***@host:99999/api" is not a valid URL`);
	});
});
