/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Reading output schemas the way a test needs them: the dialect n8n's own files use, and how a
 * real output item compares with a schema (every key described, with a matching type).
 */
import Ajv from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SchemaNode {
	type?: string | string[];
	properties?: Record<string, SchemaNode>;
	items?: SchemaNode;
	required?: string[];
	description?: string;
	version?: number;
}

const TYPE_NAMES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

function typesOf(schema: SchemaNode): string[] {
	return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/**
 * Problems of one schema file against JSON Schema draft 7 (ajv's meta-schema) and n8n's dialect:
 * an object at the top with properties and "version": 1, every property typed with JSON type
 * names (the editor reads the first), arrays with items (an object of unknown shape may have no
 * properties: the Object fields of a lead).
 */
export function dialectProblems(schema: SchemaNode): string[] {
	const problems: string[] = [];
	const ajv = new Ajv();
	if (!ajv.validateSchema(schema)) problems.push(`not JSON Schema draft 7: ${ajv.errorsText(ajv.errors)}`);
	if (schema.type !== 'object' || !schema.properties) problems.push('top level is not an object schema with properties');
	if (schema.version !== 1) problems.push('no "version": 1 at the top');
	const visit = (node: SchemaNode, path: string) => {
		const types = typesOf(node);
		if (types.length === 0 || types.some((t) => !TYPE_NAMES.has(t))) problems.push(`${path}: type ${JSON.stringify(node.type)}`);
		if (types.includes('array') && types[0] === 'array' && !node.items) problems.push(`${path}: array without items`);
		for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${path}.${key}`);
		if (node.items) visit(node.items, `${path}[]`);
	};
	visit(schema, '');
	return problems;
}

function jsonType(value: Json): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function typeMatches(allowed: string[], actual: string): boolean {
	return allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
}

/**
 * Where a real output value and its schema disagree: a key the schema does not describe, a
 * value of another type, a required key missing. Walks nested objects and arrays.
 */
export function outputMismatches(schema: SchemaNode, value: Json, path = ''): string[] {
	const actual = jsonType(value);
	const allowed = typesOf(schema);
	if (!typeMatches(allowed, actual)) return [`${path || '(item)'}: ${actual} ${JSON.stringify(value)?.slice(0, 40)}, schema says ${allowed.join('|')}`];
	if (actual === 'array' && schema.items) {
		return (value as Json[]).flatMap((element, index) => outputMismatches(schema.items as SchemaNode, element, `${path}[${index}]`));
	}
	if (actual !== 'object' || !schema.properties) return [];
	const record = value as Record<string, Json>;
	const problems = Object.keys(record)
		.filter((key) => !schema.properties?.[key])
		.map((key) => `${path}.${key}: not in the schema`);
	for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: required but missing`);
	for (const [key, child] of Object.entries(schema.properties)) {
		if (key in record) problems.push(...outputMismatches(child, record[key], `${path}.${key}`));
	}
	return problems;
}
