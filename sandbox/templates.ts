/** Seeded mail templates for message_post_with_source, keyed by Odoo-style xml ids. */

export interface MailTemplate {
	id: string;
	subject: string | null;
	body: string;
}

export const MAIL_TEMPLATES: ReadonlyMap<string, MailTemplate> = new Map(
	[
		{
			id: 'crm.lead_welcome',
			subject: 'Welcome, {{contact_name}}',
			body: 'Hello {{contact_name}}, thank you for your interest in {{name}}.',
		},
		{
			id: 'crm.lead_followup',
			subject: 'Following up: {{name}}',
			body: 'Hi {{contact_name}}, following up on {{name}}: {{note}}',
		},
		{
			id: 'crm.lead_won',
			subject: null,
			body: 'Congratulations {{user_id}}: {{name}} is won ({{expected_revenue}}).',
		},
	].map((t) => [t.id, t]),
);

/**
 * Replaces {{name}} from `renderValues` first, then the record's fields; unknown or null
 * placeholders render as empty text (as Odoo's renderer does).
 */
export function renderTemplate(text: string, renderValues: Record<string, unknown>, record: Record<string, unknown>): string {
	return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, name: string) => {
		const value = Object.prototype.hasOwnProperty.call(renderValues, name) ? renderValues[name] : record[name];
		if (value === null || value === undefined) return '';
		return typeof value === 'object' ? JSON.stringify(value) : String(value);
	});
}
