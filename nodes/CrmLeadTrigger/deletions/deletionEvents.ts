import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markErrorKind } from '../../CrmLead/transport/errorKinds';
import { leadListFetcher } from '../../CrmLead/transport/leadList';
import { pageRecords } from '../../CrmLead/transport/paging';
import type { RequestPolicy } from '../../CrmLead/transport/request';
import { crmRequest } from '../../CrmLead/transport/request';
import { byId, successorsOf } from '../ascendingWalk';
import { idOf } from '../pollState';
import { serverClock } from '../serverTime';
import type { TriggerSettings } from '../triggerSettings';
import { configurationOf } from '../triggerSettings';
import type { DeletionState, StoredDeletionState } from './deletionState';
import { EMPTY_DELETION_STATE, mergeWindow, packState, unpackState } from './deletionState';

/**
 * How much of a check one poll reads: at most this many list requests, and no new one after this
 * many seconds (n8n abandons a poll that runs too long: N8N_SCHEDULER_POLL_TIMEOUT, 45 s by
 * default). A longer list is read on in the next polls.
 */
export const CHECK_REQUESTS_PER_POLL = 50;
export const CHECK_SECONDS_PER_POLL = 20;

/** What check_key answered for a lead that went missing from the list. */
type KeyState = 'deleted' | 'notFound' | 'exists';

/**
 * iBiz's CheckKeyStates: 0 no such key (classic removes a deleted row), 1 exists, 2 deleted (cloud
 * deletes logically). Only these count: a server that answers anything else (true/false, a text)
 * produces no deletion — the poll fails, naming the answer, and nothing is handed out.
 */
async function keyStateOf(ctx: IPollFunctions, id: string, policy: RequestPolicy): Promise<{ state: KeyState; at: number }> {
	const { body, headers } = await crmRequest<unknown>(ctx, {
		method: 'POST',
		path: ['crm_leads', 'check_key'],
		body: { id },
		// Read below: only 0, 1 and 2 make a decision here (the Check Key operation also reads true/false).
		answer: 'any',
		changesData: false,
		operation: 'Check lead key',
		recordKey: id,
		policy,
	});
	const at = serverClock(headers) ?? Date.now();
	const answer = typeof body === 'number' || (typeof body === 'string' && /^\d$/.test(body.trim())) ? Number(body) : undefined;
	if (answer === 0) return { state: 'notFound', at };
	if (answer === 1) return { state: 'exists', at };
	if (answer === 2) return { state: 'deleted', at };
	const error = new NodeOperationError(
		ctx.getNode(),
		`The server answered check_key for lead "${id}" with ${JSON.stringify(body)?.slice(0, 40)}, not 0, 1 or 2 as iBiz servers do, so the trigger cannot tell whether the lead was deleted; nothing was handed out.`,
	);
	throw markErrorKind(error, 'server');
}

/** A deleted lead as Lead Deleted hands it out: its ID only (the trigger keeps no field values). */
function deletionItem(id: string, keyState: 'deleted' | 'notFound' | 'test', at: number): INodeExecutionData {
	return { json: { id, deleted: true, keyState, detectedAt: new Date(at).toISOString() } };
}

/**
 * One poll of Lead Deleted.
 * 1. Leads that went missing are confirmed with check_key, at most Max Leads Per Poll a poll; a
 *    deleted one (0 or 2) comes out, one that exists (left the filters) is let go.
 * 2. When none wait, a check of the whole list runs: at activation, then once Check Deletions
 *    Every has passed since the last one began (the server's clock, read with a one-row request;
 *    an idle poll costs that one request). A check reads the list by ID, a window per request, at
 *    most CHECK_REQUESTS_PER_POLL requests and CHECK_SECONDS_PER_POLL seconds a poll; what it
 *    finds missing is confirmed as above.
 * Everything moves only when the poll succeeds: a failed poll hands nothing out and the next one
 * starts from the same state.
 */
export async function pollDeletions(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const node = ctx.getNode();
	const staticData = ctx.getWorkflowStaticData('node');
	const configuration = configurationOf(settings);
	const stored = staticData.state as (Partial<StoredDeletionState> & { configuration?: string }) | undefined;
	const activating = !stored || stored.configuration !== configuration || stored.known === undefined;
	let state: DeletionState;
	try {
		state = activating ? EMPTY_DELETION_STATE : unpackState(stored as StoredDeletionState);
	} catch (error) {
		throw new NodeOperationError(node, `The trigger's stored state cannot be read (${(error as Error).message}); deactivate and activate the workflow to start afresh`);
	}
	const list = leadListFetcher(ctx, { ...settings.filters, sort: 'id,asc' }, { operation: 'Check leads for deletions', policy: settings.policy });
	const items: INodeExecutionData[] = [];
	const confirm = async () => {
		while (state.missing.length > 0 && items.length < settings.maxPerPoll) {
			const [id, ...rest] = state.missing;
			const { state: keyState, at } = await keyStateOf(ctx, id, settings.policy);
			if (keyState !== 'exists') items.push(deletionItem(id, keyState, at));
			state = { ...state, missing: rest };
		}
	};

	await confirm();
	if (state.missing.length === 0) {
		if (!state.check) {
			let clock: number | undefined;
			if (!activating && settings.checkEveryMs > 0) {
				const probe = await list(0, 1);
				pageRecords(node, 0, probe.records);
				clock = serverClock(probe.headers) ?? Date.now();
			}
			if (activating || state.checkedAt === null || clock === undefined || clock >= state.checkedAt + settings.checkEveryMs) {
				state = { ...state, check: { after: null, position: 0 }, checkedAt: clock ?? null };
			}
		}
		if (state.check) {
			let requests = 0;
			const until = Date.now() + CHECK_SECONDS_PER_POLL * 1000;
			while (state.check && requests < CHECK_REQUESTS_PER_POLL && (requests === 0 || Date.now() < until)) {
				const { after, position } = state.check;
				const next = await successorsOf(node, list, byId, after === null ? null : { text: '', id: after }, position, settings.pageSize);
				requests += next.requests;
				if (state.checkedAt === null) state = { ...state, checkedAt: next.serverNow ?? Date.now() };
				const ids = next.rows.map(idOf);
				state = mergeWindow(state, after, ids, next.end);
				state = next.end ? { ...state, check: undefined } : { ...state, check: { after: ids.length ? ids[ids.length - 1] : after, position: next.position + ids.length } };
			}
			await confirm();
		}
	}
	staticData.state = { ...packState(state), configuration } as unknown as IDataObject;
	return items.length ? [items] : null;
}

/** Fetch Test Event for Lead Deleted: checks the connection and the filters, and shows the shape of a deletion. */
export async function testDeletion(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData> {
	const list = leadListFetcher(ctx, { ...settings.filters, sort: 'id,asc' }, { operation: 'Check leads for deletions', policy: settings.policy });
	const answer = await list(0, 1);
	pageRecords(ctx.getNode(), 0, answer.records);
	return deletionItem('test-deleted-lead', 'test', serverClock(answer.headers) ?? Date.now());
}
