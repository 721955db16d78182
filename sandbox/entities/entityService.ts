/**
 * One entity's use cases for the routes (create, get, update, save, delete, check_key, draft,
 * lists), validated from its field table exactly like the lead's (validate.ts), with the
 * flavour's rules: cloud keeps deleted keys (check_key 2, never reused). A parent scope (the
 * nested paths /<parent>/{pkey}/<entity>…) limits every call to the records linked to that parent.
 */
import { randomUUID } from 'node:crypto';

import type { Clock } from '../clock';
import { notFound } from '../apiErrors';
import { KEY_STATES, SANDBOX_USER, type KeyState } from '../leads';
import { coerceFieldValue, problemsToError, validateRecord, type FieldProblem } from '../validate';
import type { EntityQuery, EntityRecord, EntityStore } from './entityStore';

/** The parent a nested path names: its records are those whose link field holds its ID. */
export interface ParentScope {
	linkField: string;
	parentId: string;
}

const AUDIT_STAMPS = (now: string, creating: boolean): EntityRecord => ({
	...(creating ? { create_date: now, create_uid: SANDBOX_USER } : {}),
	write_date: now,
	write_uid: SANDBOX_USER,
});

export class EntityService {
	readonly name: string;

	constructor(
		readonly store: EntityStore,
		private readonly clock: Clock,
		private readonly keepDeletedKeys: boolean,
	) {
		this.name = store.entity.path.replace(/s$/, '').replace(/ie$/, 'y');
	}

	create(body: EntityRecord, scope?: ParentScope, stamp = true): EntityRecord {
		const { values, extras, problems } = validateRecord(this.store.entity.table, withScope(body, scope), 'create', {
			acceptReadOnly: !stamp,
		});
		const given = typeof values.id === 'string' && values.id !== '' ? values.id : undefined;
		if (given !== undefined && problems.length === 0) {
			if (this.store.get(given)) problems.push({ field: 'id', reason: `'${given}' already exists`, code: 'duplicate' });
			else if (this.store.isDeletedKey(given)) problems.push({ field: 'id', reason: `'${given}' was deleted and cannot be used again`, code: 'deleted' });
		}
		if (problems.length) throw problemsToError(problems, given, this.name);
		const id = given ?? randomUUID();
		this.store.insert({ ...(stamp ? AUDIT_STAMPS(this.clock.timestamp(), true) : {}), ...values, id }, extras);
		return this.get(id);
	}

	get(key: string, scope?: ParentScope): EntityRecord {
		const record = this.store.get(key);
		if (!record || (scope && record[scope.linkField] !== scope.parentId)) throw notFound(key, this.name);
		return record;
	}

	/** Partial update: the path key wins over body.id; a nested path cannot move a record to another parent. */
	update(key: string, body: EntityRecord, scope?: ParentScope): EntityRecord {
		this.get(key, scope);
		const { values, extras, problems } = validateRecord(this.store.entity.table, withScope(body, scope), 'update');
		if (problems.length) throw problemsToError(problems, key, this.name);
		delete values.id;
		this.store.update(key, { ...values, ...AUDIT_STAMPS(this.clock.timestamp(), false) }, extras);
		return this.get(key);
	}

	/** iBiz's save: update when the key exists, else create (which refuses a deleted key). */
	save(body: EntityRecord, scope?: ParentScope): EntityRecord {
		const key = this.keyOf(body);
		return key !== undefined && this.store.get(key) ? this.update(key, body, scope) : this.create(body, scope);
	}

	delete(key: string, scope?: ParentScope): void {
		this.get(key, scope);
		this.store.delete(key, this.keepDeletedKeys);
	}

	checkKey(body: EntityRecord): KeyState {
		const key = this.keyOf(body);
		if (key === undefined) return KEY_STATES.missing;
		if (this.store.get(key)) return KEY_STATES.exists;
		return this.store.isDeletedKey(key) ? KEY_STATES.deleted : KEY_STATES.missing;
	}

	/** A new, unsaved record: every field null, then the given values (and the parent link). */
	draft(input: EntityRecord, scope?: ParentScope): EntityRecord {
		const { values, problems } = validateRecord(this.store.entity.table, withScope(input, scope), 'loose');
		if (problems.length) throw problemsToError(problems, undefined, this.name);
		const record: EntityRecord = Object.fromEntries(this.store.entity.table.fields.map((f) => [f.name, null]));
		return Object.assign(record, values);
	}

	list(query: EntityQuery, scope?: ParentScope): { rows: EntityRecord[]; total: number } {
		const scoped = scope ? { ...query, rules: [...query.rules, { sql: `"${scope.linkField}" = ?`, params: [scope.parentId] }] } : query;
		return { rows: this.store.list(scoped), total: this.store.count(scoped) };
	}

	/** Fixture rows (seed, tests): create's validation, audit fields may be given. */
	insertFixtures(rows: readonly EntityRecord[]): void {
		this.store.transaction(() => {
			for (const row of rows) this.create(row, undefined, false);
		});
	}

	private keyOf(body: EntityRecord): string | undefined {
		const idField = this.store.entity.table.byName.get('id');
		const coerced = idField ? coerceFieldValue(idField, body.id ?? null) : undefined;
		return coerced?.ok && typeof coerced.value === 'string' && coerced.value !== '' ? coerced.value : undefined;
	}
}

/** A body written through a nested path is linked to that parent, whatever it says itself. */
function withScope(body: EntityRecord, scope: ParentScope | undefined): EntityRecord {
	return scope ? { ...body, [scope.linkField]: scope.parentId } : body;
}

export type { FieldProblem };
