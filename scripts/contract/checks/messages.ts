/** message_post_with_source: a templated message onto the test record's chatter. */
import type { RunContext } from '../context';
import { describe, differ, is2xx, isObject, match, quote } from '../expect';
import { KEY } from '../fields';
import { RESOURCE, needA } from './common';

export async function checkMessages(ctx: RunContext): Promise<void> {
	await ctx.check('message.post', async () => {
		const need = needA(ctx);
		if ('outcome' in need) return need.outcome;
		const res = await ctx.send({
			method: 'POST',
			path: [RESOURCE, need.id, 'message_post_with_source'],
			json: { [KEY.name]: need.id, source_ref: ctx.template, render_values: { note: 'contract check' } },
		});
		if (!is2xx(res)) return differ(`template ${quote(ctx.template)} was rejected: ${describe(res)} (pick another with --template)`);
		if (!isObject(res.json) || res.json[KEY.name] !== need.id) return differ(`answered ${describe(res)} instead of the record`);
		return match(`template ${quote(ctx.template)}`);
	});
}
