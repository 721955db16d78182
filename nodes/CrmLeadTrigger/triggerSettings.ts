import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { isResourceLocatorValue, NodeOperationError } from 'n8n-workflow';

import { readFilterBody } from '../CrmLead/actions/common/listQuery';
import { FieldValueError, timestampToWire, valueToWire } from '../CrmLead/fields/convert';
import { filterDisplayName } from '../CrmLead/fields/fieldParameters';
import type { LeadField } from '../CrmLead/fields/leadFields';
import { LEAD_FILTERS } from '../CrmLead/fields/leadFields';
import { markErrorKind } from '../CrmLead/transport/errorKinds';
import { answerLimit } from '../CrmLead/actions/common/parameters';
import type { RequestPolicy } from '../CrmLead/transport/request';
import { connectionSettings, DEFAULT_POLICY } from '../CrmLead/transport/request';
import type { ReadStamp } from './pollState';
import { stampReader } from './serverTime';

export const TIMESTAMP_FIELD = { created: 'create_date', updated: 'write_date' } as const;
export type LeadEvent = keyof typeof TIMESTAMP_FIELD | 'deleted';
export type StartFrom = 'now' | 'date' | 'beginning';

export const DEFAULT_MAX_LEADS_PER_POLL = 1000;
export const DEFAULT_CHECK_DELETIONS_EVERY_MINUTES = 60;

/** Everything a poll needs from the node's parameters, read and checked before any request. */
export interface TriggerSettings {
	event: LeadEvent;
	filters: IDataObject;
	simplify: boolean;
	convertValues: boolean;
	includeCreated: boolean;
	pageSize: number;
	maxPerPoll: number;
	/** Lead Deleted: how often the list is checked for leads that went away (ms). */
	checkEveryMs: number;
	startFrom: StartFrom;
	/** Start From = a date: its instant (epoch ms) and its text in the server's zone. */
	startAt?: { at: number; text: string };
	serverTimeZone: string;
	readStamp: ReadStamp;
	/** Every request of the poll: the default timeout and Options → Max Answer Size. */
	policy: RequestPolicy;
}

/** A parameter the trigger cannot work with: refused before any request (kind invalidValue). */
function refuse(ctx: IPollFunctions, message: string, description: string): never {
	throw markErrorKind(new NodeOperationError(ctx.getNode(), message, { description }), 'invalidValue');
}

function wholeNumber(ctx: IPollFunctions, raw: unknown, fallback: number, name: string, min: number): number {
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (!Number.isInteger(value) || value < min) {
		refuse(ctx, `${name} must be a whole number of ${min} or more, got ${JSON.stringify(raw)}`, `Set ${name} in the trigger's options`);
	}
	return value;
}

const FILTERS_BY_KEY = new Map(LEAD_FILTERS.map((filter) => [filter.key, filter]));
const filterName = (key: string) => {
	const filter = FILTERS_BY_KEY.get(key);
	return filter ? filterDisplayName(filter) : key;
};

/**
 * The filters as the list takes them. A value the server cannot evaluate — one that is no value
 * of its field (a Priority that is not one of the priorities) — is refused, naming the filter.
 * Lead Deleted also refuses a filter left empty (e.g. an expression that came out empty): it would
 * silently widen the list to every lead, and every deletion of a lead outside the intended
 * filters would come out.
 */
async function readFilters(ctx: IPollFunctions, event: LeadEvent, raw: IDataObject, serverTimeZone: string): Promise<IDataObject> {
	for (const [key, given] of Object.entries(raw)) {
		const filter = FILTERS_BY_KEY.get(key);
		// A filter picked From List (Stage, Customer) is a resource locator: its value is the key.
		const value = isResourceLocatorValue(given) ? given.value : given;
		if (value === '' || value === null || value === undefined) {
			if (event !== 'deleted') continue;
			refuse(
				ctx,
				`Lead Deleted cannot use the filter ${filterName(key)} without a value: the server would not filter at all, and deletions of leads outside the filters would come out`,
				'Give the filter a value, or remove it',
			);
		}
		if (!filter) continue;
		const problem = wireProblem(filter.field, value, serverTimeZone);
		if (problem) refuse(ctx, `The filter ${filterName(key)} ${problem}`, 'The server cannot evaluate it: fix the filter value');
	}
	return await readFilterBody(ctx, 0, raw);
}

/** Why a value cannot be sent as the field's wire value (undefined: it can). */
function wireProblem(field: LeadField, value: unknown, serverTimeZone: string): string | undefined {
	try {
		valueToWire(field, value, { serverTimeZone });
		return undefined;
	} catch (error) {
		return error instanceof FieldValueError ? error.reason : 'cannot be sent';
	}
}

/**
 * Reads the trigger's parameters and refuses, before any request, what it cannot work with:
 * Start From in the future or not a date, Max Leads Per Poll below 1, a negative Check
 * Deletions Every, and filters the server cannot evaluate (see readFilters). Text without an
 * offset is server time, as everywhere in this node.
 */
export async function readTriggerSettings(ctx: IPollFunctions, now = Date.now()): Promise<TriggerSettings> {
	const event = ctx.getNodeParameter('event', 'created') as LeadEvent;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rawFilters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const { serverTimeZone } = await connectionSettings(ctx);
	const filters = await readFilters(ctx, event, rawFilters, serverTimeZone);
	const readStamp = stampReader(serverTimeZone);
	const startFrom = (event === 'deleted' ? 'now' : ctx.getNodeParameter('startFrom', 'now')) as StartFrom;
	let startAt: TriggerSettings['startAt'];
	if (startFrom === 'date') {
		const raw = ctx.getNodeParameter('startDate', '') as unknown;
		let text: string;
		try {
			text = timestampToWire('Start From', raw, { serverTimeZone });
		} catch (error) {
			const reason = error instanceof FieldValueError ? error.reason : 'is not a date and time';
			refuse(ctx, `Start From ${reason}`, 'Give a date and time such as 2026-05-01T00:00:00 (server time) or 2026-05-01T00:00:00+02:00');
		}
		const at = readStamp(text)?.earliest;
		if (at === undefined) refuse(ctx, `Start From "${text}" is not a time in the server's time zone`, 'Give a date and time such as 2026-05-01T00:00:00');
		if (at > now) {
			refuse(ctx, `Start From ${text} (server time) lies in the future: the trigger can only start from a moment that has passed`, 'Pick a past date and time, or Start From: Now');
		}
		startAt = { at, text };
	}
	return {
		event,
		filters,
		simplify: ctx.getNodeParameter('simplify', true) as boolean,
		convertValues: options.convertValues === true,
		includeCreated: options.includeCreated === true,
		pageSize: wholeNumber(ctx, options.pageSize, 100, 'Page Size', 1),
		maxPerPoll: wholeNumber(ctx, options.maxLeadsPerPoll, DEFAULT_MAX_LEADS_PER_POLL, 'Max Leads Per Poll', 1),
		checkEveryMs: wholeNumber(ctx, options.checkDeletionsEvery, DEFAULT_CHECK_DELETIONS_EVERY_MINUTES, 'Check Deletions Every', 0) * 60_000,
		startFrom,
		...(startAt ? { startAt } : {}),
		serverTimeZone,
		readStamp,
		policy: { ...DEFAULT_POLICY, ...answerLimit(options) },
	};
}

/**
 * What the stored state belongs to: changing the event, the filters or where to start begins
 * afresh. A trigger that starts from "now" keeps 0.4's spelling, so upgrading does not restart it.
 */
export function configurationOf(settings: TriggerSettings): string {
	const { event, filters, startFrom, startAt } = settings;
	return JSON.stringify({ event, filters, ...(startFrom === 'now' ? {} : { startFrom, ...(startAt ? { startAt: startAt.text } : {}) }) });
}
