/**
 * Other Entity (version 3): any entity of the server by its path — crm_teams, which has no page
 * in this package — with the server's OpenAPI description (fields typed and checked, entity list
 * and columns in the editor) and without one (everything by name), nested paths, and every bad
 * input refused with a clear English error of a stated kind before a wrong request is sent.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { getOtherEntityColumns, searchRecords, searchServerEntities } from '../../nodes/CrmLead/methods/entityMethods';
import { runNode } from '../../scripts/runNode';
import { loadOptionsContext } from '../helpers/loadOptions';
import { useSandbox } from '../helpers/sandbox';

const team = (mode: 'list' | 'path', value: string) => ({ __rl: true, mode, value });
const pairs = (values: Record<string, string>) => ({ fieldValues: { field: Object.entries(values).map(([name, value]) => ({ name, value })) } });

describe('a server that describes its entities (OpenAPI)', () => {
	const env = useSandbox();
	const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
		runNode({ credentials: env.credentials, parameters: { resource: 'otherEntity', entityPath: team('list', 'crm_teams'), ...parameters }, continueOnFail, typeVersion: 3 });
	beforeEach(() => env.sandbox.resetRequests());

	test('every record operation of crm_teams, fields converted by the server’s types', async () => {
		const created = await run({ operation: 'create', ...pairs({ id: 'T-1', name: 'Partners', sequence: '4', use_leads: '1' }) });
		expect(created.error).toBeUndefined();
		expect(env.sandbox.getRecord('crm_teams', 'T-1')).toMatchObject({ name: 'Partners', sequence: 4, use_leads: 1 });
		expect((await run({ operation: 'get', recordId: { __rl: true, mode: 'id', value: 'T-1' } })).items[0].json).toMatchObject({ id: 'T-1', name: 'Partners' });
		const updated = await run({ operation: 'update', fieldsInput: 'json', fieldsJson: '{"id": "T-1", "assignment_max": 30}' });
		expect(updated.items[0].json).toMatchObject({ assignment_max: 30, name: 'Partners' });
		const saved = await run({ operation: 'upsert', ...pairs({ id: 'T-2', name: 'Saved' }) });
		expect(saved.items[0].json.id).toBe('T-2');
		const many = await run({ operation: 'getMany', returnAll: true, recordFilters: { filter: [{ name: 'n_name_like', value: 'a' }] }, recordSort: { rule: [{ field: 'name', direction: 'asc' }] } });
		expect(many.items.map((i) => i.json.name)).toEqual(['Asia', 'Direct Sales', 'Partners', 'Saved']);
		expect((await run({ operation: 'checkKey', keyToCheck: 'T-2' })).items[0].json).toMatchObject({ exists: true, state: 'exists' });
		expect((await run({ operation: 'getDraft', ...pairs({ name: 'Draft' }) })).items[0].json).toMatchObject({ name: 'Draft' });
		expect((await run({ operation: 'delete', recordId: { __rl: true, mode: 'id', value: 'T-2' } })).items[0].json).toEqual({ id: 'T-2', deleted: true });
		// the description was read once per execution, never sent anywhere but the Base URL
		expect(env.sandbox.requests.filter((r) => r.path === '/v3/api-docs').length).toBe(8);
	});

	test('a nested path: messages of a lead’s thread, by the parent’s path and ID', async () => {
		const created = await run({ operation: 'create', entityPath: team('path', 'mail_messages'), parentPath: 'mail_threads', parentId: 'L-77', ...pairs({ message_type: 'comment', body: 'Hi' }) });
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ res_id: 'L-77', body: 'Hi' });
		const thread = await run({ operation: 'getMany', entityPath: team('path', 'mail_messages'), parentPath: 'mail_threads', parentId: 'L-77', returnAll: true });
		expect(thread.items.map((i) => i.json.body)).toEqual(['Hi']);
	});

	test('bad input fails before the wrong request, each with its kind and an English message', async () => {
		const cases: Array<[Record<string, unknown>, string, string]> = [
			[{ operation: 'get', entityPath: team('path', 'crm_teamz'), recordId: { __rl: true, mode: 'id', value: 'x' } }, 'invalidRequest', 'The server has no entity "crm_teamz"'],
			[{ operation: 'getMany', list: 'fetch_nothing' }, 'invalidRequest', 'The server does not offer this operation for "crm_teams"'],
			[{ operation: 'getMany', parentPath: 'mail_threads' }, 'invalidRequest', 'The Parent Path "mail_threads" needs a Parent Record ID'],
			[{ operation: 'getMany', entityPath: team('path', '../crm_leads') }, 'invalidRequest', 'The entity "../crm_leads" is not an entity path'],
			[{ operation: 'create', ...pairs({ name: 'X', colour: 'red' }) }, 'invalidValue', 'Field "colour" is not a known crm team field (use Extra Parameters for server-specific fields)'],
			[{ operation: 'create', ...pairs({ name: 'X', sequence: 'first' }) }, 'invalidValue', 'Field "sequence" expects a number, got "first"'],
			[{ operation: 'create', fieldsInput: 'json', fieldsJson: '[1, 2]' }, 'invalidValue', 'Field "fieldsJson" expects a JSON object of field names and values, e.g. {"name": "Direct Sales"}'],
		];
		for (const [parameters, kind, message] of cases) {
			env.sandbox.resetRequests();
			const { items } = await run(parameters, true);
			expect(items[0].json).toMatchObject({ errorKind: kind, error: message });
			expect(env.sandbox.requests.filter((r) => r.path !== '/v3/api-docs')).toEqual([]);
		}
	});

	test('the editor lists the server’s entities, their fields (typed) and their records', async () => {
		const entities = await searchServerEntities.call(loadOptionsContext(env.credentials), 'team');
		expect(entities.results).toEqual([{ name: '销售团队 (crm_teams)', value: 'crm_teams' }]);
		const columns = await getOtherEntityColumns.call(loadOptionsContext(env.credentials, { resource: 'otherEntity', entityPath: team('list', 'crm_teams'), operation: 'create' }));
		expect(columns.fields.find((f) => f.id === 'sequence')).toMatchObject({ type: 'number' });
		expect(columns.fields.find((f) => f.id === 'name')).toMatchObject({ required: true, type: 'string' });
		const records = await searchRecords.call(loadOptionsContext(env.credentials, { resource: 'otherEntity', entityPath: team('list', 'crm_teams') }), 'euro');
		expect(records.results).toEqual([{ name: 'Europe (team_europe)', value: 'team_europe' }]);
	});
});

describe('a server with no OpenAPI description: everything by name', () => {
	const env = useSandbox({ openApi: false, flavour: 'classic' });
	const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
		runNode({ credentials: env.credentials, parameters: { resource: 'otherEntity', entityPath: team('path', 'crm_teams'), ...parameters }, continueOnFail, typeVersion: 3 });

	test('records are created, read and listed by the entity’s path, fields as given', async () => {
		const created = await run({ operation: 'create', ...pairs({ id: 'N-1', name: 'By name', sequence: '7' }) });
		expect(created.error).toBeUndefined();
		expect(env.sandbox.getRecord('crm_teams', 'N-1')).toMatchObject({ name: 'By name', sequence: 7 });
		const many = await run({ operation: 'getMany', returnAll: true, recordFilters: { filter: [{ name: 'n_name_like', value: 'by' }] } });
		expect(many.items.map((i) => i.json.id)).toEqual(['N-1']);
		const auto = await runNode({
			credentials: env.credentials,
			parameters: { resource: 'otherEntity', entityPath: team('path', 'crm_teams'), operation: 'upsert', fieldsInput: 'mapper', columns: { mappingMode: 'autoMapInputData', value: null } },
			items: [{ json: { id: 'N-2', name: 'From the item' } }],
			typeVersion: 3,
		});
		expect(auto.items[0].json).toMatchObject({ id: 'N-2', name: 'From the item' });
	});

	test('a path the server lacks is the server’s 404, as a clear error of kind invalidRequest', async () => {
		const { items } = await run({ operation: 'getMany', entityPath: team('path', 'crm_teamz') }, true);
		expect(items[0].json.errorKind).toBe('invalidRequest');
		expect(String(items[0].json.error)).toMatch(/^The server has no endpoint for this call/);
	});

	test('the editor’s entity list says why there is none, instead of failing', async () => {
		await expect(searchServerEntities.call(loadOptionsContext(env.credentials))).rejects.toThrow('This server does not describe its entities: choose "By Path" and type the entity’s path, e.g. crm_teams');
		const columns = await getOtherEntityColumns.call(loadOptionsContext(env.credentials, { resource: 'otherEntity', entityPath: 'crm_teams', operation: 'create' }));
		expect(columns.fields).toEqual([]);
	});
});

describe('descriptions that cannot be read: huge, malformed, not JSON', () => {
	let server: Server;
	let body = '';
	const credentials = () => ({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accessToken: 't' });
	beforeAll(async () => {
		server = createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	test.each([
		['more than 8 MiB', () => `{"openapi":"3.0.3","paths":{},"pad":"${'x'.repeat(8 * 1024 * 1024)}"}`, /is more than the 8388608 bytes read/],
		['not JSON (a web page)', () => '<html>login</html>', /not JSON/],
		['JSON, but not OpenAPI 3', () => '{"swagger":"2.0","paths":{}}', /not an OpenAPI 3 description/],
		['OpenAPI without paths', () => '{"openapi":"3.0.3"}', /has no "paths" object/],
	])('%s: the editor’s entity list says why there is none', async (_, make, reason) => {
		body = make();
		const error = await searchServerEntities.call(loadOptionsContext(credentials())).catch((e: { description?: string }) => e);
		expect((error as { description: string }).description).toMatch(reason);
	});
});
