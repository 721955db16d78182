/** Reading a server's OpenAPI description into entities (entities/openApi.ts): pure, bounded, and clear about what is wrong. */
import { DESCRIPTION_LIMITS, DescriptionProblem, endpointKey, readServerDescription } from '../../nodes/CrmLead/entities/openApi';
import { ENTITIES } from '../../nodes/CrmLead/entities';
import { openApiDocument } from '../../sandbox/entities/openApi';
import { SERVED_ENTITIES, TEAM } from '../../sandbox/entities/sandboxEntities';

const described = readServerDescription(JSON.parse(JSON.stringify(openApiDocument(SERVED_ENTITIES, 'http://x'))));

test('every collection with a create is an entity; its fields typed as the description types them', () => {
	expect([...described.keys()]).toEqual(SERVED_ENTITIES.map((e) => e.path));
	const teams = described.get('crm_teams')!.entity;
	expect(teams.table.fields.map((f) => [f.name, f.wireType])).toEqual(TEAM.table.fields.map((f) => [f.name, f.wireType === 'Double' ? 'Double' : f.wireType]));
	expect(teams.table.fields.filter((f) => f.requiredOnCreate).map((f) => f.name)).toEqual(['name']);
	expect(teams.table.fields.filter((f) => f.readOnly).map((f) => f.name)).toEqual(['create_date', 'create_uid', 'write_date', 'write_uid']);
	expect(teams.table.filters.map((f) => f.key).sort()).toEqual(TEAM.table.filters.map((f) => f.key).sort());
	expect(teams).toMatchObject({ titleField: 'name', searchFilter: 'n_name_like', displayName: '销售团队' });
});

test('an entity with a page reads back with the same fields, filters and lists as its table', () => {
	for (const entity of ENTITIES) {
		const read = described.get(entity.path)!;
		expect(read.entity.table.fields.map((f) => f.name)).toEqual(entity.table.fields.map((f) => f.name));
		expect(read.entity.table.filters.map((f) => f.key).sort()).toEqual(entity.table.filters.map((f) => f.key).sort());
		expect(read.entity.lists.map((l) => l.dataSet).sort()).toEqual(entity.lists.map((l) => l.dataSet).sort());
	}
	expect(described.get('mail_messages')!.endpoints.has(endpointKey('post', '/mail_threads/{pkey}/mail_messages/{key}/pin'))).toBe(true);
});

test.each([
	['not an object', [], 'it is not a JSON object'],
	['Swagger 2', { swagger: '2.0', paths: {} }, 'it is not an OpenAPI 3 description'],
	['no paths', { openapi: '3.0.3' }, 'it has no "paths" object'],
	['too many paths', { openapi: '3.0.3', paths: Object.fromEntries(Array.from({ length: DESCRIPTION_LIMITS.paths + 1 }, (_, i) => [`/p${i}`, {}])) }, `more than ${DESCRIPTION_LIMITS.paths}`],
])('%s is a DescriptionProblem saying so', (_, doc, message) => {
	expect(() => readServerDescription(doc)).toThrow(DescriptionProblem);
	expect(() => readServerDescription(doc)).toThrow(message);
});

test('odd but valid shapes are read without failing: unresolvable $refs, paths without schemas, an entity without an id', () => {
	const doc = {
		openapi: '3.1.0',
		paths: { '/things': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/missing' } } } } } }, '/bare': { post: {} } },
	};
	const read = readServerDescription(doc);
	expect(read.get('things')!.entity.table.fields.map((f) => f.name)).toEqual(['id']);
	expect(read.get('bare')!.entity.lists).toEqual([]);
});
