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
import { convertValuesOption, optionsCollection, pageSizeOption } from '../CrmLead/actions/common/options.description';
import { recordFromWire } from '../CrmLead/fields/convert';
import { leadListFetcher } from '../CrmLead/transport/leadList';
import { walkPages } from '../CrmLead/transport/paging';
import { connectionSettings } from '../CrmLead/transport/request';
import type { PollState } from './pollState';
import { advance, chronological, isNewSince, isOlderThanBoundary } from './pollState';

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
			filtersCollection,
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
				],
				'Optional settings for polling and for the output',
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'created') as LeadEvent;
		const field = TIMESTAMP_FIELD[event];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const filters = await readFilterBody(this, 0, this.getNodeParameter('filters', {}) as IDataObject);
		const pageSize = Number(options.pageSize ?? 100);
		// Newest first; the id breaks ties so pages are stable on any server.
		const fetchPage = leadListFetcher(this, { ...filters, sort: `${field},desc;id,desc` }, { operation: 'Poll leads' });
		const { serverTimeZone } = await connectionSettings(this);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const toItem = (record: IDataObject) => ({
			json: recordFromWire(record, { simplify, convertValues: options.convertValues === true, serverTimeZone }),
		});

		if (this.getMode() === 'manual') {
			const { records } = await fetchPage(0, 1);
			if (!records.length) {
				throw new NodeOperationError(this.getNode(), 'No lead matches the trigger yet', {
					description: 'Create a lead (or loosen the filters) and fetch a test event again',
				});
			}
			return [[toItem(records[0])]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const configuration = JSON.stringify({ event, filters });
		const stored = staticData.state as StoredState | undefined;
		const walk = walkPages(this.getNode(), fetchPage, pageSize);

		if (!stored || stored.configuration !== configuration) {
			// First activation: start from "now" = the newest lead the server has, without output.
			const newest: IDataObject[] = [];
			for await (const records of walk) {
				const top = newest[0]?.[field] ?? records[0]?.[field];
				const atTop = records.filter((record) => record[field] === top);
				newest.push(...atTop);
				if (atTop.length < records.length) break;
			}
			const state = advance({ boundary: null, idsAtBoundary: [] }, newest, field);
			staticData.state = { ...state, configuration } as unknown as IDataObject;
			return null;
		}

		const fresh: IDataObject[] = [];
		walking: for await (const records of walk) {
			for (const record of records) {
				if (isOlderThanBoundary(stored, record, field)) break walking;
				if (isNewSince(stored, record, field)) fresh.push(record);
			}
		}
		staticData.state = { ...advance(stored, fresh, field), configuration } as unknown as IDataObject;

		const wanted =
			event === 'updated' && options.includeCreated !== true
				? fresh.filter((record) => record.write_date !== record.create_date)
				: fresh;
		return wanted.length ? [chronological(wanted, field).map(toItem)] : null;
	}
}
