/**
 * What each entity's extra lists (data sets) select, as the sandbox chooses to read them from
 * Odoo (the docs pages name them, not their rules): contacts fetch_is_company = companies,
 * fetch_channel_invite = active individuals; activities fetch_un_finished = not done and active;
 * messages fetch_common = comments and emails that are not internal notes, fetch_common_all =
 * comments and emails, fetch_cur_user = written by the sandbox's user, fetch_pinned = pinned.
 */
import { SANDBOX_USER } from '../leads';
import type { SqlRule } from './entityStore';

const RULES: Record<string, readonly SqlRule[]> = {
	'res_partners/fetch_is_company': [{ sql: '"is_company" = 1', params: [] }],
	'res_partners/fetch_channel_invite': [{ sql: 'COALESCE("active", 1) = 1 AND COALESCE("is_company", 0) = 0', params: [] }],
	'mail_activities/fetch_un_finished': [{ sql: `COALESCE("state", '') <> 'done' AND COALESCE("active", 1) = 1`, params: [] }],
	'mail_messages/fetch_common': [{ sql: `"message_type" IN ('comment', 'email') AND COALESCE("is_internal", 0) = 0`, params: [] }],
	'mail_messages/fetch_common_all': [{ sql: `"message_type" IN ('comment', 'email')`, params: [] }],
	'mail_messages/fetch_cur_user': [{ sql: '"create_uid" = ?', params: [SANDBOX_USER] }],
	'mail_messages/fetch_pinned': [{ sql: '"pinned_at" IS NOT NULL', params: [] }],
};

/** The rules of `<path>/<dataSet>`; fetch_default (and any set without rules) selects everything. */
export function dataSetRules(path: string, dataSet: string): readonly SqlRule[] {
	return RULES[`${path}/${dataSet}`] ?? [];
}
