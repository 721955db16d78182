/**
 * Lead use cases shared by the HTTP routes, the importer and the programmatic API:
 * every create goes through prepareCreate(), so all entry points validate identically.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT, KEY_FIELD, LEAD_FIELDS } from './fields';
import { notFound } from './apiErrors';
import type { Clock } from './clock';
import type { LeadRecord, LeadStore, LeadWrite } from './store';
import { DRAFT_DEFAULTS } from './draftDefaults';
import { coerceFieldValue, problemsToError, validateLead, type FieldProblem, type ValidateOptions } from './validate';

/** The user the sandbox stamps into create_uid/write_uid. */
export const SANDBOX_USER = 'sandbox';

export type PreparedCreate = { ok: true; id: string; write: LeadWrite } | { ok: false; id: string | undefined; problems: FieldProblem[] };

/** check_key's answer: CheckKeyStates (libs/ibiz-runtime/.../action/CheckKeyStates.java). */
export const KEY_STATES = { missing: 0, exists: 1, deleted: 2 } as const;
export type KeyState = (typeof KEY_STATES)[keyof typeof KEY_STATES];

export class LeadService {
	constructor(
		private readonly store: LeadStore,
		private readonly clock: Clock,
		/** Cloud: DELETE is logical, so deleted keys are remembered and cannot be created again. */
		private readonly keepDeletedKeys = false,
	) {}

	/** Validates a create body and assigns the id; nothing is stored yet. */
	prepareCreate(body: Record<string, unknown>, options: ValidateOptions = {}): PreparedCreate {
		const { values, extras, problems } = validateLead(body, 'create', options);
		const given = values[KEY_FIELD.name];
		const id = typeof given === 'string' && given !== '' ? given : undefined;
		if (id !== undefined && problems.length === 0 && this.store.exists(id)) {
			problems.push({ field: KEY_FIELD.name, reason: `'${id}' already exists`, code: 'duplicate' });
		} else if (id !== undefined && problems.length === 0 && this.store.isDeletedKey(id)) {
			problems.push({ field: KEY_FIELD.name, reason: `'${id}' was deleted and cannot be used again`, code: 'deleted' });
		}
		if (problems.length > 0) return { ok: false, id, problems };
		const finalId = id ?? randomUUID();
		const now = this.clock.timestamp();
		const audit = { [AUDIT.createdAt]: now, [AUDIT.updatedAt]: now, [AUDIT.createdBy]: SANDBOX_USER, [AUDIT.updatedBy]: SANDBOX_USER };
		return { ok: true, id: finalId, write: { values: { ...audit, ...values, [KEY_FIELD.name]: finalId }, extras } };
	}

	create(body: Record<string, unknown>): LeadRecord {
		const prepared = this.prepareCreate(body);
		if (!prepared.ok) throw problemsToError(prepared.problems, prepared.id);
		this.store.insert(prepared.write);
		return this.get(prepared.id);
	}

	get(key: string): LeadRecord {
		const record = this.store.get(key);
		if (!record) throw notFound(key);
		return record;
	}

	/** Partial update: fields in the body are written, absent ones kept; the path key wins over body.id. */
	update(key: string, body: Record<string, unknown>): LeadRecord {
		if (!this.store.exists(key)) throw notFound(key);
		const { values, extras, problems } = validateLead(body, 'update');
		if (problems.length > 0) throw problemsToError(problems, key);
		delete values[KEY_FIELD.name];
		values[AUDIT.updatedAt] = this.clock.timestamp();
		values[AUDIT.updatedBy] = SANDBOX_USER;
		this.store.update(key, { values, extras });
		return this.get(key);
	}

	/**
	 * iBiz's save: update when check_key says the key EXISTS, else create (DataEntityRuntime
	 * executeAction, SAVE mode) — so a deleted key goes to create, which refuses it.
	 */
	save(body: Record<string, unknown>): LeadRecord {
		const key = this.keyOf(body);
		return key !== undefined && this.store.exists(key) ? this.update(key, body) : this.create(body);
	}

	delete(key: string): void {
		if (!this.store.delete(key, this.keepDeletedKeys)) throw notFound(key);
	}

	checkKey(body: Record<string, unknown>): KeyState {
		const key = this.keyOf(body);
		if (key === undefined) return KEY_STATES.missing;
		if (this.store.exists(key)) return KEY_STATES.exists;
		return this.store.isDeletedKey(key) ? KEY_STATES.deleted : KEY_STATES.missing;
	}

	/** A new, unsaved record: defaults overlaid with the given values. */
	draft(input: Record<string, unknown>): LeadRecord {
		const { values, problems } = validateLead(input, 'loose');
		if (problems.length > 0) throw problemsToError(problems);
		const record: LeadRecord = Object.fromEntries(LEAD_FIELDS.map((f) => [f.name, null]));
		return Object.assign(record, DRAFT_DEFAULTS, values);
	}

	/** Fixture rows: same validation as create, but audit fields may be given; one transaction. */
	insertFixtures(leads: ReadonlyArray<Record<string, unknown>>, skipExisting = false): number {
		const writes: LeadWrite[] = [];
		const batchIds = new Set<string>();
		for (const [index, lead] of leads.entries()) {
			const prepared = this.prepareCreate(lead, { acceptReadOnly: true });
			if (prepared.ok && !batchIds.has(prepared.id)) {
				batchIds.add(prepared.id);
				writes.push(prepared.write);
				continue;
			}
			const problems: FieldProblem[] = prepared.ok ? [{ field: KEY_FIELD.name, reason: `'${prepared.id}' appears twice`, code: 'duplicate' }] : prepared.problems;
			if (skipExisting && problems.every((p) => p.code === 'duplicate' || p.code === 'deleted')) continue;
			throw new Error(`insertLeads: lead #${index} is invalid: ${problemsToError(problems, prepared.id).detail}`);
		}
		this.store.insertMany(writes);
		return writes.length;
	}

	private keyOf(body: Record<string, unknown>): string | undefined {
		const coerced = coerceFieldValue(KEY_FIELD, body[KEY_FIELD.name] ?? null);
		return coerced.ok && typeof coerced.value === 'string' && coerced.value !== '' ? coerced.value : undefined;
	}
}
