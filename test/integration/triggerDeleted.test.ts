/**
 * CRM Lead Trigger, Lead Deleted (issue 33): every lead that matched the filters and is deleted
 * comes out once, confirmed with check_key; leaving the filters or moving in the list is no
 * deletion. Both server flavours: cloud deletes logically (check_key 2), classic removes the row
 * (check_key 0, and the ID can come back).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Flavour } from '../../sandbox/server';
import { triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';

const ids = (items: Array<{ json: IDataObject }>) => items.map((i) => String(i.json.id));
const listRequests = (requests: Array<{ path: string }>) => requests.filter((r) => r.path.endsWith('fetch_default')).length;

describe.each<Flavour>(['cloud', 'classic'])('%s flavour', (flavour) => {
	const env = useSandbox({ flavour, faults: true });
	let clock = Date.UTC(2026, 5, 1, 0, 0, 0);
	const tick = (seconds = 1) => env.sandbox.setNow(new Date((clock += seconds * 1000)));
	const create = (team: string, ...names: string[]) => env.sandbox.insertLeads(names.map((id) => ({ id, type: 'lead', name: id, team_id: team })));
	const watch = (team: string, options: IDataObject = {}) =>
		triggerHarness(env.credentials, { event: 'deleted', filters: { n_team_id_eq: team }, options: { checkDeletionsEvery: 0, ...options } });

	beforeEach(() => tick(10));
	afterEach(() => {
		env.sandbox.onListPage(null);
		env.sandbox.clearFaults();
	});

	test('a deleted lead comes out once, with its ID and what check_key said; leaving the filters is no deletion', async () => {
		const team = `team_del_${flavour}`;
		create(team, 'del-a', 'del-b', 'del-c');
		const trigger = watch(team);
		expect(await trigger.poll()).toEqual([]); // activation: the list as it is now
		env.sandbox.deleteLead('del-a');
		env.sandbox.updateLead('del-b', { team_id: 'team_elsewhere' });
		const [deleted] = await trigger.poll();
		expect(deleted.json).toEqual({ id: 'del-a', deleted: true, keyState: flavour === 'cloud' ? 'deleted' : 'notFound', detectedAt: expect.stringMatching(/^2026-06-01T/) });
		expect(await trigger.poll()).toEqual([]);
		// del-b left the filters: it is no longer watched, so its deletion later is none of the trigger's business.
		env.sandbox.deleteLead('del-b');
		expect(await trigger.poll()).toEqual([]);
	});

	test('leads that move between pages while a check reads them are no deletions; the deleted one comes out once', async () => {
		const team = `team_move_${flavour}`;
		create(team, ...Array.from({ length: 12 }, (_, i) => `move-${String(i).padStart(2, '0')}`));
		const trigger = watch(team, { pageSize: 3 });
		await trigger.poll();
		let page = 0;
		env.sandbox.onListPage(() => {
			page++;
			if (page === 2) env.sandbox.deleteLead('move-00'); // every later row shifts up by one
			if (page === 3) create(team, 'move-000'); // and one shifts down
		});
		expect(ids(await trigger.poll())).toEqual([]); // move-00 was read before it went: the next check finds it
		env.sandbox.onListPage(null);
		expect(ids(await trigger.poll())).toEqual(['move-00']);
		expect(await trigger.poll()).toEqual([]);
	});

	test('Max Leads Per Poll bounds a poll; the rest come out in the next polls, each once', async () => {
		const team = `team_many_${flavour}`;
		const names = ['many-1', 'many-2', 'many-3', 'many-4', 'many-5'];
		create(team, ...names);
		const trigger = watch(team, { maxLeadsPerPoll: 2 });
		await trigger.poll();
		for (const name of names) env.sandbox.deleteLead(name);
		const batches = [ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll())];
		expect(batches).toEqual([['many-1', 'many-2'], ['many-3', 'many-4'], ['many-5'], []]);
	});

	test('Check Deletions Every: between checks a poll costs one request; a check runs once the time has passed', async () => {
		const team = `team_every_${flavour}`;
		create(team, 'every-1', 'every-2');
		const trigger = watch(team, { checkDeletionsEvery: 60 });
		await trigger.poll();
		env.sandbox.deleteLead('every-1');
		tick(59 * 60);
		env.sandbox.resetRequests();
		expect(await trigger.poll()).toEqual([]);
		expect(env.sandbox.requests).toHaveLength(1);
		tick(61);
		expect(ids(await trigger.poll())).toEqual(['every-1']);
	});

	test('a server whose check_key answers true/false produces no deletion: the poll fails, naming it, and moves nothing on', async () => {
		const team = `team_bool_${flavour}`;
		create(team, 'bool-1');
		const trigger = watch(team);
		await trigger.poll();
		env.sandbox.deleteLead('bool-1');
		env.sandbox.injectFault({ mode: 'check-key-boolean' });
		await expect(trigger.poll()).rejects.toThrow(/^The server answered check_key for lead "bool-1" with false, not 0, 1 or 2 as iBiz servers do/);
		env.sandbox.clearFaults();
		expect(ids(await trigger.poll())).toEqual(['bool-1']);
	});

	test('a list longer than one poll reads is checked over several polls', async () => {
		const team = `team_long_${flavour}`;
		create(team, ...Array.from({ length: 150 }, (_, i) => `long-${String(i).padStart(3, '0')}`));
		const trigger = watch(team, { pageSize: 2 }); // 75 windows: more than one poll spends
		await trigger.poll();
		await trigger.poll(); // the activation's check ends here
		env.sandbox.deleteLead('long-149');
		env.sandbox.deleteLead('long-000');
		env.sandbox.resetRequests();
		const found = [...ids(await trigger.poll()), ...ids(await trigger.poll())];
		expect(found.sort()).toEqual(['long-000', 'long-149']);
		expect(listRequests(env.sandbox.requests)).toBeGreaterThan(50);
	});

	test('Fetch Test Event shows the shape of a deletion without deleting or naming a real lead', async () => {
		const [item] = await watch(`team_manual_${flavour}`).poll('manual');
		expect(item.json).toEqual({ id: 'test-deleted-lead', deleted: true, keyState: 'test', detectedAt: expect.any(String) });
	});

	if (flavour === 'classic') {
		test('classic: a lead deleted and created again under its ID before the next check is no deletion; deleted again, it comes out', async () => {
			const team = 'team_again';
			create(team, 'again-1');
			const trigger = watch(team);
			await trigger.poll();
			env.sandbox.deleteLead('again-1');
			create(team, 'again-1');
			expect(await trigger.poll()).toEqual([]);
			env.sandbox.deleteLead('again-1');
			expect(ids(await trigger.poll())).toEqual(['again-1']);
		});
	}

	test('a lead created and deleted between two checks never comes out (no check saw it)', async () => {
		const team = `team_brief_${flavour}`;
		create(team, 'brief-keep');
		const trigger = watch(team);
		await trigger.poll();
		create(team, 'brief-1');
		env.sandbox.deleteLead('brief-1');
		expect(await trigger.poll()).toEqual([]);
	});
});
