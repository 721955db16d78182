/**
 * Every endpoint of the four entity pages (contacts, stages, activities, messages — their
 * standard set, lists, actions, file endpoints, and the nested paths under a lead) runs through
 * the packed CRM Lead node (version 3) in the real n8n, against the sandbox.
 */
import { ENTITIES } from '../../nodes/CrmLead/entities';
import { entityEndpoints } from '../../nodes/CrmLead/entities/endpoints';
import { entityEndpointsWorkflow } from '../../scripts/e2e/entityWorkflow';
import { nodeError, nodeOutput, summarize } from '../../scripts/e2e/runData';
import { outputSchemaFiles } from '../../scripts/schemas/catalogue';
import { outputMismatches, type SchemaNode } from '../helpers/outputSchema';
import { n8nClient, sandboxRequest } from './helpers';

test('one node per endpoint of every page, all of them succeed in n8n', async () => {
	const client = await n8nClient();
	const { workflow, nodes } = entityEndpointsWorkflow();
	const id = await client.createWorkflow(workflow);
	const result = await client.runWorkflow(id, { timeoutMs: 240_000 });
	if (result.status !== 'success') throw new Error(summarize(result));

	expect([...nodes.keys()].filter((name) => nodeError(result, name) !== undefined)).toEqual([]);
	// Each node ran (an empty list still hands one empty item on: Always Output Data, so the chain goes on).
	expect([...nodes.keys()].filter((name) => nodeOutput(result, name).length === 0)).toEqual([]);
	// Every operation of every page ran, top level and (for activities and messages) nested.
	for (const entity of ENTITIES) {
		const documented = new Set(entityEndpoints(entity).map((e) => e.operation));
		for (const nested of entity.parent ? [false, true] : [false]) {
			const ran = new Set([...nodes.values()].filter((n) => n.resource === entity.resource && n.nested === nested).map((n) => n.operation));
			expect([...documented].filter((op) => !ran.has(op))).toEqual([]);
		}
	}
	// Every real output agrees with the output schema the editor previews (version 3, the operation's defaults).
	const schemas = new Map(outputSchemaFiles().map((f) => [f.path, f.schema as SchemaNode]));
	const mismatches = [...nodes].flatMap(([name, { resource, operation }]) => {
		const schema = schemas.get(`dist/nodes/CrmLead/__schema__/v3.0.0/${resource}/${operation}.json`);
		if (!schema) return [`${name}: no schema`];
		return nodeOutput(result, name).flatMap((item) => outputMismatches(schema, item.json as Parameters<typeof outputMismatches>[1]).map((m) => `${name}: ${m}`));
	});
	expect(mismatches).toEqual([]);
	// What the runs did on the server: the nested activity was marked done and its note posted on the lead.
	expect(nodeOutput(result, 'Activity (nested): Mark Done')[0].json).toMatchObject({ state: 'done', res_id: 'e2e-lead-activity' });
	const thread = await sandboxRequest<Array<{ message_type: string }>>('POST', '/mail_threads/e2e-lead-activity/mail_messages/fetch_default', {});
	expect(thread.json.map((m) => m.message_type)).toContain('notification');
	expect(nodeOutput(result, 'Contact: Print')[0].binary?.data).toMatchObject({ mimeType: 'application/pdf' });
	expect((await sandboxRequest('GET', '/res_partners/contact-1')).status).not.toBe(200); // deleted at the end
});
