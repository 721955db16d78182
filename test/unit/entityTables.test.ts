/**
 * Each entity's field table and endpoint list against its own docs page (docs/api/entities/),
 * the way leadFields.test.ts holds the lead table against crm_lead.md.
 */
import { ENTITIES, type Entity } from '../../nodes/CrmLead/entities';
import { entityEndpoints } from '../../nodes/CrmLead/entities/endpoints';
import { LEAD } from '../../nodes/CrmLead/entities/lead';
import { docsSections } from '../helpers/entityDocs';

/** What the issue and the pages say: fields of the create table, filters of the DEFAULT list, endpoints. */
const EXPECTED: Record<string, { fields: number; filters: number; endpoints: number }> = {
	contact: { fields: 145, filters: 33, endpoints: 17 },
	stage: { fields: 9, filters: 3, endpoints: 15 },
	activity: { fields: 24, filters: 14, endpoints: 36 },
	message: { fields: 42, filters: 19, endpoints: 50 },
};

const AUDIT = ['create_date', 'create_uid', 'write_date', 'write_uid'];

describe.each(ENTITIES.map((entity) => [entity.displayName, entity] as [string, Entity]))('%s', (_, entity) => {
	const sections = docsSections(entity.docsPage);
	const section = (heading: string) => {
		const found = sections.find((s) => s.heading === heading);
		if (!found) throw new Error(`No section "${heading}" in ${entity.docsPage}`);
		return found;
	};
	const createTable = section(`创建${entity.docsName}`).rows;
	const expected = EXPECTED[entity.resource];

	test('the create table has the number of fields the page lists', () => {
		expect(createTable).toHaveLength(expected.fields);
	});

	test('same writable field names, in the same order, with the same wire types and labels', () => {
		expect(entity.table.writable.map((f) => [f.name, f.wireType, f.label])).toEqual(createTable.map((r) => [r.name, r.type, r.label]));
	});

	test('required on create: exactly the fields the page does not mark optional (id aside: the server makes it)', () => {
		const required = createTable.filter((r) => !r.optional && r.name !== 'id').map((r) => r.name);
		expect(entity.table.fields.filter((f) => f.requiredOnCreate).map((f) => f.name)).toEqual(required);
	});

	test('the audit fields are read-only and appear in the page’s response example', () => {
		expect(entity.table.fields.filter((f) => f.readOnly).map((f) => f.name)).toEqual(AUDIT);
	});

	test('every table of the page that lists fields (update, save, check key, draft, actions) lists the same ones', () => {
		const listsRecord = sections.filter((s) => s.rows.length === createTable.length);
		expect(listsRecord.length).toBeGreaterThan(3);
		for (const s of listsRecord) expect(s.rows.map((r) => r.name)).toEqual(createTable.map((r) => r.name));
	});

	test('the filters are exactly the DEFAULT list’s request table, and every other list takes the same', () => {
		const filterTable = section('DEFAULT').rows;
		expect(filterTable).toHaveLength(expected.filters);
		expect(entity.table.filters.map((f) => f.key).sort()).toEqual(filterTable.map((r) => r.name).sort());
		for (const list of entity.lists) expect(section(list.docsHeading).rows.map((r) => r.name)).toEqual(filterTable.map((r) => r.name));
	});

	test('every endpoint of the page is an operation, and the operations call nothing the page lacks', () => {
		const documented = sections.flatMap((s) => s.paths.slice(0, 1).map((path) => `${s.method} ${path} ${s.heading}`));
		expect(documented).toHaveLength(expected.endpoints);
		const mapped = entityEndpoints(entity).map((e) => `${e.method} ${e.path} ${e.docsHeading}`);
		expect(mapped.sort()).toEqual(documented.sort());
	});

	test('English display names, unique within the table; 0/1 flags are Integer fields', () => {
		const names = entity.table.fields.map((f) => f.displayName);
		expect(new Set(names).size).toBe(names.length);
		for (const field of entity.table.fields) {
			expect(field.displayName).toMatch(/^[A-Z][A-Za-z0-9 /()-]+$/);
			if (field.kind === 'flag') expect(field.wireType).toBe('Integer');
		}
	});
});

test('the export section of every page also takes a single record ({param}/{key})', () => {
	for (const entity of ENTITIES) {
		const exportSection = docsSections(entity.docsPage).find((s) => s.heading === '数据导出');
		expect(exportSection?.paths).toEqual([`/${entity.path}/exportdata/{param}`, `/${entity.path}/exportdata/{param}/{key}`]);
	}
});

test('the lead, read as an entity, has exactly the endpoints of crm_lead.md', () => {
	const documented = docsSections(LEAD.docsPage).map((s) => `${s.method} ${s.paths[0]} ${s.heading}`);
	expect(documented).toHaveLength(16);
	expect(entityEndpoints(LEAD).map((e) => `${e.method} ${e.path} ${e.docsHeading}`).sort()).toEqual(documented.sort());
});
