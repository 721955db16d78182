/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** The output schemas the build writes: n8n's dialect, every operation of every version, derived from the field table, packed. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { CrmLead } from '../../nodes/CrmLead/CrmLead.node';
import { leadOperations } from '../../nodes/CrmLead/actions/lead/Lead.resource';
import { leadOperationsV2 } from '../../nodes/CrmLead/actions/lead/v2/Lead.resource';
import { versionOperations } from '../../nodes/CrmLead/actions/nodeDescription';
import { LEAD_FIELDS, SIMPLIFIED_FIELD_NAMES, type FieldKind, type WireType } from '../../nodes/CrmLead/fields/leadFields';
import { NODE_DIRS, outputSchemaFiles, versionFolder } from '../../scripts/schemas/catalogue';
import { leadRecordSchema } from '../../scripts/schemas/leadSchema';
import { readPackJson } from '../../scripts/npmPack';
import { dialectProblems, type SchemaNode } from '../helpers/outputSchema';

const files = outputSchemaFiles();
const byPath = new Map(files.map((f) => [f.path, f.schema as SchemaNode]));
const schemaAt = (path: string) => {
	const schema = byPath.get(path);
	if (!schema) throw new Error(`no schema file ${path}`);
	return schema;
};

test('every file is JSON Schema (draft 7) in n8n dialect: object, typed properties, "version": 1', () => {
	expect(files.length).toBeGreaterThan(40);
	for (const { path, schema } of files) expect({ path, problems: dialectProblems(schema as SchemaNode) }).toEqual({ path, problems: [] });
});

test('the dialect check itself refuses what n8n cannot read', () => {
	expect(dialectProblems({ type: 'object', properties: { a: { type: 'text' } }, version: 1 })).toEqual(
		expect.arrayContaining([expect.stringContaining('.a: type "text"')]),
	);
	expect(dialectProblems({ type: 'object', properties: {} })).toContain('no "version": 1 at the top');
});

const node = new CrmLead();
describe.each([
	[1, versionOperations(leadOperations)],
	[2, versionOperations(leadOperationsV2)],
])('version %i', (version, operations) => {
	test('every operation the router runs has its <resource>/<operation>.json, and nothing else is shipped', () => {
		const expected = Object.entries(operations).flatMap(([resource, ops]) =>
			Object.keys(ops).map((op) => `${NODE_DIRS.crmLead}/__schema__/${versionFolder(version)}/${resource}/${op}.json`),
		);
		const shipped = files
			.map((f) => f.path)
			.filter((p) => p.startsWith(`${NODE_DIRS.crmLead}/__schema__/${versionFolder(version)}/`) && !/\.simplify-(true|false)\.json$/.test(p));
		expect(shipped.sort()).toEqual(expected.sort());
	});

	test('the node version is one n8n pads to this folder', () => {
		expect((node.nodeVersions[version] as INodeType).description.version).toBe(version);
	});
});

/** What the wire type alone says the JSON type must be (independent of the generator's kind table). */
const WIRE_JSON_TYPE: Record<WireType, string> = { String: 'string', Timestamp: 'string', Integer: 'integer', Double: 'number', BigDecimal: 'number', Object: 'object' };

describe.each(['v1.0.0', 'v2.0.0'])('%s lead schemas', (folder) => {
	const lead = (file: string) => schemaAt(`${NODE_DIRS.crmLead}/__schema__/${folder}/lead/${file}`);

	test('Get without Simplify lists all 95 fields of the table, each typed as the server sends it, null allowed', () => {
		const { properties = {} } = lead('get.simplify-false.json');
		expect(Object.keys(properties)).toEqual(LEAD_FIELDS.map((f) => f.name));
		for (const field of LEAD_FIELDS) {
			expect({ field: field.name, type: properties[field.name].type }).toEqual({
				field: field.name,
				type: expect.arrayContaining([WIRE_JSON_TYPE[field.wireType], 'null']),
			});
			expect(properties[field.name].description).toBe(field.displayName);
		}
		expect(properties.active.type).toEqual(['integer', 'null']); // a flag stays 0/1 without Convert Values
	});

	test('Get and Get Many default to Simplify (the summary fields); Create and Update default to the whole lead', () => {
		expect(Object.keys(lead('get.json').properties ?? {})).toEqual(SIMPLIFIED_FIELD_NAMES); // the output's order
		expect(Object.keys(lead('getMany.json').properties ?? {}).sort()).toEqual([...SIMPLIFIED_FIELD_NAMES].sort());
		for (const op of ['create', 'update', 'upsert', 'getDraft', 'postMessage']) {
			expect(Object.keys(lead(`${op}.json`).properties ?? {})).toHaveLength(LEAD_FIELDS.length);
		}
		expect(Object.keys(lead('create.simplify-true.json').properties ?? {}).sort()).toEqual([...SIMPLIFIED_FIELD_NAMES].sort());
	});

	test('Delete and Check Key describe the keys the node builds, all required', () => {
		expect(lead('delete.json').required).toEqual(['id', 'deleted']);
		expect(lead('checkKey.json').properties?.exists.type).toBe('boolean');
		expect(lead('checkKey.json').required).toEqual(['id', 'exists', 'state', 'result', 'message']);
	});
});

test('binary operations describe the json next to the file; the trigger ships one output.json', () => {
	const print = schemaAt(`${NODE_DIRS.crmLead}/__schema__/v2.0.0/document/print.json`);
	expect(print.required).toEqual(['fileName', 'mimeType', 'fileSize', 'id']);
	const trigger = schemaAt(`${NODE_DIRS.crmLeadTrigger}/__schema__/v1.0.0/output.json`);
	expect(Object.keys(trigger.properties ?? {}).sort()).toEqual([...SIMPLIFIED_FIELD_NAMES].sort());
});

test('a field kind the generator cannot describe fails, naming the field', () => {
	const unknown = { ...LEAD_FIELDS[0], name: 'geo_point', kind: 'geoPoint' as FieldKind };
	expect(() => leadRecordSchema(false, [...LEAD_FIELDS, unknown])).toThrow(
		'Output schema: lead field "geo_point" has kind "geoPoint", which no JSON type describes',
	);
});

test('the build step fails (exit code 1) when the field table has a kind it cannot describe', () => {
	// The real build script, run against a field table with one field of an unknown kind.
	const script = `
		const table = require('./nodes/CrmLead/fields/leadFields');
		table.LEAD_FIELDS.push({ ...table.LEAD_FIELDS[0], name: 'geo_point', kind: 'geoPoint' });
		require('./scripts/build-schemas');`;
	const root = resolve(__dirname, '../..');
	const tsx = join(root, 'node_modules/.bin/tsx');
	let failure: { status?: number; stderr?: string } = {};
	try {
		execFileSync(tsx, ['-e', script], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
	} catch (error) {
		failure = error as { status?: number; stderr?: string };
	}
	expect(failure.status).toBe(1);
	expect(failure.stderr).toContain('lead field "geo_point" has kind "geoPoint"');
}, 60000);

test('npm pack takes every schema file (package.json "files")', () => {
	// A throwaway package folder: this package.json and the generated files, packed dry.
	const work = mkdtempSync(join(tmpdir(), 'schema-pack-'));
	try {
		copyFileSync(resolve(__dirname, '../../package.json'), join(work, 'package.json'));
		for (const { path, schema } of files) {
			mkdirSync(dirname(join(work, path)), { recursive: true });
			writeFileSync(join(work, path), JSON.stringify(schema));
		}
		const info = readPackJson(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: work, encoding: 'utf8' }));
		const packed = new Set(info.files.map((f) => f.path));
		expect(files.map((f) => f.path).filter((p) => !packed.has(p))).toEqual([]);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}, 60000);
