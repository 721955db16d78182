import type { IDataObject } from 'n8n-workflow';

import type { CrmRequest } from '../../transport/request';
import { leadKey } from '../common/leadKey';

/** The record calls of the Lead resource, shared by every node version (they differ in how fields are given). */
export type LeadRequest = Omit<CrmRequest, 'itemIndex' | 'policy' | 'answer'>;

export function createLeadRequest(body: IDataObject): LeadRequest {
	return { method: 'POST', path: ['crm_leads'], body, operation: 'Create lead', recordKey: leadKey(body) };
}

export function saveLeadRequest(body: IDataObject): LeadRequest & { body: IDataObject } {
	const recordKey = leadKey(body);
	// Save with an ID updates or creates that one lead: sending it again gives the same result.
	return { method: 'POST', path: ['crm_leads', 'save'], body, operation: 'Save lead', recordKey, idempotent: recordKey !== undefined };
}

export function updateLeadRequest(id: string, body: IDataObject): LeadRequest {
	// The record key decides which lead changes; an id in the body must not point elsewhere.
	const fields = { ...body };
	delete fields.id;
	return { method: 'PUT', path: ['crm_leads', id], body: fields, operation: 'Update lead', recordKey: id };
}

/** Query strings carry text: objects go as JSON, everything else as its string form. */
function toQueryValue(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** GET get_draft with the given wire values as the query (null values are left out). */
export function draftLeadRequest(wire: IDataObject): LeadRequest {
	return draftRequest(['crm_leads'], wire, 'lead');
}

/** Get Draft of any entity: GET <collection>/get_draft with the wire values as the query. */
export function draftRequest(collection: readonly string[], wire: IDataObject, noun: string): LeadRequest {
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(wire)) if (value !== null) qs[name] = toQueryValue(value);
	return { method: 'GET', path: [...collection, 'get_draft'], qs, operation: `Get ${noun} draft` };
}
