/**
 * THE lead field table: every fact about a CRM lead field lives here once (the shape of a table:
 * fieldTable.ts, shared by every entity).
 * Node parameters, value conversion, the sandbox's schema and the tests all derive from it.
 * Source: the API's docs page (create table: 91 fields) plus the 4 read-only audit fields.
 */
import {
	auditFields,
	field,
	fieldTable,
	type EntityField,
	type FieldExtra,
	type FieldOption,
	type FieldTable,
	type FilterSpec,
} from './fieldTable';

export type { EntityField as LeadField, FieldKind, FieldOption, FilterSpec, WireType } from './fieldTable';

const TYPE_OPTIONS: FieldOption[] = [
	{ name: 'Lead', value: 'lead' },
	{ name: 'Opportunity', value: 'opportunity' },
];

const PRIORITY_OPTIONS: FieldOption[] = [
	{ name: 'Low', value: '0' },
	{ name: 'Medium', value: '1' },
	{ name: 'High', value: '2' },
	{ name: 'Very High', value: '3' },
];

const ACTIVITY_STATE_OPTIONS: FieldOption[] = [
	{ name: 'Overdue', value: 'overdue' },
	{ name: 'Today', value: 'today' },
	{ name: 'Planned', value: 'planned' },
];

const QUALITY_OPTIONS: FieldOption[] = [
	{ name: 'Correct', value: 'correct' },
	{ name: 'Incorrect', value: 'incorrect' },
];

const DECORATION_OPTIONS: FieldOption[] = [
	{ name: 'Warning', value: 'warning' },
	{ name: 'Danger', value: 'danger' },
];

const EQ: FieldExtra = { filters: ['eq'] };

/** All lead fields, in the docs page's order (read-only audit fields last). */
export const LEAD_FIELDS: readonly EntityField[] = [
	field('duration_tracking', 'Object', 'Duration Tracking', '状态时间'),
	field('activities', 'Object', 'Activities', '活动集合'),
	field('attachments', 'Object', 'Attachments', '附件集合'),
	field('followers', 'Object', 'Followers', '关注者'),
	field('active', 'Integer', 'Active', '有效', 'flag'),
	field('activity_date_deadline', 'Timestamp', 'Next Activity Deadline', '下一活动截止日期'),
	field('activity_exception_decoration', 'String', 'Activity Exception Decoration', '活动异常标示', undefined, { options: DECORATION_OPTIONS, filters: ['eq'] }),
	field('activity_exception_icon', 'String', 'Activity Exception Icon', '图标'),
	field('activity_state', 'String', 'Activity State', '活动状态', undefined, { options: ACTIVITY_STATE_OPTIONS, filters: ['eq'] }),
	field('automated_probability', 'Double', 'Automated Probability', '自动概率'),
	field('city', 'String', 'City', '城市'),
	field('color', 'Integer', 'Color Index', '颜色索引'),
	field('company_id', 'String', 'Company ID', '公司', undefined, EQ),
	field('contact_name', 'String', 'Contact Name', '联系人姓名'),
	field('country_id', 'String', 'Country ID', '国家/地区', undefined, EQ),
	field('date_automation_last', 'Timestamp', 'Last Automation Date', '最后操作'),
	field('date_closed', 'Timestamp', 'Closed Date', '关闭日期'),
	field('date_conversion', 'Timestamp', 'Conversion Date', '转化日期'),
	field('date_deadline', 'Timestamp', 'Expected Closing', '预期结束'),
	field('date_last_stage_update', 'Timestamp', 'Last Stage Update', '最后阶段更新'),
	field('date_open', 'Timestamp', 'Assignment Date', '指派日期'),
	field('day_close', 'Double', 'Days to Close', '待关闭天数'),
	field('day_open', 'Double', 'Days to Assign', '待分配天数'),
	field('description', 'String', 'Notes', '备注'),
	field('display_name', 'String', 'Display Name', '显示名称'),
	field('duplicate_lead_count', 'Integer', 'Duplicate Lead Count', '潜在的重复线索数量'),
	field('email_cc', 'String', 'Email CC', '电子邮件抄送'),
	field('email_domain_criterion', 'String', 'Email Domain Criterion', '电子邮箱域名标准'),
	field('email_from', 'String', 'Email', '电子邮件'),
	field('email_normalized', 'String', 'Normalized Email', '规范化电子邮件'),
	field('email_state', 'String', 'Email Quality', '电子邮件质量', undefined, { options: QUALITY_OPTIONS, filters: ['eq'] }),
	field('expected_revenue', 'BigDecimal', 'Expected Revenue', '预期收入'),
	field('function', 'String', 'Job Position', '工作岗位'),
	field('has_message', 'Integer', 'Has Message', '有消息', 'flag'),
	field('iap_enrich_done', 'Integer', 'Enrichment Done', '丰富结束', 'flag'),
	field('id', 'String', 'ID', '标识', undefined, EQ),
	field('is_automated_probability', 'Integer', 'Is Automated Probability', '是自动概率？', 'flag'),
	field('is_blacklisted', 'Integer', 'Is Blacklisted', '黑名单', 'flag'),
	field('is_partner_visible', 'Integer', 'Is Partner Visible', '是可见合作伙伴', 'flag'),
	field('lang_active_count', 'Integer', 'Active Language Count', '有效语言数量'),
	field('lang_id', 'String', 'Language ID', '语言', undefined, EQ),
	field('lead_mining_request_id', 'String', 'Lead Mining Request ID', '线索挖掘申请', undefined, EQ),
	field('lost_reason_id', 'String', 'Lost Reason ID', '丢失原因', undefined, EQ),
	field('meeting_display_date', 'Timestamp', 'Meeting Display Date', '会议显示日期'),
	field('meeting_display_label', 'String', 'Meeting Display Label', '会议显示标签'),
	field('message_attachment_count', 'Integer', 'Attachment Count', '附件数量'),
	field('message_bounce', 'Integer', 'Message Bounce Count', '退回'),
	field('message_has_error', 'Integer', 'Message Delivery Error', '消息发送错误', 'flag'),
	field('message_has_error_counter', 'Integer', 'Message Error Count', '错误数量'),
	field('message_has_sms_error', 'Integer', 'SMS Delivery Error', '短信发送错误', 'flag'),
	field('message_is_follower', 'Integer', 'Is Follower', '是关注者', 'flag'),
	field('message_needaction', 'Integer', 'Action Needed', '所需操作', 'flag'),
	field('message_needaction_counter', 'Integer', 'Action Count', '操作数量'),
	field('mobile', 'String', 'Mobile', '手机号码'),
	field('mobile_blacklisted', 'Integer', 'Mobile Blacklisted', '列入黑名单的电话号码是手机号码', 'flag'),
	field('my_activity_date_deadline', 'Timestamp', 'My Activity Deadline', '我的活动截止时间'),
	field('name', 'String', 'Name', '名称', undefined, { filters: ['like'] }),
	field('partner_email_update', 'Integer', 'Update Partner Email', '合作伙伴电子邮箱将更新', 'flag'),
	field('partner_id', 'String', 'Customer ID', '客户', undefined, EQ),
	field('partner_name', 'String', 'Company Name', '公司名称'),
	field('partner_phone_update', 'Integer', 'Update Partner Phone', '合作伙伴电话号码将更新', 'flag'),
	field('phone', 'String', 'Phone', '电话号码'),
	field('phone_blacklisted', 'Integer', 'Phone Blacklisted', '列入黑名单的电话是电话', 'flag'),
	field('phone_mobile_search', 'String', 'Phone/Mobile Search', '电话号码/手机号码'),
	field('phone_sanitized', 'String', 'Sanitized Phone', '已净化号码'),
	field('phone_sanitized_blacklisted', 'Integer', 'Sanitized Phone Blacklisted', '电话号码已被列入黑名单', 'flag'),
	field('phone_state', 'String', 'Phone Quality', '电话号码质量', undefined, { options: QUALITY_OPTIONS, filters: ['eq'] }),
	field('priority', 'String', 'Priority', '优先级', undefined, { options: PRIORITY_OPTIONS, filters: ['eq'] }),
	field('probability', 'Double', 'Probability', '概率'),
	field('prorated_revenue', 'BigDecimal', 'Prorated Revenue', '按比例分配的收入'),
	field('quotation_count', 'Integer', 'Quotation Count', '报价的数量'),
	field('recurring_revenue', 'BigDecimal', 'Recurring Revenue', '经常性收入'),
	field('recurring_revenue_monthly', 'BigDecimal', 'Expected MRR', '预期 MRR'),
	field('recurring_revenue_monthly_prorated', 'BigDecimal', 'Prorated MRR', '按比例分配的 MRR'),
	field('recurring_revenue_prorated', 'BigDecimal', 'Prorated Recurring Revenue', '按比例分配的经常性收入'),
	field('referred', 'String', 'Referred By', '推荐人'),
	field('reveal_id', 'String', 'Reveal ID', '显示 ID'),
	field('sale_amount_total', 'BigDecimal', 'Sales Order Total', '销售订单的总数'),
	field('sale_order_count', 'Integer', 'Sales Order Count', '销售订单数量'),
	field('show_enrich_button', 'Integer', 'Allow Manual Enrich', '允许手动丰富', 'flag'),
	field('stage_id', 'String', 'Stage ID', '阶段', undefined, EQ),
	field('state_id', 'String', 'State ID', '省/州', undefined, EQ),
	field('street', 'String', 'Street', '街道'),
	field('street2', 'String', 'Street 2', '街道2'),
	field('team_id', 'String', 'Sales Team ID', '销售团队', undefined, EQ),
	field('type', 'String', 'Type', '类型', undefined, { options: TYPE_OPTIONS, filters: ['eq'], requiredOnCreate: true }),
	field('user_id', 'String', 'Salesperson ID', '销售人员', undefined, EQ),
	field('website', 'String', 'Website', '网站'),
	field('zip', 'String', 'ZIP', '邮编'),
	field('file', 'String', 'File', '文件'),
	field('image', 'String', 'Image', '图片'),
	...auditFields(),
];

/** Fields kept by the Simplify option: the ones a person scans a lead by. */
export const SIMPLIFIED_FIELD_NAMES: readonly string[] = [
	'id',
	'name',
	'type',
	'stage_id',
	'contact_name',
	'partner_name',
	'email_from',
	'phone',
	'user_id',
	'team_id',
	'priority',
	'expected_revenue',
	'probability',
	'create_date',
	'write_date',
];

/** The lead's table with its derived views (fieldTable.ts). */
export const LEAD_TABLE: FieldTable = fieldTable('lead', LEAD_FIELDS, SIMPLIFIED_FIELD_NAMES);

export const LEAD_FIELDS_BY_NAME: ReadonlyMap<string, EntityField> = LEAD_TABLE.byName;

/** Fields a client may send (everything but the read-only audit fields). */
export const WRITABLE_FIELDS: readonly EntityField[] = LEAD_TABLE.writable;

/** Every filter the list endpoint accepts, derived from the table. */
export const LEAD_FILTERS: readonly FilterSpec[] = LEAD_TABLE.filters;

/** Fields the list can be sorted by: every scalar field (not Object ones). */
export const SORTABLE_FIELDS: readonly EntityField[] = LEAD_TABLE.sortable;
