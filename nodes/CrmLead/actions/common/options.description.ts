import type { INodeProperties } from 'n8n-workflow';

import { FILE_ANSWER_LIMIT_MB, JSON_ANSWER_LIMIT_MB } from '../../../../credentials/common/answerBody';

/** Entries of the per-operation "Options" collection. Each operation picks the ones that apply. */
export const convertValuesOption: INodeProperties = {
	displayName: 'Convert Values',
	name: 'convertValues',
	type: 'boolean',
	default: false,
	description:
		'Whether to return 0/1 flags as true/false and timestamps as ISO 8601 dates with offset, instead of exactly what the API sends',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 60000,
	description:
		'How long one request may take, in milliseconds: connecting, the answer and its whole body (a server that sends slowly is stopped too)',
};

/**
 * Options → Max Answer Size. 0 leaves the limit to the kind of answer the operation reads, so one
 * definition serves every operation (version 3 shows one Options collection for all of them).
 */
export const maxAnswerSizeOption: INodeProperties = {
	displayName: 'Max Answer Size (MB)',
	name: 'maxAnswerSize',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 4096 },
	default: 0,
	description: `The largest answer to read, in MB after decompression (0: ${JSON_ANSWER_LIMIT_MB} MB for data, ${FILE_ANSWER_LIMIT_MB} MB for files); a larger one is stopped with an error, so a wrong or hostile server cannot fill n8n's memory`,
};

export const maxRetriesOption: INodeProperties = {
	displayName: 'Retries When Busy',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 0,
	description:
		'How many times to retry a request the server turned away as busy (HTTP 429, 502, 503, 504), waiting as its Retry-After header says or with exponential backoff',
};

export const retryNonIdempotentOption: INodeProperties = {
	displayName: 'Retry Non-Idempotent Calls',
	name: 'retryNonIdempotent',
	type: 'boolean',
	default: false,
	description:
		'Whether retries also apply to POST calls (Create, Save, Post Message, Import), which the server may already have carried out; safe for Save with IDs',
};

export const batchingOption: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	type: 'fixedCollection',
	default: { batch: { concurrency: 1, intervalMs: 0 } },
	description: 'Process several input items at once; output order, pairing and Continue On Fail stay as in sequential mode',
	options: [
		{
			displayName: 'Batching',
			name: 'batch',
			values: [
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 64 },
					default: 1,
					description: 'How many items to send at once',
				},
				{
					displayName: 'Interval (Ms)',
					name: 'intervalMs',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Pause after each request of every parallel lane, for rate-limited servers, in milliseconds',
				},
			],
		},
	],
};

/** Most leads one bulk request may carry (see README → Create or Update in bulk). */
export const MAX_LEADS_PER_REQUEST = 500;

export const bulkOption: INodeProperties = {
	displayName: 'Leads Per Request',
	name: 'leadsPerRequest',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_LEADS_PER_REQUEST },
	default: 1,
	description:
		'How many leads with an ID to save in one request (bulk, e.g. 100 for scheduled syncs); 1 sends one request per lead. Leads without an ID always go one by one. Each lead still gets its own output item or error item. Servers that refuse arrays get one request per lead, with a notice.',
};

/**
 * Unknown Input Fields, named after the mode that takes the lead from the input item in the
 * version it appears in (version 1: "Auto-Map Input Data"; version 2's resource mapper: "Map
 * Automatically").
 */
export function unknownFieldsOption(autoMapMode: string): INodeProperties {
	return {
		displayName: 'Unknown Input Fields',
		name: 'unknownFields',
		type: 'options',
		options: [
			{ name: 'Ignore', value: 'ignore', description: 'Send only the properties that are lead fields' },
			{ name: 'Fail', value: 'error', description: 'Stop with an error naming the first unknown property' },
		],
		default: 'ignore',
		description: `What to do with input properties that are not lead fields (${autoMapMode} only)`,
	};
}

export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: 500,
	description: 'How many leads to request per page while paging',
};

/** The "Options" collection with the given entries, alphabetically as n8n's linter wants. */
export function optionsCollection(
	entries: INodeProperties[],
	description = 'Optional settings for the request (timeout, retries, batching) and for the output',
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description,
		options: [...entries].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Options every operation that makes a request has. */
export const requestOptions = [timeoutOption, maxRetriesOption, retryNonIdempotentOption, maxAnswerSizeOption];
