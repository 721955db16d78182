/**
 * The lead as an entity like the others: its path, table, list and action as data. The Lead
 * resource keeps its own operations (they came first and carry the sync guarantees); this
 * definition serves what reads every entity the same way: the endpoint list checked against
 * crm_lead.md, and the sandbox's OpenAPI description.
 */
import { LEAD_TABLE } from '../fields/leadFields';
import { CONTACT } from './contact';
import { DEFAULT_LIST, defineEntity, type Entity } from './entity';
import { STAGE } from './stage';

export const LEAD = defineEntity({
	resource: 'lead',
	displayName: 'Lead',
	plural: 'leads',
	path: 'crm_leads',
	docsPage: '../crm_lead.md',
	docsName: '线索/商机',
	table: LEAD_TABLE,
	titleField: 'name',
	searchFilter: 'n_name_like',
	lists: [DEFAULT_LIST],
	actions: [
		{
			operation: 'postMessage',
			displayName: 'Post Message With Template',
			description: 'Post a message rendered from a template on a lead',
			action: 'Post a templated message on a lead by its ID',
			method: 'POST',
			segment: 'message_post_with_source',
			scope: 'record',
			docsHeading: '带模板的消息发送',
		},
	],
});

/**
 * Lead fields that hold another entity's key: version 3 offers them by name (From List, searched
 * through that entity), wherever a person picks them — the resource mapper and the filters.
 */
export const LEAD_LINKS: Readonly<Record<string, Entity>> = { stage_id: STAGE, partner_id: CONTACT };
