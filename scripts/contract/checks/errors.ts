/** Error answers: 404 for a missing key, 400 naming the field, both in the problem-details shape. */
import type { RunContext } from '../context';
import { describe, differ, errorText, is2xx, isObject, match, problemShapeIssues, quote, unexpectedStatus } from '../expect';
import { KEY, LEAD, NAME, SAMPLE_TIMESTAMP, TYPE } from '../fields';
import type { ApiResponse } from '../http';
import type { Outcome } from '../types';
import { createLead, getLead } from './common';

/** 400 that names `field`; the shape is checked last, so a shape-only difference is tolerated. */
function validationAnswer(res: ApiResponse, fieldName: string, names: (res: ApiResponse) => boolean): Outcome {
	if (is2xx(res)) return differ(`the invalid record was accepted (HTTP ${res.status})`);
	if (res.status !== 400) return differ(unexpectedStatus(res, '400'));
	if (!names(res)) return differ(`the error does not name the field '${fieldName}': ${describe(res)}`);
	const issues = problemShapeIssues(res);
	return issues.length === 0 ? match(describe(res)) : differ(issues.join('; '), 'shape', describe(res));
}

/** The human-readable parts of an error (not its `type` URI, whose key is literally "type"). */
function errorWords(res: ApiResponse): string {
	if (isObject(res.json)) {
		return ['detail', 'message', 'title', 'error', 'errors', 'fieldErrors']
			.map((k) => (res.json as Record<string, unknown>)[k])
			.filter((v) => v !== undefined)
			.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
			.join(' ');
	}
	return errorText(res);
}

export async function checkErrors(ctx: RunContext): Promise<void> {
	await ctx.check('errors.not-found', async () => {
		const res = await getLead(ctx, `${ctx.runId}-missing`);
		if (res.status !== 404) return differ(unexpectedStatus(res, '404'));
		const issues = problemShapeIssues(res);
		return issues.length === 0 ? match() : differ(`${issues.join('; ')} (${describe(res)})`, 'shape');
	});

	await ctx.check('errors.validation', async () => {
		const bad = 'not a date';
		const res = await createLead(ctx, {
			[KEY.name]: ctx.id('invalid'),
			[TYPE.name]: LEAD,
			[NAME.name]: ctx.name('invalid'),
			[SAMPLE_TIMESTAMP.name]: bad,
		});
		const outcome = validationAnswer(res, SAMPLE_TIMESTAMP.name, (r) => errorText(r).includes(SAMPLE_TIMESTAMP.name));
		if (outcome.status === 'differ' && is2xx(res)) return differ(`${SAMPLE_TIMESTAMP.name} ${quote(bad)} was accepted (HTTP ${res.status})`);
		return outcome;
	});

	await ctx.check('errors.required-type', async () => {
		const res = await createLead(ctx, { [KEY.name]: ctx.id('no-type'), [NAME.name]: ctx.name('no type') });
		const namesType = (r: ApiResponse) => new RegExp(`(^|[^A-Za-z_])${TYPE.name}([^A-Za-z_]|$)`).test(errorWords(r));
		return validationAnswer(res, TYPE.name, namesType);
	});
}
