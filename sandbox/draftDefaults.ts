/**
 * Values get_draft fills in before the query's own (Odoo's crm.lead defaults). Checked against
 * the field table at load time, so a renamed field or a bad value fails fast.
 */
import { mustGet } from './fields';
import { coerceFieldValue, type WireValue } from './validate';

const DEFAULTS: Record<string, unknown> = {
	active: 1,
	type: 'lead',
	priority: '0',
	probability: 10,
};

export const DRAFT_DEFAULTS: Readonly<Record<string, WireValue>> = Object.fromEntries(
	Object.entries(DEFAULTS).map(([name, value]) => {
		const coerced = coerceFieldValue(mustGet(name), value);
		if (!coerced.ok) throw new Error(`Draft default for '${name}' ${coerced.reason}`);
		return [name, coerced.value];
	}),
);
