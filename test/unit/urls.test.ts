import { buildUrl, encodePathSegment, normalizeBaseUrl } from '../../credentials/common/baseUrl';
import { fileNameFromDisposition } from '../../nodes/CrmLead/actions/common/contentDisposition';
import { multipartBody } from '../../nodes/CrmLead/transport/multipart';

describe('base URL', () => {
	test.each([
		['https://crm.example.com/api', 'https://crm.example.com/api'],
		['https://crm.example.com/api/', 'https://crm.example.com/api'],
		['https://crm.example.com/api///', 'https://crm.example.com/api'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['  http://127.0.0.1:4010/  ', 'http://127.0.0.1:4010'],
	])('%s → %s', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});

	test.each([
		['', 'has no Base URL'],
		['crm.example.com', 'not a valid URL'],
		['ftp://crm.example.com', 'must start with http:// or https://'],
		['https://user:secret@crm.example.com', 'must not contain a user name or password'],
		['https://crm.example.com/api?x=1', 'must not contain a query'],
	])('rejects %j', (input, message) => {
		expect(() => normalizeBaseUrl(input)).toThrow(message);
	});
});

describe('record keys in paths', () => {
	const base = 'https://crm.example.com/api';
	test.each([
		['../../admin', 'https://crm.example.com/api/crm_leads/..%2F..%2Fadmin'],
		['http://other.host/x', 'https://crm.example.com/api/crm_leads/http%3A%2F%2Fother.host%2Fx'],
		['a b?c#d%e', 'https://crm.example.com/api/crm_leads/a%20b%3Fc%23d%25e'],
		['back\\slash', 'https://crm.example.com/api/crm_leads/back%5Cslash'],
		['线索-1', 'https://crm.example.com/api/crm_leads/%E7%BA%BF%E7%B4%A2-1'],
	])('%j stays one segment under /crm_leads on the configured host', (key, expected) => {
		const url = buildUrl(base, ['crm_leads', key]);
		expect(url).toBe(expected);
		const parsed = new URL(url);
		expect(parsed.host).toBe('crm.example.com');
		expect(parsed.pathname.split('/')).toHaveLength(4);
		expect(decodeURIComponent(parsed.pathname.split('/')[3])).toBe(key);
	});

	test('"." and ".." cannot be keys: URL parsers would collapse them', () => {
		expect(() => encodePathSegment('..')).toThrow('cannot be used as a record key');
		expect(() => encodePathSegment('.')).toThrow('cannot be used as a record key');
		expect(encodePathSegment('...')).toBe('...');
	});
});

describe('files', () => {
	test.each([
		['attachment; filename="crm_lead_export.xlsx"', 'crm_lead_export.xlsx'],
		['attachment; filename=report.pdf', 'report.pdf'],
		["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E7%BA%BF%E7%B4%A2.pdf", '线索.pdf'],
		['inline', undefined],
		[undefined, undefined],
	])('Content-Disposition %j → %j', (header, expected) => {
		expect(fileNameFromDisposition(header)).toBe(expected);
	});

	test('multipart body carries the file bytes unchanged between boundaries', () => {
		const data = Buffer.from([0, 1, 2, 255, 13, 10]);
		const { body, contentType } = multipartBody({ field: 'file', fileName: 'a "b".xlsx', mimeType: 'application/x', data });
		const boundary = /boundary=(.+)$/.exec(contentType)![1];
		const text = body.toString('latin1');
		expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
		expect(text).toContain('name="file"; filename="a %22b%22.xlsx"');
		expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
		expect(body.includes(data)).toBe(true);
	});
});
