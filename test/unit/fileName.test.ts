/**
 * Download names (issue 32, item 7): reading Content-Disposition as RFC 6266 says (filename* wins,
 * quoted strings, charsets, malformed parts) and making any name one safe base name. The property
 * suite (test/property/fileName.property.test.ts) tries random headers.
 */
import { fileNameFromDisposition } from '../../nodes/CrmLead/actions/common/contentDisposition';
import { safeBuiltFileName, safeFileName } from '../../nodes/CrmLead/actions/common/fileName';

describe('Content-Disposition is read as sent', () => {
	test.each([
		['attachment; filename="crm_lead_export.xlsx"', 'crm_lead_export.xlsx'],
		['attachment; filename=report.pdf', 'report.pdf'],
		['attachment; FILENAME = "spaced name.pdf" ', 'spaced name.pdf'],
		['attachment; filename="a \\"quoted\\" \\\\ name.pdf"', 'a "quoted" \\ name.pdf'],
		['attachment; filename="semi;colon.pdf"; size=3', 'semi;colon.pdf'],
		["attachment; filename*=UTF-8''%E7%BA%BF%E7%B4%A2.pdf; filename=\"fallback.pdf\"", '线索.pdf'],
		["attachment; filename=\"fallback.pdf\"; filename*=utf-8'zh'%E7%BA%BF.pdf", '线.pdf'],
		["attachment; filename*=ISO-8859-1''r%E9sum%E9.pdf", 'résumé.pdf'],
		// A malformed or undecodable filename* falls back to filename.
		["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E7%BA.pdf", 'fallback.pdf'],
		["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%ZZ.pdf", 'fallback.pdf'],
		["attachment; filename=\"fallback.pdf\"; filename*=KOI8-R''x.pdf", 'fallback.pdf'],
		['attachment; nofilename; filename=after.pdf', 'after.pdf'],
		['attachment; xfilename=wrong.pdf', undefined],
		// Raw UTF-8 bytes arrive as Latin-1 characters; Latin-1 that is not UTF-8 stays as it is.
		[`attachment; filename="${Buffer.from('线索.pdf').toString('latin1')}"`, '线索.pdf'],
		['attachment; filename="r\u00e9sum\u00e9.pdf"', 'résumé.pdf'],
		['inline', undefined],
		['attachment; filename=""', undefined],
		[undefined, undefined],
	])('%j → %j', (header, expected) => {
		expect(fileNameFromDisposition(header)).toBe(expected);
	});
});

describe('a name the server sent becomes one safe base name', () => {
	test.each([
		['report.pdf', 'report.pdf'],
		['线索 2026.xlsx', '线索 2026.xlsx'],
		['../../../../home/node/.n8n/config', 'config'],
		['/etc/passwd', 'passwd'],
		['C:\\Windows\\win.ini', 'win.ini'],
		['dir/', 'dir'],
		['re\r\nport\u0000.pdf', 're_port_.pdf'],
		['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
		['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
		['.bashrc', 'bashrc'],
		['...hidden..', 'hidden'],
		['  spaced  .pdf  ', 'spaced  .pdf'],
		['CON', '_CON'],
		['nul.txt', '_nul.txt'],
		['console.txt', 'console.txt'],
		['..', undefined],
		['../', undefined],
		['\u0000\r\n', '_'],
		['', undefined],
	])('%j → %j', (sent, expected) => {
		expect(safeFileName(sent)).toBe(expected);
	});

	test('a long name is cut to 200 bytes of UTF-8 between characters, keeping its extension', () => {
		const name = safeFileName(`${'名'.repeat(3000)}.xlsx`)!;
		expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
		expect(Buffer.byteLength(name)).toBeGreaterThan(196);
		expect(name.endsWith('.xlsx')).toBe(true);
		expect(name.replace(/\.xlsx$/, '')).toMatch(/^名+$/);
	});

	test('emoji (two UTF-16 units, four bytes) are never cut in half', () => {
		const name = safeFileName(`${'🚀'.repeat(100)}.pdf`)!;
		expect(name).toBe(`${'🚀'.repeat(49)}.pdf`);
	});

	test('a long name without a sane extension is simply cut', () => {
		const name = safeFileName(`${'a'.repeat(300)}.${'b'.repeat(40)}`)!;
		expect(name).toBe('a'.repeat(200));
	});
});

describe('a name the node builds from an ID keeps the ID readable', () => {
	test.each([
		['crm_lead_../../x.pdf', 'crm_lead_.._.._x.pdf'],
		['crm_lead_a\\b.pdf', 'crm_lead_a_b.pdf'],
		['crm_lead_L1.pdf', 'crm_lead_L1.pdf'],
	])('%j → %j', (built, expected) => {
		expect(safeBuiltFileName(built)).toBe(expected);
	});
});
