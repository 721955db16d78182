/**
 * The subset of JSON Schema (draft 7) n8n's output schemas use — the dialect of
 * n8n-nodes-base's `__schema__/v<x.y.z>/<resource>/<operation>.json`: an object schema with
 * `properties`, plain `type` names (the editor's preview reads the first of a type list) and
 * n8n's `"version": 1` marker at the top.
 */
export type JsonTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface PropertySchema {
	type: JsonTypeName | JsonTypeName[];
	description?: string;
	properties?: Record<string, PropertySchema>;
	required?: string[];
	items?: PropertySchema;
}

/** A whole file: what `GET /schemas/<node type>/<version>/<resource>/<operation>.json` answers. */
export interface OutputSchema extends PropertySchema {
	type: 'object';
	properties: Record<string, PropertySchema>;
	/** n8n's schema-format marker (every file n8n-nodes-base ships has it). */
	version: 1;
}

export function value(type: JsonTypeName | JsonTypeName[], description?: string): PropertySchema {
	return description ? { type, description } : { type };
}

/** An object whose listed keys are always present (the node builds it). */
export function object(properties: Record<string, PropertySchema>, required: string[] = Object.keys(properties)): PropertySchema {
	return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

export function arrayOf(items: PropertySchema, description?: string): PropertySchema {
	return { type: 'array', items, ...(description ? { description } : {}) };
}

/** The top of one schema file. */
export function outputSchema(shape: PropertySchema, description: string): OutputSchema {
	return { type: 'object', description, properties: shape.properties ?? {}, ...(shape.required ? { required: shape.required } : {}), version: 1 };
}
