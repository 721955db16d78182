/** Requests and fixtures several check groups use. */
import type { RunContext } from '../context';
import type { Auth, ApiResponse } from '../http';
import { isObject, skip, type Json } from '../expect';
import type { Outcome } from '../types';

export const RESOURCE = 'crm_leads';

export const getLead = (ctx: RunContext, id: string, auth?: Auth): Promise<ApiResponse> =>
	ctx.send({ method: 'GET', path: [RESOURCE, id], auth });

export const putLead = (ctx: RunContext, id: string, body: Json): Promise<ApiResponse> =>
	ctx.send({ method: 'PUT', path: [RESOURCE, id], json: body });

export const createLead = (ctx: RunContext, body: Json, auth?: Auth): Promise<ApiResponse> =>
	ctx.send({ method: 'POST', path: [RESOURCE], json: body, auth });

export const deleteLead = (ctx: RunContext, id: string, auth?: Auth): Promise<ApiResponse> =>
	ctx.send({ method: 'DELETE', path: [RESOURCE, id], auth });

export const checkKey = (ctx: RunContext, body: Json): Promise<ApiResponse> => ctx.send({ method: 'POST', path: [RESOURCE, 'check_key'], json: body });

export const fetchDefault = (ctx: RunContext, body: Json, auth?: Auth): Promise<ApiResponse> =>
	ctx.send({ method: 'POST', path: [RESOURCE, 'fetch_default'], json: body, auth });

/** The record a 2xx GET returned, or undefined. */
export async function readLead(ctx: RunContext, id: string): Promise<Json | undefined> {
	const res = await getLead(ctx, id);
	return res.status >= 200 && res.status < 300 && isObject(res.json) ? res.json : undefined;
}

/** The rows of a list answer, or undefined when it is not a JSON array of objects. */
export function rowsOf(res: ApiResponse): Json[] | undefined {
	return Array.isArray(res.json) && res.json.every(isObject) ? (res.json as Json[]) : undefined;
}

export const idsOf = (rows: readonly Json[]): string[] => rows.map((r) => String(r.id));

export const NEEDS_A = skip('needs the main test record, whose create failed (see create.with-id)');

/** SKIPPED unless the main test record exists. */
export function needA(ctx: RunContext): { id: string } | { outcome: Outcome } {
	return ctx.fixtures.a ? { id: ctx.fixtures.a } : { outcome: NEEDS_A };
}
