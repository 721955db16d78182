/**
 * SQLite schema derived from the field table: one column per field, plus the insertion
 * sequence (stable default order and paging tie-break) and a JSON column for extra properties.
 * The sequence is a plain rowid (no AUTOINCREMENT): new rows always sort after every existing
 * row, which is all the ordering needs, and bulk inserts skip the sqlite_sequence bookkeeping.
 */
import type Database from 'better-sqlite3';
import { AUDIT, KEY_FIELD, LEAD_FIELDS, LEAD_FILTERS, mustGet, quoteIdent, sqliteType } from './fields';

export const LEADS_TABLE = 'crm_lead';
export const MESSAGES_TABLE = 'crm_lead_message';
/** Keys deleted on a cloud server: its logic-valid delete keeps them (CheckKeyStates.DELETE). */
export const DELETED_KEYS_TABLE = 'crm_lead_deleted_key';
/** Internal columns start with an underscore; no API field does. */
export const SEQ_COLUMN = '_seq';
export const EXTRAS_COLUMN = '_extras';

/** Columns indexed besides the filters: the audit timestamps (polling) and name (sorting). */
const EXTRA_INDEXED = [AUDIT.createdAt, AUDIT.updatedAt, mustGet('name').name];

export function createSchema(db: Database.Database): void {
	const columns = LEAD_FIELDS.map((f) =>
		f === KEY_FIELD ? `${quoteIdent(f.name)} TEXT NOT NULL UNIQUE` : `${quoteIdent(f.name)} ${sqliteType(f.wireType)}`,
	);
	db.exec(`CREATE TABLE IF NOT EXISTS ${LEADS_TABLE} (
		${SEQ_COLUMN} INTEGER PRIMARY KEY,
		${columns.join(',\n\t\t')},
		${EXTRAS_COLUMN} TEXT
	)`);
	addMissingColumns(db);

	const indexed = new Set([...LEAD_FILTERS.map((f) => f.field.name), ...EXTRA_INDEXED]);
	indexed.delete(KEY_FIELD.name); // already UNIQUE
	for (const name of indexed) {
		db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`ix_${LEADS_TABLE}_${name}`)} ON ${LEADS_TABLE} (${quoteIdent(name)})`);
	}

	db.exec(`CREATE TABLE IF NOT EXISTS ${MESSAGES_TABLE} (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		lead_id TEXT NOT NULL,
		template TEXT NOT NULL,
		subject TEXT,
		body TEXT NOT NULL,
		created_at TEXT NOT NULL
	)`);
	db.exec(`CREATE INDEX IF NOT EXISTS ix_${MESSAGES_TABLE}_lead ON ${MESSAGES_TABLE} (lead_id)`);
	db.exec(`CREATE TABLE IF NOT EXISTS ${DELETED_KEYS_TABLE} (id TEXT PRIMARY KEY)`);
}

/** A file-backed database made by an older field table gains the new fields' columns. */
function addMissingColumns(db: Database.Database): void {
	const existing = new Set((db.prepare(`PRAGMA table_info(${LEADS_TABLE})`).all() as Array<{ name: string }>).map((c) => c.name));
	for (const field of LEAD_FIELDS) {
		if (!existing.has(field.name)) {
			db.exec(`ALTER TABLE ${LEADS_TABLE} ADD COLUMN ${quoteIdent(field.name)} ${sqliteType(field.wireType)}`);
		}
	}
}
