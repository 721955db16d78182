import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { megabytes } from '../../../../credentials/common/answerBody';
import type { OutputShape, ZoneContext } from '../../fields/convert';
import type { FieldTable } from '../../fields/fieldTable';
import { setOwn } from '../../fields/ownKeys';
import { connectionSettings, DEFAULT_POLICY, type RequestPolicy } from '../../transport/request';
import type { ConcurrencySettings } from '../runConcurrently';
import { trimmedKey } from './leadKey';
import { readNodeParameter } from './nodeParameter';
import { MAX_LEADS_PER_REQUEST } from './options.description';

/** Reads n8n parameters into the plain values operations work with. */

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return readNodeParameter<IDataObject>(ctx, 'options', itemIndex, {});
}

export function readPolicy(ctx: IExecuteFunctions, itemIndex: number): RequestPolicy {
	const options = readOptions(ctx, itemIndex);
	return {
		...DEFAULT_POLICY,
		timeoutMs: Number(options.timeout ?? DEFAULT_POLICY.timeoutMs),
		maxRetries: Number(options.maxRetries ?? DEFAULT_POLICY.maxRetries),
		retryNonIdempotent: options.retryNonIdempotent === true,
		...answerLimit(options),
	};
}

/** Options → Max Answer Size in bytes, when set (else the transport's default for the answer's kind). */
export function answerLimit(options: IDataObject): Pick<RequestPolicy, 'maxAnswerBytes'> {
	const mb = Number(options.maxAnswerSize);
	return options.maxAnswerSize !== undefined && Number.isFinite(mb) && mb > 0 ? { maxAnswerBytes: megabytes(mb) } : {};
}

export function readConcurrency(ctx: IExecuteFunctions): ConcurrencySettings {
	const batch = ((readOptions(ctx, 0).batching as IDataObject | undefined)?.batch ?? {}) as IDataObject;
	return {
		concurrency: Math.max(1, Number(batch.concurrency ?? 1)),
		intervalMs: Math.max(0, Number(batch.intervalMs ?? 0)),
	};
}

/** Options → Leads Per Request, read once per execution like Batching (1 = no bulk). */
export function readLeadsPerRequest(ctx: IExecuteFunctions): number {
	const value = Math.floor(Number(readOptions(ctx, 0).leadsPerRequest ?? 1));
	return Number.isFinite(value) ? Math.min(Math.max(value, 1), MAX_LEADS_PER_REQUEST) : 1;
}

export async function readZones(ctx: IExecuteFunctions | IPollFunctions, itemIndex: number): Promise<ZoneContext> {
	const { serverTimeZone } = await connectionSettings(ctx, itemIndex);
	return { serverTimeZone };
}

export async function readOutputShape(
	ctx: IExecuteFunctions,
	itemIndex: number,
	simplifiable: boolean,
	table?: FieldTable,
): Promise<OutputShape> {
	const { serverTimeZone } = await connectionSettings(ctx, itemIndex);
	return {
		simplify: simplifiable && readNodeParameter(ctx, 'simplify', itemIndex, false),
		convertValues: readOptions(ctx, itemIndex).convertValues === true,
		serverTimeZone,
		...(table ? { table } : {}),
	};
}

/** The record key from a resource locator (or a plain string parameter). */
export function readLeadId(ctx: IExecuteFunctions, itemIndex: number, name = 'leadId', noun = 'lead'): string {
	const value = readNodeParameter<unknown>(ctx, name, itemIndex, '', { extractValue: true });
	const id = trimmedKey(value);
	if (id === undefined) {
		throw new NodeOperationError(ctx.getNode(), `The ${noun} ID is empty`, {
			itemIndex,
			description: `Pick a ${noun} from the list or give its ID`,
		});
	}
	return id;
}

export function readExtraParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs = (readNodeParameter<IDataObject>(ctx, 'extraParameters', itemIndex, {}).parameter ?? []) as Array<{
		name?: string;
		value?: unknown;
	}>;
	const extra: IDataObject = {};
	// Sent as named, `__proto__` too (an assignment would drop it without a word).
	for (const { name, value } of pairs) {
		if (name && name.trim()) setOwn(extra, name.trim(), value);
	}
	return extra;
}
