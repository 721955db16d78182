/** Pipeline stages (crm_stage): docs/api/entities/crm_stage.md. */
import { auditFields, field, fieldTable } from '../fields/fieldTable';
import { DEFAULT_LIST, defineEntity } from './entity';

/** The create table of the docs page (9 fields), in its order, then the audit fields. */
const STAGE_FIELDS = [
	field('display_name', 'String', 'Display Name', '显示名称'),
	field('fold', 'Integer', 'Folded in Pipeline', '在渠道中折叠', 'flag'),
	field('id', 'String', 'ID', '标识', undefined, { filters: ['eq'] }),
	field('is_won', 'Integer', 'Is Won Stage', '是赢得阶段？', 'flag'),
	field('name', 'String', 'Name', '名称', undefined, { filters: ['like'] }),
	field('requirements', 'String', 'Requirements', '要求'),
	field('sequence', 'Integer', 'Sequence', '序号'),
	field('team_count', 'Integer', 'Team Count', 'team_count'),
	field('team_id', 'String', 'Sales Team ID', '销售团队', undefined, { filters: ['eq'] }),
	...auditFields(),
];

export const STAGE = defineEntity({
	resource: 'stage',
	displayName: 'Stage',
	plural: 'stages',
	path: 'crm_stages',
	docsPage: 'crm_stage.md',
	docsName: '客户关系管理阶段',
	table: fieldTable('stage', STAGE_FIELDS, ['id', 'name', 'sequence', 'is_won', 'fold', 'team_id', 'create_date', 'write_date']),
	titleField: 'name',
	searchFilter: 'n_name_like',
	lists: [DEFAULT_LIST],
	actions: [],
});
