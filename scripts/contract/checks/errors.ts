/**
 * Error answers: a missing key, a bad value and a missing `type`, as either generation gives
 * them (classic: 404/400 problem details; cloud: HTTP 500 {type, code, message[, details]}),
 * and whether the server's error shape is one of the two, with words a person can read.
 */
import type { RunContext } from '../context';
import { describe, differ, errorText, is2xx, isObject, match, problemShapeIssues, quote, serverWords, unexpectedStatus } from '../expect';
import { KEY, LEAD, NAME, SAMPLE_TIMESTAMP, TYPE } from '../fields';
import { cloudError, describeGeneration, errorGeneration, isInvalidInput, isNotFound } from '../generations';
import type { ApiResponse } from '../http';
import type { Outcome } from '../types';
import { createLead, getLead } from './common';

/** Refused as invalid input, naming `field`; for classic the shape is checked last, so a shape-only difference is tolerated. */
function validationAnswer(ctx: RunContext, res: ApiResponse, fieldName: string, names: (res: ApiResponse) => boolean, badValue?: string): Outcome {
	if (is2xx(res)) return differ(`the invalid record was accepted (HTTP ${res.status})`);
	if (!isInvalidInput(res)) return differ(unexpectedStatus(res, '400 (cloud: HTTP 500)'));
	const cloud = cloudError(res);
	if (!names(res)) {
		// Cloud's conversion error ("转化数据[v]至[type]发生异常，…") names the value and its type, not the field.
		const namesValue = cloud !== undefined && badValue !== undefined && cloud.message.includes(badValue);
		return differ(`the error does not name the field '${fieldName}': ${describe(res)}`, namesValue ? 'names-value' : undefined);
	}
	if (cloud) {
		ctx.noteGeneration('cloud', `an invalid value got ${describeGeneration(res).replace(/^\w+: /, '')}`);
		return match(describeGeneration(res));
	}
	const issues = problemShapeIssues(res);
	return issues.length === 0 ? match(describe(res)) : differ(issues.join('; '), 'shape', describe(res));
}

/** The human-readable parts of an error (not its `type`, whose key is literally "type"). */
function errorWords(res: ApiResponse): string {
	if (isObject(res.json)) {
		return ['detail', 'message', 'title', 'error', 'errors', 'fieldErrors', 'details']
			.map((k) => (res.json as Record<string, unknown>)[k])
			.filter((v) => v !== undefined)
			.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
			.join(' ');
	}
	return errorText(res);
}

export async function checkErrors(ctx: RunContext): Promise<void> {
	let notFound: ApiResponse | undefined;
	await ctx.check('errors.not-found', async () => {
		const res = await getLead(ctx, `${ctx.runId}-missing`);
		notFound = res;
		if (!isNotFound(res)) return differ(unexpectedStatus(res, '404 (cloud: HTTP 500 code 3)'));
		if (res.status !== 404) return match(describeGeneration(res));
		const issues = problemShapeIssues(res);
		return issues.length === 0 ? match() : differ(`${issues.join('; ')} (${describe(res)})`, 'shape');
	});

	await ctx.check('errors.shape', async () => {
		if (!notFound || is2xx(notFound)) return { status: 'skipped', reason: 'no error answer to inspect (see errors.not-found)' };
		const generation = errorGeneration(notFound);
		const words = cloudError(notFound)?.message ?? serverWords(notFound);
		if (!generation) return differ(`neither generation's error shape: ${describe(notFound)}`, 'shape');
		ctx.noteGeneration(generation, `a missing lead got ${describeGeneration(notFound).replace(/^\w+: /, '')}`);
		if (!words) return differ(`a ${generation} error without a message: ${describe(notFound)}`, 'shape');
		return match(`${generation}: ${quote(words)}`);
	});

	await ctx.check('errors.validation', async () => {
		const bad = 'not a date';
		const res = await createLead(ctx, {
			[KEY.name]: ctx.id('invalid'),
			[TYPE.name]: LEAD,
			[NAME.name]: ctx.name('invalid'),
			[SAMPLE_TIMESTAMP.name]: bad,
		});
		const outcome = validationAnswer(ctx, res, SAMPLE_TIMESTAMP.name, (r) => errorText(r).includes(SAMPLE_TIMESTAMP.name), bad);
		if (outcome.status === 'differ' && is2xx(res)) return differ(`${SAMPLE_TIMESTAMP.name} ${quote(bad)} was accepted (HTTP ${res.status})`);
		return outcome;
	});

	await ctx.check('errors.required-type', async () => {
		const res = await createLead(ctx, { [KEY.name]: ctx.id('no-type'), [NAME.name]: ctx.name('no type') });
		const namesType = (r: ApiResponse) => new RegExp(`(^|[^A-Za-z_])${TYPE.name}([^A-Za-z_]|$)`).test(errorWords(r));
		return validationAnswer(ctx, res, TYPE.name, namesType);
	});
}
