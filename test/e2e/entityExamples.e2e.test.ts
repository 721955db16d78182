/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The examples of the entities around a lead (examples/*.json, node version 3) run in the real
 * n8n, and what each is for happened on the sandbox: a call planned on a new lead for its
 * salesperson; an activity marked done and a note posted on its lead; contacts and leads synced
 * with stage names turned into stage IDs and back.
 */
import path from 'node:path';

import { EXAMPLES_DIR } from '../../scripts/e2e/paths';
import { assertSuccess, nodeJson } from '../../scripts/e2e/runData';
import { e2eState, runWorkflow, sandboxRequest } from './helpers';

function exampleId(file: string): string {
	const workflow = e2eState().workflows.find((w) => w.file === path.join(EXAMPLES_DIR, file));
	if (!workflow) throw new Error(`${file} was not imported`);
	return workflow.id;
}
const run = async (file: string) => assertSuccess(await runWorkflow(exampleId(file)));

test('new-lead-call-activity: the new lead gets a call activity for its salesperson, on its own activities', async () => {
	const result = await run('new-lead-call-activity.json');
	const [lead] = nodeJson(result, 'New Lead');
	const [activity] = nodeJson(result, 'Schedule a Call');
	// its salesperson, or the example's default for a lead without one
	expect(activity).toMatchObject({ res_id: lead.id, res_model: 'crm.lead', activity_type_name: 'Call', user_id: lead.user_id ?? 'user_alice' });
	const own = await sandboxRequest<Array<{ id: string }>>('POST', `/mail_activity_mixins/${String(lead.id)}/mail_activities/fetch_default`, {});
	expect(own.json.map((a) => a.id)).toContain(activity.id);
});

test('activity-done-note: the call is marked done and a note posted on the lead’s thread', async () => {
	const result = await run('activity-done-note.json');
	const [lead] = nodeJson(result, 'A Lead');
	expect(nodeJson(result, 'Mark Call Done')[0]).toMatchObject({ state: 'done', res_id: lead.id });
	const thread = nodeJson(result, "Lead's Thread");
	expect(thread.map((m) => m.message_type).sort()).toEqual(['comment', 'notification']);
	expect(String(thread.find((m) => m.message_type === 'comment')?.body)).toMatch(/^Follow-up call with .*: done on \d{4}-\d{2}-\d{2}$/);
});

test('contact-lead-sync: contacts and leads saved with the source ids, stage names turned into ids and back; idempotent', async () => {
	await run('contact-lead-sync.json');
	const result = await run('contact-lead-sync.json');
	expect(nodeJson(result, 'Leads With Stage Names')).toEqual([
		{ id: 'sync-deal-1', name: 'Northwind: 40 seats', customer: 'sync-contact-1', stage_id: 'qualified', stage: 'Qualified' },
		{ id: 'sync-deal-2', name: 'Contoso: support renewal', customer: 'sync-contact-2', stage_id: 'proposition', stage: 'Proposition' },
		{ id: 'sync-deal-3', name: 'Fabrikam: pilot', customer: 'sync-contact-3', stage_id: 'new', stage: 'New' },
	]);
	const contacts = await sandboxRequest<Array<{ id: string; name: string }>>('POST', '/res_partners/fetch_default', { size: 1000 });
	expect(contacts.json.filter((c) => c.id.startsWith('sync-contact-')).map((c) => c.name)).toEqual(['Northwind Traders', 'Contoso', 'Fabrikam']);
	expect((await sandboxRequest('GET', '/crm_leads/sync-deal-2')).json).toMatchObject({ partner_id: 'sync-contact-2', stage_id: 'proposition' });
});
