/**
 * The entities' actions, with what Odoo does for them (the docs pages give only their paths):
 * - activity action_done (mail.activity.action_done → _action_done): posts a notification on the
 *   activity's record saying it is done (its type, summary and note), then removes the activity —
 *   or, when it has keep_done set (Odoo 17+), keeps it archived: state done, active 0, date_done.
 *   Answers the activity as it ended (state done).
 * - activity action_snooze (mail.activity.action_snooze): due date 7 days later.
 * - message pin / unpin: pinned_at now / cleared; add_favorite / remove_favorite: is_favorite and
 *   starred set / cleared, favorite_count counted; remove_all_favorites: every favorite cleared
 *   (answers true); delete (mail.thread._message_update_content with an empty body): body and
 *   preview emptied, the message stays in its thread.
 */
import { formatTimestamp } from '../timestamps';
import type { Clock } from '../clock';
import type { EntityRecord } from './entityStore';
import type { EntityService, ParentScope } from './entityService';

export interface ActionContext {
	service: EntityService;
	/** Other entities' services by path (action_done posts a message). */
	services: ReadonlyMap<string, EntityService>;
	clock: Clock;
}

type Action = (context: ActionContext, key: string | undefined, body: EntityRecord, scope?: ParentScope) => unknown;

const SNOOZE_DAYS = 7;

/** Wire timestamps are server-local wall time: the wall time moves by whole days, whatever the zone does. */
function plusDays(timestamp: string, days: number): string {
	const [date, time] = timestamp.split(' ');
	const shifted = new Date(`${date}T${time}Z`);
	shifted.setUTCDate(shifted.getUTCDate() + days);
	return formatTimestamp(shifted, 'UTC');
}

function recordKey(key: string | undefined): string {
	if (key === undefined) throw new Error('a record action needs a key');
	return key;
}

const ACTIONS: Record<string, Action> = {
	'mail_activities/action_done': ({ service, services, clock }, key, body, scope) => {
		const activity = service.get(recordKey(key), scope);
		const now = clock.timestamp();
		const messages = services.get('mail_messages');
		const what = [activity.activity_type_name ?? 'Activity', 'done'].join(' ');
		const feedback = typeof body.note === 'string' && body.note !== activity.note ? body.note : undefined;
		const text = [`${what}${activity.summary ? `: ${String(activity.summary)}` : ''}`, activity.note, feedback].filter(Boolean).join('\n');
		messages?.create({
			model: activity.res_model ?? null,
			res_id: activity.res_id ?? null,
			record_name: activity.res_name ?? null,
			message_type: 'notification',
			subject: what,
			body: text,
			preview: text.slice(0, 100),
			date: now,
			mail_activity_type_id: activity.activity_type_id ?? null,
		});
		if (activity.keep_done === 1) return service.update(String(activity.id), { state: 'done', active: 0, date_done: now }, scope);
		service.delete(String(activity.id), scope);
		return { ...activity, state: 'done', date_done: now };
	},
	'mail_activities/action_snooze': ({ service, clock }, key, _body, scope) => {
		const activity = service.get(recordKey(key), scope);
		const deadline = typeof activity.date_deadline === 'string' ? activity.date_deadline : clock.timestamp();
		return service.update(String(activity.id), { date_deadline: plusDays(deadline, SNOOZE_DAYS), state: 'planned' }, scope);
	},
	'mail_messages/pin': ({ service, clock }, key, _body, scope) => service.update(recordKey(key), { pinned_at: clock.timestamp() }, scope),
	'mail_messages/unpin': ({ service }, key, _body, scope) => service.update(recordKey(key), { pinned_at: null }, scope),
	'mail_messages/add_favorite': ({ service }, key, _body, scope) => {
		const message = service.get(recordKey(key), scope);
		if (message.is_favorite === 1) return message;
		return service.update(String(message.id), { is_favorite: 1, starred: 1, favorite_count: Number(message.favorite_count ?? 0) + 1 }, scope);
	},
	'mail_messages/remove_favorite': ({ service }, key, _body, scope) => {
		const message = service.get(recordKey(key), scope);
		if (message.is_favorite !== 1) return message;
		return service.update(String(message.id), { is_favorite: 0, starred: 0, favorite_count: Math.max(0, Number(message.favorite_count ?? 1) - 1) }, scope);
	},
	'mail_messages/remove_all_favorites': ({ service }, _key, _body, scope) => {
		const { rows } = service.list({ conditions: [], rules: [{ sql: '"is_favorite" = 1', params: [] }], sort: [], offset: 0 }, scope);
		for (const message of rows) {
			service.update(String(message.id), { is_favorite: 0, starred: 0, favorite_count: Math.max(0, Number(message.favorite_count ?? 1) - 1) }, scope);
		}
		return true;
	},
	'mail_messages/delete': ({ service }, key, _body, scope) => service.update(recordKey(key), { body: '', preview: '' }, scope),
};

/** The action behind `<entity path>/<segment>`, if the sandbox implements it. */
export function actionOf(path: string, segment: string): Action | undefined {
	return ACTIONS[`${path}/${segment}`];
}
