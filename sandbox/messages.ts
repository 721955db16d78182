/** message_post_with_source: render a seeded template onto a lead's chatter. */
import { badRequest } from './apiErrors';
import { mustGet } from './fields';
import type { Clock } from './clock';
import type { LeadService } from './leads';
import type { LeadRecord, LeadStore } from './store';
import { MAIL_TEMPLATES, renderTemplate } from './templates';
import { problemsToError, validateLead } from './validate';

/** The flag a posted message raises on the lead. */
const HAS_MESSAGE = mustGet('has_message').name;

/** Body properties that drive the posting rather than describe the record. */
const POSTING_PROPERTIES = new Set(['source_ref', 'render_values', 'subject']);

export class MessageService {
	constructor(
		private readonly store: LeadStore,
		private readonly leads: LeadService,
		private readonly clock: Clock,
	) {}

	post(key: string, body: Record<string, unknown>): LeadRecord {
		const record = this.leads.get(key);
		// The body's record fields are type-checked like any lead body, but not written.
		const { problems } = validateLead(body, 'loose', { ignore: POSTING_PROPERTIES });
		if (problems.length > 0) throw problemsToError(problems, key);

		const template = this.templateOf(body.source_ref);
		const renderValues = this.renderValuesOf(body.render_values);
		const subject = typeof body.subject === 'string' ? body.subject : template.subject;
		this.store.transaction(() => {
			this.store.addMessage(key, {
				template: template.id,
				subject: subject === null ? null : renderTemplate(subject, renderValues, record),
				body: renderTemplate(template.body, renderValues, record),
				createdAt: this.clock.timestamp(),
			});
			this.store.update(key, { values: { [HAS_MESSAGE]: 1 }, extras: {} });
		});
		return this.leads.get(key);
	}

	private templateOf(sourceRef: unknown) {
		if (typeof sourceRef !== 'string' || sourceRef === '') {
			throw badRequest(`'source_ref' is required: the id of a mail template (known: ${[...MAIL_TEMPLATES.keys()].join(', ')})`, 'invalid_source_ref');
		}
		const template = MAIL_TEMPLATES.get(sourceRef);
		if (!template) {
			throw badRequest(`Unknown 'source_ref' template '${sourceRef}' (known: ${[...MAIL_TEMPLATES.keys()].join(', ')})`, 'invalid_source_ref');
		}
		return template;
	}

	private renderValuesOf(raw: unknown): Record<string, unknown> {
		if (raw === undefined || raw === null) return {};
		if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(`'render_values' must be a JSON object`, 'invalid_render_values');
		return raw as Record<string, unknown>;
	}
}
