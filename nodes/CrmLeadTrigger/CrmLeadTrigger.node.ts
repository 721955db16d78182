import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readFilterBody } from '../CrmLead/actions/common/listQuery';
import { filtersCollection, simplifyParameter } from '../CrmLead/actions/common/list.description';
import { withNamePickers } from '../CrmLead/actions/lead/v3/namePickers';
import { searchContacts, searchStages } from '../CrmLead/methods/entityMethods';
import { convertValuesOption, maxAnswerSizeOption, optionsCollection, pageSizeOption } from '../CrmLead/actions/common/options.description';
import { answerLimit } from '../CrmLead/actions/common/parameters';
import { recordFromWire } from '../CrmLead/fields/convert';
import { leadListFetcher } from '../CrmLead/transport/leadList';
import { pageRecords } from '../CrmLead/transport/paging';
import { connectionSettings, DEFAULT_POLICY } from '../CrmLead/transport/request';
import { liveSecrets, scrubError } from '../CrmLead/transport/errorScrub';
import type { PollState } from './pollState';
import { advance, chronological, EMPTY_STATE, settle, startingState, stateReader, upgradeState } from './pollState';
import { stampReader, wireStamp } from './serverTime';
import { walkNewestFirst } from './walk';

const TIMESTAMP_FIELD = { created: 'create_date', updated: 'write_date' } as const;
type LeadEvent = keyof typeof TIMESTAMP_FIELD;

interface StoredState extends PollState {
	/** Event and filters the state belongs to: changing them starts afresh from "now". */
	configuration: string;
}

export class CrmLeadTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Lead Trigger',
		name: 'crmLeadTrigger',
		icon: { light: 'file:../../icons/crmLead.svg', dark: 'file:../../icons/crmLead.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "created" ? "Lead Created" : "Lead Updated"}}',
		// n8n's node panel shows one entry for the CRM Lead node and this trigger, described with the
		// trigger's text (editor: generateMergedNodesAndActions), so the text names both.
		description: 'Create, update, find, import, export and print CRM leads, and start workflows when leads are created or updated',
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
					{ name: 'Lead Updated', value: 'updated', description: 'A lead is changed (by its write date)' },
				],
				default: 'created',
				description: 'Which change starts the workflow',
			},
			// Stage and Customer picked by name (From List) or by ID; the filter's value is read the same either way.
			...withNamePickers([filtersCollection]),
			simplifyParameter,
			optionsCollection(
				[
					convertValuesOption,
					{
						displayName: 'Include New Leads',
						name: 'includeCreated',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/event': ['updated'] } },
						description: 'Whether Lead Updated also fires for leads that were created but not changed since',
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
		const event = this.getNodeParameter('event', 'created') as LeadEvent;
		const field = TIMESTAMP_FIELD[event];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const filters = await readFilterBody(this, 0, this.getNodeParameter('filters', {}) as IDataObject);
		const pageSize = Number(options.pageSize ?? 100);
		// Newest first; the id breaks ties so pages are stable on any server.
		const fetchPage = leadListFetcher(this, { ...filters, sort: `${field},desc;id,desc` }, {
			operation: 'Poll leads',
			policy: { ...DEFAULT_POLICY, ...answerLimit(options) },
		});
		const { serverTimeZone } = await connectionSettings(this);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const toItem = (record: IDataObject) => ({
			json: recordFromWire(record, { simplify, convertValues: options.convertValues === true, serverTimeZone }),
		});

		if (this.getMode() === 'manual') {
			const records = pageRecords(this.getNode(), 0, (await fetchPage(0, 1)).records);
			if (!records.length) {
				throw new NodeOperationError(this.getNode(), 'No lead matches the trigger yet', {
					description: 'Create a lead (or loosen the filters) and fetch a test event again',
				});
			}
			return [[toItem(records[0])]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const configuration = JSON.stringify({ event, filters });
		const stored = staticData.state as (Partial<StoredState> & { configuration?: string }) | undefined;
		const readStamp = stampReader(serverTimeZone);
		const activating = !stored || stored.configuration !== configuration;
		const previous = activating ? undefined : upgradeState(stored, readStamp);
		let state: PollState = previous ?? EMPTY_STATE;
		const { fresh, serverNow } = await walkNewestFirst(this.getNode(), fetchPage, pageSize, field, (firstPage, now) => {
			// Activation starts from "now": the newest lead the server has (or its clock), without output.
			// Its second may be settled at once: whatever is in it now is old. A later poll settles the
			// boundary only after reading it (below), or leads written into it since would be lost.
			if (!previous) state = settle(startingState(firstPage[0]?.[field] as string | undefined, now, readStamp, (at) => wireStamp(at, serverTimeZone)), now, readStamp);
			return stateReader(state, field, readStamp);
		});
		state = settle(advance(state, fresh, field, readStamp), serverNow, readStamp);
		staticData.state = { ...state, configuration } as unknown as IDataObject;
		if (activating) return null;

		const wanted =
			event === 'updated' && options.includeCreated !== true
				? fresh.filter((record) => record.write_date !== record.create_date)
				: fresh;
		return wanted.length ? [chronological(wanted, field, readStamp).map(toItem)] : null;
	}
}
