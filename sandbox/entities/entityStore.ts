/**
 * Any entity's records on SQLite, from its field table (the lead keeps its own tuned store.ts;
 * this one is the same idea for every other entity): one column per field, an insertion
 * sequence for a stable order, extra properties as JSON, and the keys a cloud server deleted.
 */
import type Database from 'better-sqlite3';

import type { Entity } from '../../nodes/CrmLead/entities';
import type { EntityField } from '../../nodes/CrmLead/fields/fieldTable';
import { quoteIdent, sqliteType } from '../fields';
import { whereClause, type Condition, type SortKey } from '../store';

export type EntityRecord = Record<string, unknown>;

/** A data set's own rule (fetch_is_company: is_company = 1…), as SQL over the entity's columns. */
export interface SqlRule {
	sql: string;
	params: unknown[];
}

export interface EntityQuery {
	conditions: readonly Condition[];
	rules: readonly SqlRule[];
	sort: readonly SortKey[];
	limit?: number;
	offset: number;
}

const SEQ = '_seq';
const EXTRAS = '_extras';

export class EntityStore {
	private readonly table: string;
	private readonly deletedTable: string;

	constructor(
		private readonly db: Database.Database,
		readonly entity: Entity,
	) {
		this.table = quoteIdent(`ent_${entity.path}`);
		this.deletedTable = quoteIdent(`ent_${entity.path}_deleted_key`);
		const columns = entity.table.fields.map((f) =>
			f.name === 'id' ? `${quoteIdent(f.name)} TEXT NOT NULL UNIQUE` : `${quoteIdent(f.name)} ${sqliteType(f.wireType)}`,
		);
		db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (${SEQ} INTEGER PRIMARY KEY, ${columns.join(', ')}, ${EXTRAS} TEXT)`);
		db.exec(`CREATE TABLE IF NOT EXISTS ${this.deletedTable} (id TEXT PRIMARY KEY)`);
	}

	insert(values: EntityRecord, extras: EntityRecord): void {
		const fields = this.entity.table.fields.filter((f) => values[f.name] !== undefined && values[f.name] !== null);
		const columns = [...fields.map((f) => quoteIdent(f.name)), EXTRAS];
		const params = [...fields.map((f) => toColumn(f, values[f.name])), Object.keys(extras).length ? JSON.stringify(extras) : null];
		this.db.prepare(`INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${params.map(() => '?').join(', ')})`).run(params);
	}

	get(id: string): EntityRecord | undefined {
		const row = this.db.prepare(`SELECT * FROM ${this.table} WHERE "id" = ?`).get(id) as EntityRecord | undefined;
		return row ? this.toRecord(row) : undefined;
	}

	update(id: string, values: EntityRecord, extras: EntityRecord): void {
		const names = Object.keys(values).filter((n) => n !== 'id' && this.entity.table.byName.has(n));
		const assignments = names.map((n) => `${quoteIdent(n)} = ?`);
		const params = names.map((n) => toColumn(this.entity.table.byName.get(n) as EntityField, values[n]));
		if (Object.keys(extras).length) {
			const current = this.db.prepare(`SELECT ${EXTRAS} AS extras FROM ${this.table} WHERE "id" = ?`).get(id) as { extras: string | null };
			assignments.push(`${EXTRAS} = ?`);
			params.push(JSON.stringify({ ...parseExtras(current?.extras ?? null), ...extras }));
		}
		if (assignments.length) this.db.prepare(`UPDATE ${this.table} SET ${assignments.join(', ')} WHERE "id" = ?`).run([...params, id]);
	}

	delete(id: string, keepKey: boolean): boolean {
		const deleted = this.db.prepare(`DELETE FROM ${this.table} WHERE "id" = ?`).run(id).changes > 0;
		if (deleted && keepKey) this.db.prepare(`INSERT OR IGNORE INTO ${this.deletedTable} (id) VALUES (?)`).run(id);
		return deleted;
	}

	isDeletedKey(id: string): boolean {
		return this.db.prepare(`SELECT 1 FROM ${this.deletedTable} WHERE id = ?`).get(id) !== undefined;
	}

	/** Runs `work` in one transaction (all or nothing). */
	transaction<T>(work: () => T): T {
		return this.db.transaction(work)();
	}

	list(query: EntityQuery): EntityRecord[] {
		const where = this.where(query);
		const order = [...query.sort.map((s) => `${quoteIdent(s.field.name)} ${s.direction.toUpperCase()}`), `${SEQ} ASC`].join(', ');
		const paging = query.limit === undefined ? '' : ' LIMIT ? OFFSET ?';
		const params = query.limit === undefined ? where.params : [...where.params, query.limit, query.offset];
		const rows = this.db.prepare(`SELECT * FROM ${this.table}${where.sql} ORDER BY ${order}${paging}`).all(params) as EntityRecord[];
		return rows.map((row) => this.toRecord(row));
	}

	count(query: Pick<EntityQuery, 'conditions' | 'rules'>): number {
		const where = this.where(query);
		return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.table}${where.sql}`).get(where.params) as { n: number }).n;
	}

	private where(query: Pick<EntityQuery, 'conditions' | 'rules'>): { sql: string; params: unknown[] } {
		const filters = whereClause(query.conditions);
		const terms = [filters.sql.replace(/^ WHERE /, ''), ...query.rules.map((r) => `(${r.sql})`)].filter((t) => t !== '');
		const params = [...filters.params, ...query.rules.flatMap((r) => r.params)];
		return { sql: terms.length ? ` WHERE ${terms.join(' AND ')}` : '', params };
	}

	private toRecord(row: EntityRecord): EntityRecord {
		const record: EntityRecord = {};
		for (const field of this.entity.table.fields) {
			const value = row[field.name] ?? null;
			record[field.name] = field.wireType === 'Object' && typeof value === 'string' ? JSON.parse(value) : value;
		}
		for (const [name, value] of Object.entries(parseExtras(row[EXTRAS] as string | null))) {
			if (!this.entity.table.byName.has(name)) record[name] = value;
		}
		return record;
	}
}

function toColumn(field: EntityField, value: unknown): unknown {
	if (value === undefined || value === null) return null;
	return field.wireType === 'Object' ? JSON.stringify(value) : value;
}

function parseExtras(text: string | null): EntityRecord {
	return text ? (JSON.parse(text) as EntityRecord) : {};
}
