/**
 * The entities around the lead (contacts, stages, activities, messages): a verdict per entity and
 * operation, from one request per endpoint kind — every list, the record set on a test record
 * (created with the fields the page requires, deleted again), the actions, the file downloads and
 * the nested path. An entity whose list the server does not route (404/405, or a web page) is
 * "not offered by this server" for every operation: a server without contacts is not a broken
 * server. Other Entity's verdict says whether the server serves its OpenAPI description.
 */
import { operationParameter } from '../../nodes/CrmLead/actions/entity/entity.description';
import { ENTITIES, type Entity } from '../../nodes/CrmLead/entities';
import { readServerDescription } from '../../nodes/CrmLead/entities/openApi';
import type { EntityField } from '../../nodes/CrmLead/fields/fieldTable';
import type { RunContext } from './context';
import { WriteSkipped } from './context';
import { describe, isObject, type Json } from './expect';
import type { ApiRequest, ApiResponse } from './http';
import { rowsOf } from './checks/common';
import type { OperationVerdict } from './types';

const is2xx = (res: ApiResponse) => res.status >= 200 && res.status < 300;
/** No route for the path: the server does not have the entity (a list never answers 404/405; nor the web app's HTML). */
const noRoute = (res: ApiResponse) => res.status === 404 || res.status === 405 || (!res.isJson && /<html/i.test(res.text));

/** A value a required field accepts, by its kind (the first option; a future date; the run's name). */
function sample(ctx: RunContext, field: EntityField): unknown {
	if (field.options) return field.options[0].value;
	switch (field.kind) {
		case 'dateTime':
			return '2030-01-01 10:00:00';
		case 'integer':
		case 'number':
		case 'flag':
			return 0;
		case 'json':
			return {};
		default:
			return ctx.name(field.name);
	}
}


export interface EntityCheckResult {
	operations: OperationVerdict[];
	leftBehind: Array<{ id: string; reason: string }>;
}

class EntityRun {
	readonly verdicts = new Map<string, OperationVerdict>();
	readonly names: Map<string, string>;

	constructor(
		private readonly ctx: RunContext,
		readonly entity: Entity,
	) {
		const options = (operationParameter(entity).options ?? []) as Array<{ name: string; value: string }>;
		this.names = new Map(options.map((o) => [o.value, `${entity.displayName}: ${o.name}`]));
	}

	set(operation: string, verdict: OperationVerdict['verdict'], details: string[] = [], byChoice?: boolean): void {
		const name = this.names.get(operation) ?? `${this.entity.displayName}: ${operation}`;
		if (this.verdicts.get(operation)?.verdict === 'will fail') return;
		this.verdicts.set(operation, { name, verdict, details, ...(byChoice ? { byChoice } : {}) });
	}

	/** One probe: works when it answers 2xx (and `ok` agrees), will fail otherwise, not checked when --read-only refuses it. */
	async probe(operation: string, request: ApiRequest, ok: (res: ApiResponse) => boolean = is2xx): Promise<ApiResponse | undefined> {
		try {
			const res = await this.ctx.send(request);
			if (ok(res)) this.set(operation, 'works');
			else this.set(operation, 'will fail', [`${request.method} /${request.path.join('/')} answered ${describe(res)}`]);
			return res;
		} catch (error) {
			if (error instanceof WriteSkipped) this.set(operation, 'not checked', [error.message], true);
			else this.set(operation, 'will fail', [`${request.method} /${request.path.join('/')}: ${(error as Error).message}`]);
			return undefined;
		}
	}
}

async function checkEntity(ctx: RunContext, entity: Entity, leftBehind: EntityCheckResult['leftBehind']): Promise<OperationVerdict[]> {
	const run = new EntityRun(ctx, entity);
	const base = [entity.path];
	const first = await ctx.send({ method: 'POST', path: [...base, 'fetch_default'], json: { page: 0, size: 1 } });
	if (noRoute(first)) {
		const why = `POST /${entity.path}/fetch_default answered ${describe(first)}: this server has no ${entity.plural}`;
		return [...run.names.keys()].map((op) => ({ name: run.names.get(op)!, verdict: 'not offered by this server' as const, details: [why] }));
	}
	const listed = rowsOf(first)?.[0];
	for (const list of entity.lists) await run.probe('getMany', { method: 'POST', path: [...base, list.dataSet], json: { page: 0, size: 1 } }, (res) => is2xx(res) && rowsOf(res) !== undefined);
	await run.probe('getDraft', { method: 'GET', path: [...base, 'get_draft'] }, (res) => is2xx(res) && isObject(res.json));
	await run.probe('downloadTemplate', { method: 'GET', path: [...base, 'importtemplate'] });
	await run.probe('export', { method: 'POST', path: [...base, 'exportdata', 'fetch_default'], json: { page: 0, size: 1 } });
	await run.probe('report', { method: 'POST', path: [...base, 'report'], query: { srfcontenttype: 'pdf' }, json: {} });
	for (const op of ['import', 'importWithErrorFile', 'startAsyncImport']) {
		run.set(op, 'not checked', ['imports write records from a file: they are checked on the lead (Import / Export), the same platform code'], true);
	}
	if (entity.parent) {
		const nested = await ctx.send({ method: 'POST', path: [entity.parent.path, ctx.runId, entity.path, 'fetch_default'], json: { page: 0, size: 1 } });
		const through = `${entity.displayName}: through /${entity.parent.path}/{ID}/${entity.path} (Parent Record ID)`;
		run.verdicts.set('nested', is2xx(nested) && rowsOf(nested) ? { name: through, verdict: 'works', details: [] } : { name: through, verdict: noRoute(nested) ? 'not offered by this server' : 'will fail', details: [`answered ${describe(nested)}`] });
	}

	// The record set, on a test record of this run (--read-only: a record the server already holds, reads only).
	const id = `${ctx.runId}-${entity.path}`;
	const record: Json = { id };
	for (const field of entity.table.writable.filter((f) => f.requiredOnCreate)) record[field.name] = sample(ctx, field);
	if (entity.parent) record[entity.parent.linkField] = `${ctx.runId}-parent`;
	const created = await run.probe('create', { method: 'POST', path: base, json: record }, (res) => is2xx(res) && isObject(res.json) && res.json.id === id);
	const target = created && is2xx(created) ? id : typeof listed?.id === 'string' ? listed.id : undefined;
	const needing = ['get', 'update', 'upsert', 'checkKey', 'print', 'delete', ...entity.actions.filter((a) => a.scope === 'record').map((a) => a.operation)];
	if (!target) {
		// --read-only refused the create: with no record on the server there is nothing to read either.
		const byChoice = run.verdicts.get('create')?.byChoice === true;
		const why = byChoice ? 'not checked: --read-only, and the server holds no record of it to read' : 'needs a record: the create failed and the list was empty';
		for (const op of needing) if (!run.verdicts.has(op)) run.set(op, 'not checked', [why], byChoice);
	} else {
		await run.probe('get', { method: 'GET', path: [...base, target] }, (res) => is2xx(res) && isObject(res.json) && res.json.id === target);
		await run.probe('checkKey', { method: 'POST', path: [...base, 'check_key'], json: { id: target } }, (res) => is2xx(res) && Number(res.json) === 1);
		await run.probe('print', { method: 'GET', path: [...base, 'printdata', target], query: { srfcontenttype: 'pdf' } });
		if (target !== id) {
			for (const op of needing.filter((o) => !run.verdicts.has(o))) run.set(op, 'not checked', ['not checked: --read-only (this check writes)'], true);
		} else {
			const text = entity.table.writable.find((f) => f.kind === 'text' && f.name !== 'id' && !f.requiredOnCreate);
			await run.probe('update', { method: 'PUT', path: [...base, id], json: text ? { [text.name]: ctx.name('updated') } : {} });
			await run.probe('upsert', { method: 'POST', path: [...base, 'save'], json: { ...record } });
			const last = entity.actions.find((a) => a.operation === 'markDone');
			for (const action of entity.actions.filter((a) => a !== last)) {
				if (action.scope === 'collection') {
					run.set(action.operation, 'not checked', [`${action.displayName} would change every record of the checking user, not only the run's`], true);
					continue;
				}
				await run.probe(action.operation, { method: action.method, path: [...base, id, action.segment], json: { id } });
			}
			if (last) await run.probe(last.operation, { method: last.method, path: [...base, id, last.segment], json: { id } });
			const deleted = await run.probe('delete', { method: 'DELETE', path: [...base, id] }, (res) => is2xx(res) || (last !== undefined && res.status >= 400));
			if (!deleted || (!is2xx(deleted) && !last)) leftBehind.push({ id: `${entity.path}/${id}`, reason: deleted ? `DELETE answered ${describe(deleted)}` : 'DELETE was not sent' });
			if (last) await removeNotes(ctx, record[entity.parent?.linkField ?? 'res_id'], leftBehind);
		}
	}
	return [...run.verdicts.values()];
}

/** Mark Done posts a note on the activity's record: the run's notes are deleted again. */
async function removeNotes(ctx: RunContext, recordId: unknown, leftBehind: EntityCheckResult['leftBehind']): Promise<void> {
	if (typeof recordId !== 'string') return;
	const res = await ctx.send({ method: 'POST', path: ['mail_messages', 'fetch_default'], json: { n_res_id_eq: recordId, page: 0, size: 50 } });
	for (const note of rowsOf(res) ?? []) {
		const gone = await ctx.send({ method: 'DELETE', path: ['mail_messages', String(note.id)] });
		if (!is2xx(gone)) leftBehind.push({ id: `mail_messages/${String(note.id)}`, reason: `DELETE answered ${describe(gone)}` });
	}
}

async function checkDescription(ctx: RunContext): Promise<OperationVerdict> {
	const name = 'Other Entity: the server’s OpenAPI description (entity list, fields, checks)';
	const res = await ctx.send({ method: 'GET', path: ['v3', 'api-docs'], query: { group: 'auto' } });
	if (!is2xx(res) || !res.isJson) {
		return { name, verdict: 'not offered by this server', details: [`GET /v3/api-docs?group=auto answered ${describe(res)}: Other Entity works by the entity's path alone`] };
	}
	try {
		const entities = readServerDescription(res.json);
		return { name, verdict: 'works', details: [`${entities.size} entities described`] };
	} catch (error) {
		return { name, verdict: 'not offered by this server', details: [`its description cannot be read (${(error as Error).message}): Other Entity works by path alone`] };
	}
}

export async function checkEntities(ctx: RunContext): Promise<EntityCheckResult> {
	const leftBehind: EntityCheckResult['leftBehind'] = [];
	const operations: OperationVerdict[] = [];
	for (const entity of ENTITIES) {
		try {
			operations.push(...(await checkEntity(ctx, entity, leftBehind)));
		} catch (error) {
			operations.push({ name: `${entity.displayName}: every operation`, verdict: 'not checked', details: [`the check stopped: ${(error as Error).message}`] });
		}
	}
	try {
		operations.push(await checkDescription(ctx));
	} catch (error) {
		operations.push({ name: 'Other Entity: the server’s OpenAPI description', verdict: 'not checked', details: [(error as Error).message] });
	}
	return { operations, leftBehind };
}
