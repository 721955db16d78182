/**
 * Lead persistence on better-sqlite3. Speaks wire values in and full wire records out;
 * the SQL (columns, conditions, ordering) is generated from the field table.
 */
import Database from 'better-sqlite3';
import type { FilterOp } from '../nodes/CrmLead/fields/fieldTable';
import { KEY_FIELD, LEAD_FIELDS, LEAD_FIELDS_BY_NAME, quoteIdent, type LeadField } from './fields';
import { DELETED_KEYS_TABLE, EXTRAS_COLUMN, LEADS_TABLE, MESSAGES_TABLE, SEQ_COLUMN, createSchema } from './schema';
import type { WireValue } from './validate';

export type LeadRecord = Record<string, unknown>;

export interface LeadWrite {
	values: Record<string, WireValue>;
	extras: Record<string, unknown>;
}

/** One WHERE term: `eq` exact, `like` case-insensitive substring, `in` one of a comma-separated list, on a table field. */
export interface Condition {
	field: LeadField;
	op: FilterOp;
	value: string | number | null;
}

export interface SortKey {
	field: LeadField;
	direction: 'asc' | 'desc';
}

export interface ListSpec {
	conditions: readonly Condition[];
	sort: readonly SortKey[];
	/** Omitted = every matching row. */
	limit?: number;
	offset: number;
}

export interface StoredMessage {
	template: string;
	subject: string | null;
	body: string;
	createdAt: string;
}

export interface GroupTotal {
	group: string | null;
	count: number;
	sum: number;
}

const BULK_REINDEX_THRESHOLD = 5000;
const KEY = quoteIdent(KEY_FIELD.name);
const QUOTED = new Map(LEAD_FIELDS.map((f) => [f, quoteIdent(f.name)]));
/** Distinct SQL texts kept prepared; inserts vary by which columns are set, so bound the cache. */
const MAX_CACHED_STATEMENTS = 1000;

export class LeadStore {
	private readonly db: Database.Database;
	private readonly statements = new Map<string, Database.Statement>();

	constructor(dbPath: string) {
		this.db = new Database(dbPath);
		if (dbPath !== ':memory:' && dbPath !== '') this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = NORMAL');
		addContainsFunction(this.db);
		createSchema(this.db);
	}

	close(): void {
		if (this.db.open) this.db.close();
	}

	/** Runs `work` in one transaction (all or nothing). */
	transaction<T>(work: () => T): T {
		return this.db.transaction(work)();
	}

	insert(lead: LeadWrite): void {
		// Only the columns that have a value: binding ~95 NULLs per row costs more than the row itself.
		const fields = LEAD_FIELDS.filter((f) => lead.values[f.name] !== undefined && lead.values[f.name] !== null);
		const params = fields.map((f) => toColumnValue(f, lead.values[f.name]));
		params.push(Object.keys(lead.extras).length > 0 ? JSON.stringify(lead.extras) : null);
		const columns = [...fields.map((f) => QUOTED.get(f) as string), EXTRAS_COLUMN];
		this.statement(`INSERT INTO ${LEADS_TABLE} (${columns.join(', ')}) VALUES (${params.map(() => '?').join(', ')})`).run(params);
	}

	/**
	 * Bulk insert in one transaction. Large batches drop and rebuild the secondary indexes:
	 * one sort per index is far cheaper than 100k incremental index updates.
	 */
	insertMany(leads: readonly LeadWrite[]): void {
		this.transaction(() => {
			const rebuild = leads.length >= BULK_REINDEX_THRESHOLD ? this.dropSecondaryIndexes() : [];
			for (const lead of leads) this.insert(lead);
			for (const sql of rebuild) this.db.exec(sql);
		});
	}

	private dropSecondaryIndexes(): string[] {
		const indexes = this.db
			.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
			.all(LEADS_TABLE) as Array<{ name: string; sql: string }>;
		for (const index of indexes) this.db.exec(`DROP INDEX ${quoteIdent(index.name)}`);
		return indexes.map((i) => i.sql);
	}

	/** Writes the given fields only; extras are merged key by key. Returns false when missing. */
	update(id: string, patch: LeadWrite): boolean {
		const current = this.statement(`SELECT ${EXTRAS_COLUMN} AS extras FROM ${LEADS_TABLE} WHERE ${KEY} = ?`).get(id) as
			| { extras: string | null }
			| undefined;
		if (!current) return false;
		const names = Object.keys(patch.values).filter((n) => n !== KEY_FIELD.name && LEAD_FIELDS_BY_NAME.has(n));
		const assignments = names.map((n) => `${quoteIdent(n)} = ?`);
		const params: unknown[] = names.map((n) => toColumnValue(LEAD_FIELDS_BY_NAME.get(n) as LeadField, patch.values[n]));
		if (Object.keys(patch.extras).length > 0) {
			assignments.push(`${EXTRAS_COLUMN} = ?`);
			params.push(JSON.stringify({ ...parseExtras(current.extras), ...patch.extras }));
		}
		if (assignments.length === 0) return true;
		this.statement(`UPDATE ${LEADS_TABLE} SET ${assignments.join(', ')} WHERE ${KEY} = ?`).run([...params, id]);
		return true;
	}

	get(id: string): LeadRecord | undefined {
		const row = this.statement(`SELECT * FROM ${LEADS_TABLE} WHERE ${KEY} = ?`).get(id) as Record<string, unknown> | undefined;
		return row ? rowToRecord(row) : undefined;
	}

	exists(id: string): boolean {
		return this.statement(`SELECT 1 FROM ${LEADS_TABLE} WHERE ${KEY} = ?`).get(id) !== undefined;
	}

	/** Removes the lead and its messages; `keepKey` remembers the key as deleted (cloud). */
	delete(id: string, keepKey = false): boolean {
		return this.transaction(() => {
			this.statement(`DELETE FROM ${MESSAGES_TABLE} WHERE lead_id = ?`).run(id);
			const deleted = this.statement(`DELETE FROM ${LEADS_TABLE} WHERE ${KEY} = ?`).run(id).changes > 0;
			if (deleted && keepKey) this.statement(`INSERT OR IGNORE INTO ${DELETED_KEYS_TABLE} (id) VALUES (?)`).run(id);
			return deleted;
		});
	}

	isDeletedKey(id: string): boolean {
		return this.statement(`SELECT 1 FROM ${DELETED_KEYS_TABLE} WHERE id = ?`).get(id) !== undefined;
	}

	deletedKeys(): string[] {
		return (this.statement(`SELECT id FROM ${DELETED_KEYS_TABLE} ORDER BY rowid`).all() as Array<{ id: string }>).map((r) => r.id);
	}

	list(spec: ListSpec): LeadRecord[] {
		const where = whereClause(spec.conditions);
		const order = [...spec.sort.map((s) => `${quoteIdent(s.field.name)} ${s.direction.toUpperCase()}`), `${SEQ_COLUMN} ASC`].join(', ');
		const paging = spec.limit === undefined ? (spec.offset > 0 ? ' LIMIT -1 OFFSET ?' : '') : ' LIMIT ? OFFSET ?';
		const params: unknown[] = [...where.params];
		if (spec.limit !== undefined) params.push(spec.limit, spec.offset);
		else if (spec.offset > 0) params.push(spec.offset);
		const rows = this.statement(`SELECT * FROM ${LEADS_TABLE}${where.sql} ORDER BY ${order}${paging}`).all(params) as Array<Record<string, unknown>>;
		return rows.map(rowToRecord);
	}

	count(conditions: readonly Condition[] = []): number {
		const where = whereClause(conditions);
		return (this.statement(`SELECT COUNT(*) AS n FROM ${LEADS_TABLE}${where.sql}`).get(where.params) as { n: number }).n;
	}

	/** COUNT and SUM per value of `groupBy` (null group included), ordered by the group value. */
	groupTotals(groupBy: LeadField, sumOf: LeadField, conditions: readonly Condition[]): GroupTotal[] {
		const where = whereClause(conditions);
		const sql = `SELECT ${quoteIdent(groupBy.name)} AS grp, COUNT(*) AS n, TOTAL(${quoteIdent(sumOf.name)}) AS total
			FROM ${LEADS_TABLE}${where.sql} GROUP BY grp ORDER BY grp`;
		const rows = this.statement(sql).all(where.params) as Array<{ grp: string | null; n: number; total: number }>;
		return rows.map((r) => ({ group: r.grp === null ? null : String(r.grp), count: r.n, sum: r.total }));
	}

	addMessage(leadId: string, message: StoredMessage): void {
		this.statement(`INSERT INTO ${MESSAGES_TABLE} (lead_id, template, subject, body, created_at) VALUES (?, ?, ?, ?, ?)`).run(
			leadId,
			message.template,
			message.subject,
			message.body,
			message.createdAt,
		);
	}

	messages(leadId: string): StoredMessage[] {
		return this.statement(
			`SELECT template, subject, body, created_at AS createdAt FROM ${MESSAGES_TABLE} WHERE lead_id = ? ORDER BY id`,
		).all(leadId) as StoredMessage[];
	}

	private statement(sql: string): Database.Statement {
		let statement = this.statements.get(sql);
		if (!statement) {
			if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}
}

/** contains_ci(haystack, needle): SQLite's own lower()/LIKE fold ASCII only; n_name_like must fold any script. */
export function addContainsFunction(db: Database.Database): void {
	db.function('contains_ci', { deterministic: true }, (haystack: unknown, needle: unknown) =>
		typeof haystack === 'string' && typeof needle === 'string' && haystack.toLowerCase().includes(needle.toLowerCase()) ? 1 : 0,
	);
}

/** The WHERE clause of a list: shared by every entity's store (sandbox/entities/entityStore.ts). */
export function whereClause(conditions: readonly Condition[]): { sql: string; params: unknown[] } {
	if (conditions.length === 0) return { sql: '', params: [] };
	const params: unknown[] = [];
	const terms = conditions.map((c) => {
		const column = quoteIdent(c.field.name);
		if (c.value === null) return `${column} IS NULL`;
		if (c.op === 'in') {
			const values = String(c.value).split(',').map((v) => v.trim()).filter((v) => v !== '');
			params.push(...values);
			return values.length ? `${column} IN (${values.map(() => '?').join(', ')})` : '0';
		}
		params.push(c.value);
		return c.op === 'like' ? `contains_ci(${column}, ?)` : `${column} = ?`;
	});
	return { sql: ` WHERE ${terms.join(' AND ')}`, params };
}

function toColumnValue(field: LeadField, value: WireValue): unknown {
	if (value === undefined || value === null) return null;
	return field.wireType === 'Object' ? JSON.stringify(value) : value;
}

function parseExtras(text: string | null): Record<string, unknown> {
	return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Every table field (null where unset), in table order, then the kept extra properties. */
function rowToRecord(row: Record<string, unknown>): LeadRecord {
	const record: LeadRecord = {};
	for (const field of LEAD_FIELDS) {
		const value = row[field.name] ?? null;
		record[field.name] = field.wireType === 'Object' && typeof value === 'string' ? JSON.parse(value) : value;
	}
	for (const [name, value] of Object.entries(parseExtras(row[EXTRAS_COLUMN] as string | null))) {
		if (!LEAD_FIELDS_BY_NAME.has(name)) record[name] = value;
	}
	return record;
}
