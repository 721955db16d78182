/**
 * Names instead of IDs (version 3): stages and customers are picked by name — the record pickers
 * search the stage and contact entities, the lead mapper's Stage and Customer columns list them
 * by name (and stay plain IDs when the list cannot be had), and Get Many's stage filter takes a
 * picked stage. Against the sandbox over real HTTP.
 */
import { getEntityFilters, searchContacts, searchRecords, searchStages } from '../../nodes/CrmLead/methods/entityMethods';
import { getLeadColumnsWithNames } from '../../nodes/CrmLead/methods/leadColumns';
import { runNode } from '../../scripts/runNode';
import { loadOptionsContext } from '../helpers/loadOptions';
import { useSandbox } from '../helpers/sandbox';

const env = useSandbox({ seed: 60 });

test('the Stage and Customer pickers search by name', async () => {
	const ctx = loadOptionsContext(env.credentials);
	expect((await searchStages.call(ctx, 'qual')).results).toEqual([{ name: 'Qualified (qualified)', value: 'qualified' }]);
	expect((await searchStages.call(ctx)).results.map((r) => r.value)).toEqual(['new', 'qualified', 'proposition', 'won']);
	expect((await searchContacts.call(ctx, 'glob')).results).toEqual([{ name: 'Globex (partner_2)', value: 'partner_2' }]);
});

test('every entity’s record picker searches that entity (the Resource parameter names it)', async () => {
	const activities = loadOptionsContext(env.credentials, { resource: 'stage' });
	expect((await searchRecords.call(activities, 'won')).results).toEqual([{ name: 'Won (won)', value: 'won' }]);
	await expect(searchRecords.call(loadOptionsContext(env.credentials, { resource: 'nothing' }))).rejects.toThrow('The resource "nothing" is not an entity this node knows');
	expect((await getEntityFilters.call(loadOptionsContext(env.credentials, { resource: 'activity' }))).map((o) => o.name)).toContain('Record ID Is One Of');
});

test('the lead mapper lists stages and customers by name', async () => {
	const { fields } = await getLeadColumnsWithNames.call(loadOptionsContext(env.credentials, { operation: 'create' }));
	const stage = fields.find((f) => f.id === 'stage_id')!;
	expect(stage).toMatchObject({ type: 'options', displayName: 'Stage (stage_id)' });
	expect(stage.options?.map((o) => o.name)).toEqual(['New (new)', 'Proposition (proposition)', 'Qualified (qualified)', 'Won (won)']);
	const customer = fields.find((f) => f.id === 'partner_id')!;
	expect(customer.type).toBe('options');
	expect(customer.options).toHaveLength(env.sandbox.listRecords('res_partners').length);
	expect(fields.find((f) => f.id === 'team_id')?.type).toBe('string');
});

test('when the server cannot list them, the columns stay IDs and the mapper still loads', async () => {
	const { fields } = await getLeadColumnsWithNames.call(loadOptionsContext(env.credentials, { operation: 'update' }, new Error('connect ECONNREFUSED')));
	expect(fields.find((f) => f.id === 'stage_id')).toMatchObject({ type: 'string', displayName: 'Stage ID (stage_id)' });
	expect(fields).toHaveLength(91);
});

test('Get Many’s stage filter takes a stage picked from the list (version 3), and an ID as before (version 2)', async () => {
	const picked = await runNode({
		credentials: env.credentials,
		parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: { n_stage_id_eq: { __rl: true, mode: 'list', value: 'won', cachedResultName: 'Won (won)' } } },
		typeVersion: 3,
	});
	expect(picked.error).toBeUndefined();
	expect(picked.items.length).toBe(env.sandbox.countLeads({ n_stage_id_eq: 'won' }));
	expect(picked.items.every((i) => i.json.stage_id === 'won')).toBe(true);
	const byId = await runNode({ credentials: env.credentials, parameters: { resource: 'lead', operation: 'getMany', returnAll: true, filters: { n_stage_id_eq: 'won' } }, typeVersion: 2 });
	expect(byId.items.map((i) => i.json.id)).toEqual(picked.items.map((i) => i.json.id));
});
