/**
 * Version 3's lead mapper columns: version 2's, with the fields that hold another entity's key
 * (stage_id, partner_id) as option lists of that entity's records by name — n8n 2.41's resource
 * mapper has no record picker for a column; its option list is searchable in the editor. A server
 * with more records than one list holds (MAX_OPTIONS), or one that cannot be read now, keeps the
 * column as text (an ID): loading the columns never fails because of it.
 */
import type { IDataObject, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import type { Entity } from '../entities';
import { LEAD_LINKS } from '../entities/lead';
import { mapperFields } from '../fields/mapperFields';
import { crmRequest } from '../transport/request';
import { PURPOSE_OF_OPERATION } from './resourceMapping';

export const MAX_OPTIONS = 500;

async function optionsOf(ctx: ILoadOptionsFunctions, entity: Entity): Promise<ResourceMapperField['options'] | undefined> {
	try {
		const { body, headers } = await crmRequest<unknown>(ctx, {
			method: 'POST',
			path: [entity.path, 'fetch_default'],
			body: { page: 0, size: MAX_OPTIONS },
			answer: 'leads',
			operation: `List ${entity.plural}`,
			policy: { timeoutMs: 15_000, maxRetries: 0, retryNonIdempotent: false, maxRetryWaitMs: 0 },
		});
		if (!Array.isArray(body)) return undefined;
		const total = Number(headers['x-total']);
		if (body.length >= MAX_OPTIONS || (Number.isFinite(total) && total > body.length)) return undefined;
		return (body as IDataObject[])
			.filter((r) => r.id !== undefined && r.id !== null)
			.map((r) => ({ name: `${String(r[entity.titleField] ?? r.id)} (${String(r.id)})`, value: String(r.id) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch {
		// The column stays text: the user gives the ID, as in version 2.
		return undefined;
	}
}

export async function getLeadColumnsWithNames(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	const fields = mapperFields(PURPOSE_OF_OPERATION[operation] ?? 'create');
	const lists = await Promise.all(Object.entries(LEAD_LINKS).map(async ([name, entity]) => [name, await optionsOf(this, entity)] as const));
	for (const [name, options] of lists) {
		const column = fields.find((f) => f.id === name);
		if (column && options) Object.assign(column, { type: 'options', options, displayName: column.displayName.replace(/ ID \(/, ' (') });
	}
	return { fields };
}
