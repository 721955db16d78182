/**
 * What the sandbox serves besides the lead: the four entities the node has pages for, and
 * crm_teams — an entity with no page in this package, described only by the OpenAPI
 * description (openApi.ts), for the generic resource. Plus their reference data: the pipeline
 * stages and sales teams the demo leads point at (stage_id, team_id), and a few company contacts.
 */
import { ENTITIES, type Entity } from '../../nodes/CrmLead/entities';
import { LEAD } from '../../nodes/CrmLead/entities/lead';
import { DEFAULT_LIST, defineEntity } from '../../nodes/CrmLead/entities/entity';
import { auditFields, field, fieldTable } from '../../nodes/CrmLead/fields/fieldTable';
import type { EntityRecord } from './entityStore';

/** crm_team as Odoo has it (a few of its fields): served, but on no page of this package. */
export const TEAM: Entity = defineEntity({
	resource: 'team',
	displayName: 'Sales Team',
	plural: 'sales teams',
	path: 'crm_teams',
	docsPage: '',
	docsName: '销售团队',
	table: fieldTable(
		'sales team',
		[
			field('id', 'String', 'ID', '标识', undefined, { filters: ['eq'] }),
			field('name', 'String', 'Name', '名称', undefined, { filters: ['like'], requiredOnCreate: true }),
			field('active', 'Integer', 'Active', '有效', 'flag'),
			field('sequence', 'Integer', 'Sequence', '序号'),
			field('color', 'Integer', 'Color Index', '颜色索引'),
			field('user_id', 'String', 'Team Leader ID', '团队负责人', undefined, { filters: ['eq'] }),
			field('invoiced_target', 'BigDecimal', 'Invoicing Target', '开票目标'),
			field('use_leads', 'Integer', 'Use Leads', '线索', 'flag'),
			field('assignment_max', 'Integer', 'Lead Capacity', '线索容量'),
			field('company_id', 'String', 'Company ID', '公司', undefined, { filters: ['eq'] }),
			...auditFields(),
		],
		['id', 'name', 'user_id'],
	),
	titleField: 'name',
	searchFilter: 'n_name_like',
	lists: [DEFAULT_LIST],
	actions: [],
});

export const SERVED_ENTITIES: readonly Entity[] = [...ENTITIES, TEAM];

/** What the OpenAPI description lists: the lead (served by its own routes) and the served entities. */
export const DESCRIBED_ENTITIES: readonly Entity[] = [LEAD, ...SERVED_ENTITIES];

const AUDIT = { create_date: '2024-01-01 09:00:00', write_date: '2024-01-01 09:00:00', create_uid: 'sandbox', write_uid: 'sandbox' };

/** The stages and teams seed.ts's leads use, and twelve company contacts: loaded in every sandbox. */
export const REFERENCE_DATA: Record<string, EntityRecord[]> = {
	crm_stages: [
		{ id: 'new', name: 'New', sequence: 1, is_won: 0, fold: 0, ...AUDIT },
		{ id: 'qualified', name: 'Qualified', sequence: 2, is_won: 0, fold: 0, ...AUDIT },
		{ id: 'proposition', name: 'Proposition', sequence: 3, is_won: 0, fold: 0, ...AUDIT },
		{ id: 'won', name: 'Won', sequence: 70, is_won: 1, fold: 1, ...AUDIT },
	],
	crm_teams: [
		{ id: 'team_direct', name: 'Direct Sales', active: 1, sequence: 1, user_id: 'user_alice', use_leads: 1, ...AUDIT },
		{ id: 'team_europe', name: 'Europe', active: 1, sequence: 2, user_id: 'user_bob', use_leads: 1, ...AUDIT },
		{ id: 'team_asia', name: 'Asia', active: 1, sequence: 3, user_id: 'user_chen', use_leads: 1, ...AUDIT },
	],
	res_partners: ['Acme Corp', 'Globex', 'Initech', 'Umbrella Ltd', 'Stark Industries', 'Wayne Enterprises'].map((name, i) => ({
		id: `partner_${i + 1}`,
		name,
		display_name: name,
		is_company: 1,
		company_type: 'company',
		active: 1,
		autopost_bills: 'ask',
		email: `info@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
		...AUDIT,
	})),
};
