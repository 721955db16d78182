/**
 * Activities (mail_activity): docs/api/entities/mail_activity.md. Also reachable under the record
 * they are planned on: /mail_activity_mixins/{pkey}/mail_activities… (a lead's own activities).
 */
import { auditFields, field, fieldTable, type FieldOption } from '../fields/fieldTable';
import { DEFAULT_LIST, defineEntity } from './entity';

/** Odoo's mail.activity state (done: an activity kept after Mark Done, Odoo 17+). */
const ACTIVITY_STATES: FieldOption[] = [
	{ name: 'Overdue', value: 'overdue' },
	{ name: 'Today', value: 'today' },
	{ name: 'Planned', value: 'planned' },
	{ name: 'Done', value: 'done' },
];

/** Odoo's mail.activity.type chaining_type. */
const CHAINING_TYPES: FieldOption[] = [
	{ name: 'Suggest Next Activity', value: 'suggest' },
	{ name: 'Trigger Next Activity', value: 'trigger' },
];

/** The create table of the docs page (24 fields), in its order, then the audit fields. */
const ACTIVITY_FIELDS = [
	field('deadline_day', 'Integer', 'Days to Deadline', '到期天数'),
	field('chaining_type', 'String', 'Chaining Type', '链接类型', undefined, { options: CHAINING_TYPES }),
	field('keep_done', 'Integer', 'Keep Done', '保持完成', 'flag'),
	field('res_id', 'String', 'Record ID', '资源标识', undefined, { filters: ['eq', 'in'] }),
	field('active', 'Integer', 'Active', '有效', 'flag'),
	field('activity_type_id', 'String', 'Activity Type ID', '活动类型', undefined, { filters: ['eq'] }),
	field('activity_type_name', 'String', 'Activity Type', '活动类型', undefined, { filters: ['eq', 'like'] }),
	field('automated', 'Integer', 'Automated', '自动活动', 'flag'),
	field('can_write', 'Integer', 'Can Write', '可写', 'flag'),
	field('date_deadline', 'Timestamp', 'Due Date', '到期日期', undefined, { requiredOnCreate: true }),
	field('date_done', 'Timestamp', 'Done Date', '完成日期'),
	field('display_name', 'String', 'Display Name', '显示名称'),
	field('has_recommended_activities', 'Integer', 'Has Recommended Activities', '下一活动可用', 'flag'),
	field('id', 'String', 'ID', '标识', undefined, { filters: ['eq'] }),
	field('note', 'String', 'Note', '备注'),
	field('previous_activity_type_id', 'String', 'Previous Activity Type ID', '上一个活动类型', undefined, { filters: ['eq'] }),
	field('recommended_activity_type_id', 'String', 'Recommended Activity Type ID', '推荐的活动类型', undefined, { filters: ['eq'] }),
	field('request_partner_id', 'String', 'Requesting Partner ID', '请求伙伴', undefined, { filters: ['eq'] }),
	field('res_model', 'String', 'Record Model', '资源模型', undefined, { filters: ['eq'] }),
	field('res_name', 'String', 'Record Name', '单据名称'),
	field('state', 'String', 'State', '状态', undefined, { options: ACTIVITY_STATES, filters: ['eq'] }),
	field('summary', 'String', 'Summary', '摘要'),
	field('user_id', 'String', 'Assigned To ID', '分派给', undefined, { filters: ['eq'], requiredOnCreate: true }),
	field('user_name', 'String', 'Assigned To', '分派给_名称', undefined, { filters: ['eq', 'like'], requiredOnCreate: true }),
	...auditFields(),
];

export const ACTIVITY = defineEntity({
	resource: 'activity',
	displayName: 'Activity',
	plural: 'activities',
	path: 'mail_activities',
	docsPage: 'mail_activity.md',
	docsName: '活动',
	table: fieldTable('activity', ACTIVITY_FIELDS, [
		'id',
		'summary',
		'activity_type_name',
		'date_deadline',
		'state',
		'user_id',
		'user_name',
		'res_model',
		'res_id',
		'res_name',
		'note',
		'date_done',
		'create_date',
		'write_date',
	]),
	titleField: 'summary',
	searchFilter: 'n_activity_type_name_like',
	lists: [
		DEFAULT_LIST,
		{ dataSet: 'fetch_un_finished', displayName: 'Unfinished', description: 'Activities not done yet', docsHeading: '未完成' },
	],
	actions: [
		{
			operation: 'markDone',
			displayName: 'Mark Done',
			description: 'Mark an activity as done: a message saying so is posted on its record',
			action: 'Mark an activity as done',
			method: 'PUT',
			segment: 'action_done',
			scope: 'record',
			docsHeading: '完成活动',
		},
		{
			operation: 'snooze',
			displayName: 'Snooze',
			description: 'Move an activity’s due date 7 days later',
			action: 'Snooze an activity by 7 days',
			method: 'POST',
			segment: 'action_snooze',
			scope: 'record',
			docsHeading: '延迟活动',
		},
	],
	parent: { path: 'mail_activity_mixins', noun: 'record (e.g. a lead)', docsPrefix: '根据活动Mixin', linkField: 'res_id' },
});
