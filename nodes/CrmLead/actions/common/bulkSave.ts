import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { arrayFailure, type ArrayEndpoint } from '../../transport/arrayRefusal';
import { errorKindOf } from '../../transport/errorKinds';
import { crmRequest } from '../../transport/request';
import type { BulkItem, ItemCall, ItemOutcome } from '../types';
import { leadKey } from './leadKey';
import { recordItems } from './output';

/**
 * How this server takes several leads at once (docs/api/IBIZ-FLAVOURS.md, "Arrays"):
 * `array` — cloud: POST crm_leads/save with an array answers the saved records, in order;
 * `saveBatch` — classic: POST crm_leads/savebatch answers `true`, all or nothing;
 * `single` — neither: one request per lead.
 */
type BulkMode = 'array' | 'saveBatch' | 'single';

const BULK_ENDPOINTS: Record<Exclude<BulkMode, 'single'>, ArrayEndpoint> = {
	array: 'save',
	saveBatch: 'savebatch',
};

type Answer =
	| { outputs: INodeExecutionData[][] }
	/** The server was busy (429/502/503/504 after Retries When Busy, or no answer in time): says nothing about the leads or arrays. */
	| { busy: unknown }
	| { refused: boolean; tooLarge?: boolean; answered?: boolean; reason: string };

/** The array answer, lined up with the leads sent (same length, same keys in the same order). */
function linedUp(body: unknown, leads: readonly BulkItem[]): body is IDataObject[] {
	return (
		Array.isArray(body) &&
		body.length === leads.length &&
		body.every((record, i) => leadKey(record) === leadKey(leads[i].body))
	);
}

async function sendChunk(ctx: IExecuteFunctions, mode: Exclude<BulkMode, 'single'>, leads: readonly BulkItem[]): Promise<Answer> {
	const first = leads[0];
	try {
		const { body } = await crmRequest<unknown>(ctx, {
			method: 'POST',
			path: [...(first.collection ?? ['crm_leads']), BULK_ENDPOINTS[mode]],
			body: leads.map((lead) => lead.body),
			// Records in order (cloud) or `true` (classic): checked below, anything else falls back to halving.
			answer: 'any',
			operation: `Save ${leads.length} ${first.plural ?? 'leads'}`,
			itemIndex: first.itemIndex,
			policy: first.policy,
			// Every lead carries its ID: saving them again gives the same result.
			idempotent: true,
		});
		if (mode === 'array' && linedUp(body, leads)) {
			return { outputs: body.map((record, i) => recordItems([record], leads[i].shape)) };
		}
		// Classic's savebatch answers only `true`: each item is the lead as it was sent.
		if (mode === 'saveBatch' && body === true) return { outputs: leads.map((lead) => recordItems([lead.body], lead.shape)) };
		return { refused: true, reason: `the answer to ${leads.length} leads was not ${mode === 'array' ? 'their records' : 'true'}` };
	} catch (error) {
		if (errorKindOf(error) === 'busy') return { busy: error };
		const { status, refused, tooLarge, answered } = arrayFailure(error, BULK_ENDPOINTS[mode]);
		return { refused, tooLarge, answered, reason: refused ? `HTTP ${status}` : String((error as Error).message) };
	}
}

async function outcomeOf(call: ItemCall): Promise<ItemOutcome> {
	try {
		return { output: await call() };
	} catch (error) {
		return { error };
	}
}

/**
 * Bulk Create or Update for one node execution. The first chunk finds out how the server takes
 * arrays (the other chunks wait for that answer); the mode then holds for the whole execution.
 *
 * A chunk that fails is split in halves and each half sent again, down to single leads, which go
 * through the lead's own one-lead call, so a failing lead gets exactly the error it gets without
 * bulk. Re-sending is safe because only leads WITH an ID are bulked and Save with an ID is
 * idempotent: the server updates the lead when the key exists and creates it with that key
 * otherwise (DataEntityRuntime SAVE mode; classic saveOrUpdate after checkKey), so a lead saved
 * before the failure (cloud keeps the items before the failing one), or by a request whose answer
 * was cut off, is updated to the same values, never created twice.
 *
 * A busy answer (429/502/503/504 once Retries When Busy are spent, or no answer within Timeout)
 * is not about the leads: the chunk is neither halved nor taken as a refusal of arrays; each of
 * its leads gets that busy error. So a chunk of n leads costs at most 2n − 1 requests (its
 * halving tree; the execution's first chunk one more, to find the endpoint), each attempted at
 * most 1 + Retries When Busy times.
 */
export class BulkSave {
	private mode: BulkMode | undefined;
	private deciding: Promise<void> | undefined;
	/** Set once when the server refuses arrays: the reason, for the execution's notice. */
	fallbackReason: string | undefined;

	async run(ctx: IExecuteFunctions, leads: readonly BulkItem[], settle: (lead: BulkItem, outcome: ItemOutcome) => void): Promise<void> {
		const answer = leads.length > 1 ? await this.send(ctx, leads) : undefined;
		if (answer && 'outputs' in answer) {
			answer.outputs.forEach((output, i) => settle(leads[i], { output }));
			return;
		}
		if (answer && 'busy' in answer) {
			for (const lead of leads) settle(lead, { error: answer.busy });
			return;
		}
		if (leads.length === 1 || this.mode === 'single') {
			for (const lead of leads) settle(lead, await outcomeOf(lead.call));
			return;
		}
		const middle = Math.ceil(leads.length / 2);
		await this.run(ctx, leads.slice(0, middle), settle);
		await this.run(ctx, leads.slice(middle), settle);
	}

	private async send(ctx: IExecuteFunctions, leads: readonly BulkItem[]): Promise<Answer | undefined> {
		while (this.mode === undefined && this.deciding) await this.deciding;
		if (this.mode === 'single') return undefined;
		if (this.mode !== undefined) return await sendChunk(ctx, this.mode, leads);
		let decided!: () => void;
		this.deciding = new Promise((resolve) => (decided = resolve));
		try {
			return await this.detect(ctx, leads);
		} finally {
			this.deciding = undefined;
			decided();
		}
	}

	/** The first chunk: cloud's array on save, else classic's savebatch, else one lead per request. */
	private async detect(ctx: IExecuteFunctions, leads: readonly BulkItem[]): Promise<Answer | undefined> {
		const viaSave = await sendChunk(ctx, 'array', leads);
		if (this.decided('array', viaSave)) return viaSave;
		if ('refused' in viaSave && viaSave.tooLarge) return this.fallBack(viaSave.reason);
		const viaBatch = await sendChunk(ctx, 'saveBatch', leads);
		if (this.decided('saveBatch', viaBatch)) return viaBatch;
		return this.fallBack('refused' in viaBatch ? viaBatch.reason : 'no array answer');
	}

	/**
	 * Whether the answer settles the mode: records came back, or the server answered an error that
	 * is about the leads (it took the array). A connection cut before an answer, or a busy answer,
	 * settles nothing: the next chunk looks again.
	 */
	private decided(mode: Exclude<BulkMode, 'single'>, answer: Answer): boolean {
		if ('outputs' in answer) {
			this.mode = mode;
			return true;
		}
		if ('busy' in answer) return true;
		if (answer.refused) return false;
		if (answer.answered) this.mode = mode;
		return true;
	}

	private fallBack(reason: string): undefined {
		this.mode = 'single';
		this.fallbackReason = reason;
		return undefined;
	}

	get notice(): string | undefined {
		return this.fallbackReason === undefined
			? undefined
			: `The server does not accept several leads in one request (${this.fallbackReason}): Create or Update sent one request per lead instead. Set Leads Per Request to 1 to skip this check.`;
	}
}
