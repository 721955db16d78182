import { LEAD_FIELDS, LEAD_FILTERS, WRITABLE_FIELDS } from '../../nodes/CrmLead/fields/leadFields';
import { docsTable } from '../helpers/docsPage';

describe('the field table matches the API docs page', () => {
	const createTable = docsTable('创建线索/商机');

	test('the docs page create table has 91 fields', () => {
		expect(createTable).toHaveLength(91);
	});

	test('same writable field names, in the same order, with the same wire types and labels', () => {
		expect(WRITABLE_FIELDS.map((f) => [f.name, f.wireType, f.label])).toEqual(
			createTable.map((r) => [r.name, r.type, r.label]),
		);
	});

	test('the fields the docs page marks as not optional are id (server-generated) and type (required on create)', () => {
		expect(createTable.filter((r) => !r.optional).map((r) => r.name)).toEqual(['id', 'type']);
		expect(LEAD_FIELDS.filter((f) => f.requiredOnCreate).map((f) => f.name)).toEqual(['type']);
	});

	test('the four audit fields are read-only and appear in the docs response example', () => {
		expect(LEAD_FIELDS.filter((f) => f.readOnly).map((f) => f.name)).toEqual([
			'create_date',
			'create_uid',
			'write_date',
			'write_uid',
		]);
	});

	test('the filters are exactly the fetch_default request table', () => {
		const filterTable = docsTable('DEFAULT');
		expect(filterTable).toHaveLength(18);
		expect(LEAD_FILTERS.map((f) => f.key).sort()).toEqual(filterTable.map((r) => r.name).sort());
	});

	test('every other table of the docs page (update, save, check key, draft, message) lists the same fields', () => {
		for (const heading of ['更新线索/商机', '保存线索/商机', '检查线索/商机主键', '获取线索/商机草稿', '带模板的消息发送']) {
			expect(docsTable(heading).map((r) => r.name)).toEqual(createTable.map((r) => r.name));
		}
	});

	test('0/1 flags are Integer fields, and every field has an English display name', () => {
		for (const field of LEAD_FIELDS) {
			if (field.kind === 'flag') expect(field.wireType).toBe('Integer');
			expect(field.displayName).toMatch(/^[A-Z][A-Za-z0-9 /]+$/);
		}
	});
});
