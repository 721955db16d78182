/**
 * What a field table is, for every entity of the server: the lead's (leadFields.ts) and those of
 * the entities around it (entities/). One table per entity; node parameters, conversion, the
 * sandbox's schema and the tests derive from it. A table is data: adding an entity adds a table,
 * never a code path.
 */

export type WireType = 'String' | 'Integer' | 'Double' | 'BigDecimal' | 'Timestamp' | 'Object';

/** How a field is presented and converted beyond its wire type. */
export type FieldKind = 'text' | 'integer' | 'flag' | 'number' | 'dateTime' | 'json' | 'options';

/** Filter operators the list endpoints accept: n_<field>_<op> (`in`: a comma-separated list). */
export type FilterOp = 'eq' | 'like' | 'in';

export interface FieldOption {
	name: string;
	value: string;
}

export interface EntityField {
	/** Name on the wire (snake_case, as the API spells it). */
	name: string;
	wireType: WireType;
	kind: FieldKind;
	/** English display name shown in n8n. */
	displayName: string;
	/** The docs page's own (Chinese) label, kept as the parameter's description. */
	label: string;
	/** Required on create (the docs page does not mark it optional). */
	requiredOnCreate?: boolean;
	/** Present in responses only; never sent. */
	readOnly?: boolean;
	/** Known value set, where the API (Odoo) fixes one. */
	options?: FieldOption[];
	/** Filter operators the list endpoint accepts for this field: n_<name>_<op>. */
	filters?: FilterOp[];
}

export type FieldExtra = Partial<Pick<EntityField, 'requiredOnCreate' | 'readOnly' | 'options' | 'filters'>>;

const DEFAULT_KIND: Record<WireType, FieldKind> = {
	String: 'text',
	Integer: 'integer',
	Double: 'number',
	BigDecimal: 'number',
	Timestamp: 'dateTime',
	Object: 'json',
};

/** One row of a table: the kind follows the wire type unless given (flags) or fixed by options. */
export function field(
	name: string,
	wireType: WireType,
	displayName: string,
	label: string,
	kind?: FieldKind,
	extra: FieldExtra = {},
): EntityField {
	const resolvedKind = extra.options ? 'options' : (kind ?? DEFAULT_KIND[wireType]);
	return { name, wireType, kind: resolvedKind, displayName, label, ...extra };
}

/** The four audit fields every iBiz answer carries besides the page's create table. */
export function auditFields(): EntityField[] {
	return [
		field('create_date', 'Timestamp', 'Created At', '创建时间', undefined, { readOnly: true }),
		field('create_uid', 'String', 'Created By', '创建人', undefined, { readOnly: true }),
		field('write_date', 'Timestamp', 'Updated At', '更新时间', undefined, { readOnly: true }),
		field('write_uid', 'String', 'Updated By', '更新人', undefined, { readOnly: true }),
	];
}

export interface FilterSpec {
	/** Wire name: n_<field>_<op>. */
	key: string;
	field: EntityField;
	op: FilterOp;
}

/** A field table with the views every consumer needs, computed once. */
export interface FieldTable {
	/** What one record is called in messages: "lead", "contact". */
	noun: string;
	fields: readonly EntityField[];
	byName: ReadonlyMap<string, EntityField>;
	/** Fields a client may send (everything but the read-only audit fields). */
	writable: readonly EntityField[];
	/** Every filter the list endpoints accept. */
	filters: readonly FilterSpec[];
	filtersByKey: ReadonlyMap<string, FilterSpec>;
	/** Fields the list can be sorted by: every scalar field. */
	sortable: readonly EntityField[];
	/** Fields kept by the Simplify option: the ones a person scans a record by. */
	simplified: readonly string[];
}

export function fieldTable(noun: string, fields: readonly EntityField[], simplified: readonly string[]): FieldTable {
	const byName = new Map(fields.map((f) => [f.name, f]));
	const filters = fields.flatMap((f) => (f.filters ?? []).map((op) => ({ key: `n_${f.name}_${op}`, field: f, op })));
	for (const name of simplified) {
		if (!byName.has(name)) throw new Error(`The ${noun} field table has no field "${name}" to simplify to`);
	}
	return {
		noun,
		fields,
		byName,
		writable: fields.filter((f) => !f.readOnly),
		filters,
		filtersByKey: new Map(filters.map((f) => [f.key, f])),
		sortable: fields.filter((f) => f.wireType !== 'Object'),
		simplified,
	};
}
