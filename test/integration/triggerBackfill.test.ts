/**
 * CRM Lead Trigger, Start From (issue 33): a backlog comes out oldest first in batches of at most
 * Max Leads Per Poll, then the live trigger takes over with no gap and no repeat; bad input is
 * refused before any request. Both server flavours.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Flavour } from '../../sandbox/server';
import { triggerHarness } from '../helpers/pollTrigger';
import { useSandbox } from '../helpers/sandbox';

const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((i) => String(i.json.id));
const kindOf = (error: unknown) => (error as { context?: { errorKind?: string } }).context?.errorKind;

describe.each<Flavour>(['cloud', 'classic'])('%s flavour', (flavour) => {
	const env = useSandbox({ flavour, timeZone: 'UTC' });
	let clock = Date.UTC(2026, 5, 1, 0, 0, 0);
	const tick = (seconds = 1) => env.sandbox.setNow(new Date((clock += seconds * 1000)));
	const stamp = (offsetMinutes: number) => new Date(Date.UTC(2026, 4, 1) + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
	const team = (name: string) => `team_bf_${name}`;
	/** Leads created (and written) at May 1st + n minutes, for n in `minutes`. */
	const history = (name: string, minutes: number[]) =>
		env.sandbox.insertLeads(minutes.map((n) => ({ id: `${name}-${String(n).padStart(4, '0')}`, type: 'lead', name: `${name} ${n}`, team_id: team(name), create_date: stamp(n), write_date: stamp(n) })));

	const utc = () => ({ ...env.credentials, timeZone: 'UTC' });

	beforeEach(() => tick(10));
	afterEach(() => env.sandbox.onListPage(null));

	test('Start From a date: the backlog from that moment on, oldest first, in batches of Max Leads Per Poll; then new leads, none twice', async () => {
		history('date', [0, 10, 20, 30, 40, 50, 60, 70]);
		const trigger = triggerHarness(utc(), {
			event: 'created',
			startFrom: 'date',
			startDate: '2026-05-01T00:20:00Z',
			filters: { n_team_id_eq: team('date') },
			options: { maxLeadsPerPoll: 2, pageSize: 3 },
		});
		const batches = [ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll())];
		expect(batches).toEqual([
			['date-0020', 'date-0030'],
			['date-0040', 'date-0050'],
			['date-0060', 'date-0070'],
		]);
		// New leads while the hand-over happens: they come out once, after the backlog.
		tick();
		env.sandbox.insertLeads([{ id: 'date-new-1', type: 'lead', name: 'new 1', team_id: team('date') }]);
		const rest = [...ids(await trigger.poll()), ...ids(await trigger.poll())];
		tick(61);
		env.sandbox.insertLeads([{ id: 'date-new-2', type: 'lead', name: 'new 2', team_id: team('date') }]);
		rest.push(...ids(await trigger.poll()), ...ids(await trigger.poll()));
		expect(rest).toEqual(['date-new-1', 'date-new-2']);
	});

	test('Start From the first lead: every lead of the list, then the live trigger; Lead Updated with a backlog of edits', async () => {
		history('first', [5, 15, 25]);
		const created = triggerHarness(utc(), { event: 'created', startFrom: 'beginning', filters: { n_team_id_eq: team('first') } });
		expect(ids(await created.poll())).toEqual(['first-0005', 'first-0015', 'first-0025']);
		expect(await created.poll()).toEqual([]);
		const updated = triggerHarness(utc(), { event: 'updated', startFrom: 'beginning', filters: { n_team_id_eq: team('first') }, options: { includeCreated: true, maxLeadsPerPoll: 2 } });
		expect(ids(await updated.poll())).toEqual(['first-0005', 'first-0015']);
		// An edit while the backlog is read: the lead moves to the end and comes out there, once.
		tick();
		env.sandbox.updateLead('first-0005', { name: 'edited' });
		expect(ids(await updated.poll())).toEqual(['first-0025', 'first-0005']);
		expect(await updated.poll()).toEqual([]);
	});

	test('changing Start From starts again from the new point; an unchanged one carries on', async () => {
		history('change', [0, 30]);
		const parameters = { event: 'created', startFrom: 'date', startDate: '2026-05-01T00:10:00Z', filters: { n_team_id_eq: team('change') } };
		const trigger = triggerHarness(utc(), parameters);
		expect(ids(await trigger.poll())).toEqual(['change-0030']);
		expect(await trigger.poll()).toEqual([]);
		const moved = trigger.withParameters({ ...parameters, startDate: '2026-05-01T00:00:00Z' });
		expect(ids(await moved.poll())).toEqual(['change-0000', 'change-0030']);
		expect(await moved.poll()).toEqual([]);
	});

	test('Fetch Test Event still returns one lead, the newest', async () => {
		history('manual', [1, 2, 3]);
		const trigger = triggerHarness(utc(), { event: 'created', startFrom: 'beginning', filters: { n_team_id_eq: team('manual') } });
		expect(ids(await trigger.poll('manual'))).toEqual(['manual-0003']);
	});

	test('a backlog larger than a poll may hand out after the trigger fell behind is read oldest first, in batches', async () => {
		const trigger = triggerHarness(utc(), { event: 'created', filters: { n_team_id_eq: team('behind') }, options: { maxLeadsPerPoll: 3, pageSize: 2 } });
		await trigger.poll();
		tick();
		env.sandbox.insertLeads(Array.from({ length: 8 }, (_, i) => ({ id: `behind-${i}`, type: 'lead', name: `behind ${i}`, team_id: team('behind') })));
		tick(600); // the trigger was off for ten minutes
		const batches = [ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll()), ids(await trigger.poll())];
		expect(batches.map((b) => b.length)).toEqual([3, 3, 2, 0]);
		expect(batches.flat().sort()).toEqual(Array.from({ length: 8 }, (_, i) => `behind-${i}`).sort());
	});
});

describe('bad Start From, Max Leads Per Poll and Lead Deleted filters are refused before any request', () => {
	const env = useSandbox();
	const cases: Array<[string, IDataObject, RegExp]> = [
		['Start From in the future', { event: 'created', startFrom: 'date', startDate: '2999-01-01T00:00:00Z' }, /^Start From 2999-01-01 .* lies in the future/],
		['an unparsable Start From', { event: 'updated', startFrom: 'date', startDate: 'last tuesday' }, /^Start From expects a date and time .*got "last tuesday"/],
		['Max Leads Per Poll 0', { event: 'created', options: { maxLeadsPerPoll: 0 } }, /^Max Leads Per Poll must be a whole number of 1 or more, got 0/],
		['Max Leads Per Poll -5', { event: 'deleted', options: { maxLeadsPerPoll: -5 } }, /^Max Leads Per Poll must be a whole number of 1 or more, got -5/],
		['Check Deletions Every -1', { event: 'deleted', options: { checkDeletionsEvery: -1 } }, /^Check Deletions Every must be a whole number of 0 or more/],
		['a filter value the server cannot evaluate (Lead Deleted)', { event: 'deleted', filters: { n_priority_eq: 'urgent' } }, /^The filter Priority must be one of .*got "urgent"/],
		['a filter value the server cannot evaluate (Lead Created)', { event: 'created', filters: { n_type_eq: 'customer' } }, /^The filter Type must be one of .*got "customer"/],
		['Lead Deleted with a filter left empty', { event: 'deleted', filters: { n_team_id_eq: '' } }, /^Lead Deleted cannot use the filter Sales Team ID without a value/],
	];
	test.each(cases)('%s (poll and Fetch Test Event)', async (_, parameters, message) => {
		for (const mode of ['trigger', 'manual'] as const) {
			env.sandbox.resetRequests();
			const error = await triggerHarness(env.credentials, parameters)
				.poll(mode)
				.then(() => undefined, (e: unknown) => e as Error);
			expect(error?.message).toMatch(message);
			expect(kindOf(error)).toBe('invalidValue');
			expect(env.sandbox.requests).toEqual([]);
			expect(JSON.stringify(error)).not.toContain(env.sandbox.token);
		}
	});
});
