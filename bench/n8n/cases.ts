/**
 * The cases of `npm run bench:n8n`, one entry per operation: the CRM Lead node's parameters per
 * node version, and the HTTP Request node doing the same calls with the same expressions.
 *
 * This table is the one place to edit when the node changes (a new version, new parameters): the
 * workflows, the Batching rows and the checks are derived from it (matrix.ts, workflows.ts).
 */
import { pageSizeOption } from '../../nodes/CrmLead/actions/common/options.description';
import { mapperFields, MATCH_FIELD } from '../../nodes/CrmLead/fields/mapperFields';
import { seedLeadId } from '../../sandbox/seed';
import {
	expectAllExist,
	expectNoneExist,
	expectOutputIdsMatchInputs,
	expectSandboxHolds,
	recreateSeededLeads,
	type SandboxClient,
} from './sandboxState';

/** The two nodes compared in every case. */
export type Side = 'crmLead' | 'httpRequest';
export const SIDES: readonly Side[] = ['httpRequest', 'crmLead'];

/**
 * Written into the input items of each side's workflow (same length for both, so both send
 * bodies of the same size), so the sandbox shows which node made a change.
 */
export const SIDE_TAG: Record<Side, string> = { crmLead: 'crmLead', httpRequest: 'httpReq' };

export type CaseId = 'get' | 'checkKey' | 'update' | 'upsert' | 'delete' | 'returnAll';

export interface NodeParameters {
	typeVersion: number;
	parameters: Record<string, unknown>;
}

/** The CRM Lead node versions the table covers; --crm-version picks one (default: the latest). */
export const CRM_LEAD_VERSIONS = [1, 2] as const;
export type CrmLeadVersion = (typeof CRM_LEAD_VERSIONS)[number];
export const LATEST_CRM_LEAD_VERSION: CrmLeadVersion = 2;

type PerVersion = Record<CrmLeadVersion, NodeParameters>;

/** Operations whose parameters did not change between versions. */
const inEveryVersion = (parameters: Record<string, unknown>): PerVersion => ({
	1: { typeVersion: 1, parameters },
	2: { typeVersion: 2, parameters },
});

/** What a check sees after a verification run. */
export interface CheckContext {
	side: Side;
	inputs: Array<Record<string, unknown>>;
	outputs: Array<Record<string, unknown>>;
	sandbox: SandboxClient;
	/** Leads the sandbox was seeded with (L000001…). */
	leads: number;
}

export interface BenchCase {
	id: CaseId;
	label: string;
	/**
	 * perItem: `items` input items, one call each, measured sequential and with Batching 8.
	 * returnAll: one input item, the node pages through every lead.
	 */
	kind: 'perItem' | 'returnAll';
	/** Input item `index` of the Code node (the seeded lead L00000<index+1>). */
	input(index: number, tag: string): Record<string, unknown>;
	crmLead: PerVersion;
	/** HTTP Request 4.2 parameters (authentication and credentials are added in workflows.ts). */
	httpRequest(baseUrl: string): Record<string, unknown>;
	/** Asserts that a verification run did the right thing (status and item count are checked for every case). */
	check(context: CheckContext): Promise<void>;
	/** Puts the sandbox back after every run, outside the timed part. */
	restore?(sandbox: SandboxClient, items: number): Promise<void>;
	/** Also measured in bulk (Leads Per Request, matrix.ts): Create or Update with IDs only. */
	bulk?: boolean;
}

/**
 * Version 2's resource mapper as the editor stores it: the mapping mode, the values (expressions)
 * and the column schema the node's resourceMapping method offers.
 */
const mappedColumns = (
	purpose: 'update' | 'upsert',
	mapping: { mappingMode: 'defineBelow'; value: Record<string, string> } | { mappingMode: 'autoMapInputData' },
) => ({
	columns: {
		value: null,
		...mapping,
		matchingColumns: [MATCH_FIELD],
		schema: mapperFields(purpose),
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	},
});

/** `{{ $json.id }}` as the CRM Lead node's Lead ID resource locator (Get, Update, Delete). */
const leadIdFromItem = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

/** The page size of CRM Lead Get Many by default; the HTTP Request pagination uses the same. */
const PAGE_SIZE = Number(pageSizeOption.default);

const jsonBody = (expression: string) => ({
	sendBody: true,
	contentType: 'json',
	specifyBody: 'json',
	jsonBody: expression,
});

const fieldsBody = (fields: Record<string, string>) => ({
	sendBody: true,
	contentType: 'json',
	specifyBody: 'keypair',
	bodyParameters: { parameters: Object.entries(fields).map(([name, value]) => ({ name, value })) },
});

const idOnly = (index: number) => ({ id: seedLeadId(index) });

export const CASES: readonly BenchCase[] = [
	{
		id: 'get',
		label: 'Get',
		kind: 'perItem',
		input: idOnly,
		// Simplify off: both nodes then output the whole lead.
		crmLead: inEveryVersion({ resource: 'lead', operation: 'get', leadId: leadIdFromItem, simplify: false }),
		httpRequest: (baseUrl) => ({ method: 'GET', url: `=${baseUrl}/crm_leads/{{ $json.id }}` }),
		check: async (context) => expectOutputIdsMatchInputs(context),
	},
	{
		id: 'checkKey',
		label: 'Check Key',
		kind: 'perItem',
		input: idOnly,
		crmLead: inEveryVersion({ resource: 'lead', operation: 'checkKey', leadId: '={{ $json.id }}' }),
		httpRequest: (baseUrl) => ({
			method: 'POST',
			url: `${baseUrl}/crm_leads/check_key`,
			...fieldsBody({ id: '={{ $json.id }}' }),
		}),
		check: async ({ side, outputs }) => {
			// The HTTP Request node outputs the bare answer (1); n8n fails the node on any non-2xx.
			if (side === 'crmLead') {
				const missing = outputs.filter((json) => json.exists !== true);
				if (missing.length > 0) throw new Error(`${missing.length} Check Key outputs say the lead does not exist`);
			}
		},
	},
	{
		id: 'update',
		label: 'Update (2 fields)',
		kind: 'perItem',
		input: (index, tag) => ({ id: seedLeadId(index), probability: (index * 7) % 100, description: `bench ${tag} ${index}` }),
		crmLead: {
			1: {
				typeVersion: 1,
				parameters: {
					resource: 'lead',
					operation: 'update',
					leadId: leadIdFromItem,
					updateFields: { probability: '={{ $json.probability }}', description: '={{ $json.description }}' },
				},
			},
			2: {
				typeVersion: 2,
				parameters: {
					resource: 'lead',
					operation: 'update',
					...mappedColumns('update', {
						mappingMode: 'defineBelow',
						value: {
							id: '={{ $json.id }}',
							probability: '={{ $json.probability }}',
							description: '={{ $json.description }}',
						},
					}),
				},
			},
		},
		httpRequest: (baseUrl) => ({
			method: 'PUT',
			url: `=${baseUrl}/crm_leads/{{ $json.id }}`,
			...fieldsBody({ probability: '={{ $json.probability }}', description: '={{ $json.description }}' }),
		}),
		check: async (context) => await expectSandboxHolds(context, ['probability', 'description']),
	},
	{
		id: 'upsert',
		label: 'Create or Update with IDs (Auto-Map)',
		kind: 'perItem',
		// Existing IDs: every run saves the same leads (an update through /save), so runs stay alike.
		input: (index, tag) => ({
			id: seedLeadId(index),
			name: `Bench ${tag} save ${index}`,
			probability: (index * 3) % 100,
			description: `bench ${tag} save ${index}`,
		}),
		crmLead: {
			1: { typeVersion: 1, parameters: { resource: 'lead', operation: 'upsert', dataMode: 'autoMapInputData' } },
			2: {
				typeVersion: 2,
				parameters: { resource: 'lead', operation: 'upsert', ...mappedColumns('upsert', { mappingMode: 'autoMapInputData' }) },
			},
		},
		httpRequest: (baseUrl) => ({ method: 'POST', url: `${baseUrl}/crm_leads/save`, ...jsonBody('={{ $json }}') }),
		check: async (context) => await expectSandboxHolds(context, ['name', 'probability', 'description']),
		bulk: true,
	},
	{
		id: 'delete',
		label: 'Delete',
		kind: 'perItem',
		input: idOnly,
		crmLead: inEveryVersion({ resource: 'lead', operation: 'delete', leadId: leadIdFromItem }),
		httpRequest: (baseUrl) => ({ method: 'DELETE', url: `=${baseUrl}/crm_leads/{{ $json.id }}` }),
		check: async (context) => await expectNoneExist(context),
		restore: async (sandbox, items) => {
			await recreateSeededLeads(sandbox, items);
			await expectAllExist(sandbox, items);
		},
	},
	{
		id: 'returnAll',
		label: 'Get Many, Return All',
		kind: 'returnAll',
		input: () => ({}),
		// Default page size; Simplify off so both nodes output the whole lead.
		crmLead: inEveryVersion({ resource: 'lead', operation: 'getMany', returnAll: true, simplify: false }),
		httpRequest: (baseUrl) => ({
			method: 'POST',
			url: `${baseUrl}/crm_leads/fetch_default`,
			...jsonBody(JSON.stringify({ size: PAGE_SIZE })),
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'body', name: 'page', value: '={{ $pageCount }}' }] },
						// Stop on the last page as the CRM Lead node does (a short page, or x-total reached),
						// so both make the same number of requests.
						paginationCompleteWhen: 'other',
						completeExpression: `={{ $response.body.length < ${PAGE_SIZE} || $pageCount * ${PAGE_SIZE} >= Number($response.headers['x-total']) }}`,
						limitPagesFetched: false,
						requestInterval: 0,
					},
				},
			},
		}),
		check: async ({ outputs, leads }) => {
			const ids = new Set(outputs.map((json) => json.id));
			if (outputs.length !== leads || ids.size !== leads) {
				throw new Error(`Return All gave ${outputs.length} leads (${ids.size} distinct IDs), the sandbox holds ${leads}`);
			}
		},
	},
];
