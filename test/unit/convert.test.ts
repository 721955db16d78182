import { luxonZone, zoneProblem } from '../../credentials/common/serverTimeZone';
import {
	FieldValueError,
	fieldsToWire,
	recordFromWire,
	timestampFromWire,
	timestampToWire,
	valueToWire,
} from '../../nodes/CrmLead/fields/convert';
import { LEAD_FIELDS_BY_NAME } from '../../nodes/CrmLead/fields/leadFields';

const zones = { serverTimeZone: 'Asia/Shanghai' };
const field = (name: string) => LEAD_FIELDS_BY_NAME.get(name)!;

function conversionError(fn: () => unknown): FieldValueError {
	try {
		fn();
	} catch (error) {
		return error as FieldValueError;
	}
	throw new Error('expected a FieldValueError');
}

describe('valueToWire', () => {
	test('integers accept whole numbers and numeric text, and reject the rest naming the field', () => {
		expect(valueToWire(field('color'), 3, zones)).toBe(3);
		expect(valueToWire(field('color'), ' 7 ', zones)).toBe(7);
		const error = conversionError(() => valueToWire(field('color'), 'red', zones));
		expect(error).toBeInstanceOf(FieldValueError);
		expect(error.field).toBe('color');
		expect(error.message).toBe('Field "color" expects a number, got "red"');
		expect(conversionError(() => valueToWire(field('quotation_count'), 1.5, zones)).message).toContain('whole number');
	});

	test('Double and BigDecimal become JSON numbers', () => {
		expect(valueToWire(field('probability'), '42.5', zones)).toBe(42.5);
		expect(valueToWire(field('expected_revenue'), 1234567.89, zones)).toBe(1234567.89);
		expect(conversionError(() => valueToWire(field('expected_revenue'), 'lots', zones)).field).toBe('expected_revenue');
	});

	test('flags become 0/1 from booleans, numbers and words', () => {
		expect(valueToWire(field('active'), true, zones)).toBe(1);
		expect(valueToWire(field('active'), false, zones)).toBe(0);
		expect(valueToWire(field('is_blacklisted'), 'yes', zones)).toBe(1);
		expect(valueToWire(field('is_blacklisted'), '0', zones)).toBe(0);
		expect(conversionError(() => valueToWire(field('active'), 'maybe', zones)).message).toContain('"active"');
	});

	test('options accept the value or the display name, and list the allowed values otherwise', () => {
		expect(valueToWire(field('priority'), '2', zones)).toBe('2');
		expect(valueToWire(field('priority'), 'very high', zones)).toBe('3');
		expect(valueToWire(field('type'), 'Opportunity', zones)).toBe('opportunity');
		const error = conversionError(() => valueToWire(field('type'), 'customer', zones));
		expect(error.message).toContain('"lead" (Lead)');
		expect(error.message).toContain('"opportunity" (Opportunity)');
	});

	test('Object fields take JSON text or values, and reject invalid JSON naming the field', () => {
		expect(valueToWire(field('activities'), '[{"a":1}]', zones)).toEqual([{ a: 1 }]);
		expect(valueToWire(field('followers'), { x: 1 }, zones)).toEqual({ x: 1 });
		expect(conversionError(() => valueToWire(field('activities'), '{oops', zones)).message).toBe(
			'Field "activities" expects JSON, got "{oops"',
		);
	});

	test('text keeps long strings and emoji byte for byte; empty non-text values clear the field', () => {
		const text = `🚀 ${'é'.repeat(5000)} 漢字`;
		expect(valueToWire(field('description'), text, zones)).toBe(text);
		expect(valueToWire(field('probability'), '', zones)).toBeNull();
		expect(valueToWire(field('description'), '', zones)).toBe('');
		expect(conversionError(() => valueToWire(field('city'), { a: 1 }, zones)).field).toBe('city');
	});
});

describe('timestamps', () => {
	test('ISO 8601 with an offset converts to the server zone', () => {
		expect(timestampToWire('date_deadline', '2026-03-01T10:00:00Z', zones)).toBe('2026-03-01 18:00:00');
		expect(timestampToWire('date_deadline', '2026-03-01T10:00:00+01:00', zones)).toBe('2026-03-01 17:00:00');
	});

	test('every spelling without an offset is server time, as the server writes it (issue 26, defect 10)', () => {
		for (const text of ['2026-03-01T10:00:00', '2026-03-01T10:00', '2026-03-01 10:00', '2026-03-01 10:00:00.000', '2026-03-01 10:00:00.5']) {
			expect(timestampToWire('date_deadline', text, zones)).toBe('2026-03-01 10:00:00');
		}
		expect(timestampToWire('date_deadline', '2026-03-01', zones)).toBe('2026-03-01 00:00:00');
	});

	test('epoch numbers below 1e11 are seconds, larger ones milliseconds', () => {
		expect(timestampToWire('date_open', 1767225600, zones)).toBe('2026-01-01 08:00:00');
		expect(timestampToWire('date_open', 1767225600000, zones)).toBe('2026-01-01 08:00:00');
		expect(conversionError(() => timestampToWire('date_open', Number.NaN, zones)).field).toBe('date_open');
	});

	test('the wire format passes through unchanged, epoch ms and Date objects convert', () => {
		expect(timestampToWire('date_open', '2026-03-01 08:09:10', zones)).toBe('2026-03-01 08:09:10');
		expect(timestampToWire('date_open', Date.UTC(2026, 0, 1, 0, 0, 0), zones)).toBe('2026-01-01 08:00:00');
		expect(timestampToWire('date_open', new Date(Date.UTC(2026, 0, 1, 12)), zones)).toBe('2026-01-01 20:00:00');
	});

	test('an unparsable date names the field and the accepted formats', () => {
		expect(conversionError(() => timestampToWire('date_closed', 'next tuesday', zones)).message).toBe(
			'Field "date_closed" expects a date and time (ISO 8601, yyyy-MM-dd HH:mm:ss in the server\'s time zone, or epoch seconds/milliseconds), got "next tuesday"',
		);
	});

	test('wire timestamps read back as ISO 8601 with the server offset', () => {
		expect(timestampFromWire('2026-03-01 18:00:00', 'Asia/Shanghai')).toBe('2026-03-01T18:00:00+08:00');
		expect(timestampFromWire('not a date', 'Asia/Shanghai')).toBe('not a date');
	});
});

describe('fieldsToWire and recordFromWire', () => {
	test('unknown fields fail or are ignored by policy; read-only fields are dropped', () => {
		expect(() => fieldsToWire({ name: 'x', favourite_colour: 'red' }, zones, 'error')).toThrow(
			'Field "favourite_colour" is not a known lead field',
		);
		expect(fieldsToWire({ name: 'x', favourite_colour: 'red', create_date: '2020-01-01 00:00:00' }, zones, 'ignore')).toEqual({
			name: 'x',
		});
	});

	test('Convert Values turns flags into booleans and timestamps into ISO; Simplify keeps the summary fields', () => {
		const record = { id: 'a', name: 'N', active: 1, is_blacklisted: 0, color: 1, write_date: '2026-01-02 03:04:05', city: 'X' };
		expect(recordFromWire(record, { simplify: false, convertValues: false, serverTimeZone: 'Asia/Shanghai' })).toEqual(record);
		expect(recordFromWire(record, { simplify: false, convertValues: true, serverTimeZone: 'Asia/Shanghai' })).toEqual({
			...record,
			active: true,
			is_blacklisted: false,
			write_date: '2026-01-02T03:04:05+08:00',
		});
		expect(recordFromWire(record, { simplify: true, convertValues: false, serverTimeZone: 'UTC' })).toEqual({
			id: 'a',
			name: 'N',
			write_date: '2026-01-02 03:04:05',
		});
	});
});

describe('Server Time Zone', () => {
	test.each([
		['Asia/Shanghai', 'Asia/Shanghai'],
		['GMT+8', 'UTC+8:00'],
		['UTC+8', 'UTC+8:00'],
		['UTC+08:00', 'UTC+8:00'],
		['+08:00', 'UTC+8:00'],
		['-0530', 'UTC-5:30'],
		['gmt', 'UTC'],
		['', 'Asia/Shanghai'],
	])('%j is read as %s', (text, zone) => {
		expect(luxonZone(text)).toBe(zone);
		expect(zoneProblem(text)).toBeUndefined();
	});

	test.each(['Mars/Olympus', 'GMT+25', 'UTC+8:75', 'Shanghai'])('%j is refused, naming the accepted forms', (text) => {
		expect(luxonZone(text)).toBeUndefined();
		expect(zoneProblem(text)).toMatch(/is not a time zone: use an IANA name such as Asia\/Shanghai.*GMT\+8, UTC\+8, UTC\+08:00 or \+08:00/);
	});
});
