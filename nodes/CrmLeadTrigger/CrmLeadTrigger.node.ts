import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { filtersCollection, simplifyParameter } from '../CrmLead/actions/common/list.description';
import { withNamePickers } from '../CrmLead/actions/lead/v3/namePickers';
import { searchContacts, searchStages } from '../CrmLead/methods/entityMethods';
import { convertValuesOption, maxAnswerSizeOption, optionsCollection, pageSizeOption } from '../CrmLead/actions/common/options.description';
import { recordFromWire } from '../CrmLead/fields/convert';
import { leadListFetcher } from '../CrmLead/transport/leadList';
import { pageRecords } from '../CrmLead/transport/paging';
import { liveSecrets, scrubError } from '../CrmLead/transport/errorScrub';
import type { ChangeLists } from './changeEvents';
import { pollChanges } from './changeEvents';
import { pollDeletions, testDeletion } from './deletions/deletionEvents';
import type { GuardedState } from './pollGuard';
import { takePollTurn } from './pollGuard';
import type { LegacyState, PollState } from './pollState';
import { upgradeState } from './pollState';
import type { TriggerSettings } from './triggerSettings';
import { configurationOf, DEFAULT_CHECK_DELETIONS_EVERY_MINUTES, DEFAULT_MAX_LEADS_PER_POLL, readTriggerSettings, TIMESTAMP_FIELD } from './triggerSettings';

const CHANGE_EVENTS = ['created', 'updated'];

export class CrmLeadTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Lead Trigger',
		name: 'crmLeadTrigger',
		icon: { light: 'file:../../icons/crmLead.svg', dark: 'file:../../icons/crmLead.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"created": "Lead Created", "updated": "Lead Updated", "deleted": "Lead Deleted"}[$parameter["event"]] }}',
		// n8n's node panel shows one entry for the CRM Lead node and this trigger, described with the
		// trigger's text (editor: generateMergedNodesAndActions), so the text names both.
		description: 'Create, update, find, import, export and print CRM leads, and start workflows when leads are created, updated or deleted',
		defaults: { name: 'CRM Lead Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crmLeadApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Lead Created', value: 'created', description: 'A new lead appears (by its create date)' },
					{ name: 'Lead Deleted', value: 'deleted', description: 'A lead that matched the filters is deleted (checked every few minutes, see Options)' },
					{ name: 'Lead Updated', value: 'updated', description: 'A lead is changed (by its write date)' },
				],
				default: 'created',
				description: 'Which change starts the workflow',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'options',
				options: [
					{ name: 'A Date and Time', value: 'date', description: 'Every change stamped at or after a moment, oldest first, then new changes as they come' },
					{ name: 'Now', value: 'now', description: 'Only changes made after the trigger is activated' },
					{ name: 'The First Lead', value: 'beginning', description: 'Every lead the list holds, oldest first, then new changes as they come' },
				],
				default: 'now',
				description: 'Where the trigger starts when it is activated (changing it starts again from there)',
				displayOptions: { show: { event: CHANGE_EVENTS } },
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				required: true,
				description: 'The first changes to hand out: those stamped at or after this moment (without an offset it is server time, see the credential)',
				displayOptions: { show: { event: CHANGE_EVENTS, startFrom: ['date'] } },
			},
			// Stage and Customer picked by name (From List) or by ID; the filter's value is read the same either way.
			...withNamePickers([filtersCollection]),
			{ ...simplifyParameter, displayOptions: { show: { event: CHANGE_EVENTS } } },
			optionsCollection(
				[
					{
						...convertValuesOption,
						displayOptions: { show: { '/event': CHANGE_EVENTS } },
					},
					{
						displayName: 'Check Deletions Every',
						name: 'checkDeletionsEvery',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_CHECK_DELETIONS_EVERY_MINUTES,
						displayOptions: { show: { '/event': ['deleted'] } },
						description: 'Minutes between two reads of the whole list for leads that went away (0: at every poll). Each read costs about one request per Page Size leads.',
					},
					{
						displayName: 'Include New Leads',
						name: 'includeCreated',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/event': ['updated'] } },
						description: 'Whether Lead Updated also fires for leads that were created but not changed since',
					},
					{
						displayName: 'Max Leads Per Poll',
						name: 'maxLeadsPerPoll',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_LEADS_PER_POLL,
						description: 'The most leads one poll hands out (one execution); more waiting come out, oldest first, in the following polls',
					},
					{ ...pageSizeOption, default: 100 },
					maxAnswerSizeOption,
				],
				'Optional settings for polling and for the output',
			),
		],
	};

	methods = { listSearch: { searchStages, searchContacts } };

	/** n8n's entry point: one poll, whose errors leave scrubbed of the credential's secrets. */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const secrets = await liveSecrets(this);
		try {
			return await CrmLeadTrigger.prototype.pollLeads.call(this);
		} catch (error) {
			throw scrubError(error, secrets());
		}
	}

	async pollLeads(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Every parameter is checked before the first request (also for Fetch Test Event).
		const settings = await readTriggerSettings(this);
		const node = this.getNode();
		const field = settings.event === 'deleted' ? undefined : TIMESTAMP_FIELD[settings.event];
		// The id breaks ties, so pages are stable on any server.
		const list = (direction: 'asc' | 'desc', filters = settings.filters) =>
			leadListFetcher(this, { ...filters, sort: `${field},${direction};id,${direction}` }, { operation: 'Poll leads', policy: settings.policy });
		const toItem = (record: IDataObject) => ({ json: recordFromWire(record, { simplify: settings.simplify, convertValues: settings.convertValues, serverTimeZone: settings.serverTimeZone }) });

		if (this.getMode() === 'manual') {
			if (settings.event === 'deleted') return [[await testDeletion(this, settings)]];
			const records = pageRecords(node, 0, (await list('desc')(0, 1)).records);
			if (!records.length) {
				throw new NodeOperationError(node, 'No lead matches the trigger yet', {
					description: 'Create a lead (or loosen the filters) and fetch a test event again',
				});
			}
			return [[toItem(records[0])]];
		}

		// Everything the trigger remembers is this one value of its static data, replaced only at the
		// end of a poll that succeeded: with durable poll cursors n8n commits it with the execution of
		// the items it hands out (docs/durable-cursors.md).
		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData.state as (IDataObject & GuardedState & { configuration?: string }) | undefined;
		// Per workflow, node and configuration: a state of another configuration is never read.
		const turn = takePollTurn(`${this.getWorkflow().id ?? ''}:${node.id}:${configurationOf(settings)}`, stored, Date.now());
		// Another poll of this state is running, or this one read a copy older than a hand-out: it would repeat leads.
		if (!turn) return null;
		try {
			let output: INodeExecutionData[][] | null;
			if (settings.event === 'deleted') {
				output = await pollDeletions(this, settings);
			} else {
				const lists: ChangeLists = { newestFirst: list('desc'), oldestFirst: list('asc'), allNewestFirst: list('desc', {}) };
				const configuration = configurationOf(settings);
				const previous = stored && stored.configuration === configuration ? upgradeState(stored as Partial<PollState> & LegacyState, settings.readStamp) : undefined;
				const { handed, state } = await pollChanges(node, lists, settings, previous);
				// Only now, with everything read, does the state move: a failed poll moves nothing on.
				staticData.state = { ...state, configuration } as unknown as IDataObject;
				const wanted = wantedChanges(handed, settings);
				output = wanted.length ? [wanted.map(toItem)] : null;
			}
			const next = staticData.state as IDataObject & { configuration?: string };
			const startsAfresh = !stored || stored.configuration !== next.configuration;
			staticData.state = { ...next, ...turn.stamp(startsAfresh, output !== null) };
			if (output !== null) turn.handsOut(Date.now());
			return output;
		} finally {
			turn.end();
		}
	}
}

/** Lead Updated leaves out leads that were only created, unless Include New Leads. */
function wantedChanges(handed: IDataObject[], settings: TriggerSettings): IDataObject[] {
	return settings.event === 'updated' && !settings.includeCreated ? handed.filter((record) => record.write_date !== record.create_date) : handed;
}
