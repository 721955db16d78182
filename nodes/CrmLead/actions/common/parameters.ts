import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputShape, ZoneContext } from '../../fields/convert';
import { connectionSettings, DEFAULT_POLICY, type RequestPolicy } from '../../transport/request';
import type { ConcurrencySettings } from '../runConcurrently';

/** Reads n8n parameters into the plain values operations work with. */

// A parameter without any expression resolves to the same value for every item; n8n still
// resolves (copies, validates) it on every call. Remembering it per execution saves that per item;
// one with expressions is remembered per item, as several readers of one item may ask for it.
interface Remembered {
	settled: boolean;
	values: Map<number, unknown>;
}
const rememberedParameters = new WeakMap<object, Map<string, Remembered>>();

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `getNodeParameter`, resolved once per execution when the parameter holds no expression (else
 * once per item). Callers must not mutate what it returns: it may be shared by every item.
 */
export function readRememberedParameter<T>(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
	options?: IGetNodeParameterOptions,
): T {
	let byName = rememberedParameters.get(ctx);
	if (!byName) rememberedParameters.set(ctx, (byName = new Map()));
	let remembered = byName.get(name);
	if (!remembered) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
		remembered = { settled: !holdsExpression(raw), values: new Map() };
		byName.set(name, remembered);
	}
	const key = remembered.settled ? 0 : itemIndex;
	if (!remembered.values.has(key)) remembered.values.set(key, ctx.getNodeParameter(name, itemIndex, fallback, options));
	return remembered.values.get(key) as T;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return readRememberedParameter<IDataObject>(ctx, 'options', itemIndex, {});
}

export function readPolicy(ctx: IExecuteFunctions, itemIndex: number): RequestPolicy {
	const options = readOptions(ctx, itemIndex);
	return {
		...DEFAULT_POLICY,
		timeoutMs: Number(options.timeout ?? DEFAULT_POLICY.timeoutMs),
		maxRetries: Number(options.maxRetries ?? DEFAULT_POLICY.maxRetries),
		retryNonIdempotent: options.retryNonIdempotent === true,
	};
}

export function readConcurrency(ctx: IExecuteFunctions): ConcurrencySettings {
	const batch = ((readOptions(ctx, 0).batching as IDataObject | undefined)?.batch ?? {}) as IDataObject;
	return {
		concurrency: Math.max(1, Number(batch.concurrency ?? 1)),
		intervalMs: Math.max(0, Number(batch.intervalMs ?? 0)),
	};
}

export async function readZones(ctx: IExecuteFunctions | IPollFunctions, itemIndex: number): Promise<ZoneContext> {
	const { serverTimeZone } = await connectionSettings(ctx, itemIndex);
	return { serverTimeZone, inputTimeZone: ctx.getTimezone() };
}

export async function readOutputShape(
	ctx: IExecuteFunctions,
	itemIndex: number,
	simplifiable: boolean,
): Promise<OutputShape> {
	const { serverTimeZone } = await connectionSettings(ctx, itemIndex);
	return {
		simplify: simplifiable && readRememberedParameter(ctx, 'simplify', itemIndex, false),
		convertValues: readOptions(ctx, itemIndex).convertValues === true,
		serverTimeZone,
	};
}

/** The record key from a resource locator (or a plain string parameter). */
export function readLeadId(ctx: IExecuteFunctions, itemIndex: number, name = 'leadId'): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!id) {
		throw new NodeOperationError(ctx.getNode(), 'The lead ID is empty', {
			itemIndex,
			description: 'Pick a lead from the list or give its ID',
		});
	}
	return id;
}

export function readExtraParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs = (readRememberedParameter<IDataObject>(ctx, 'extraParameters', itemIndex, {}).parameter ?? []) as Array<{
		name?: string;
		value?: unknown;
	}>;
	const extra: IDataObject = {};
	for (const { name, value } of pairs) {
		if (name && name.trim()) extra[name.trim()] = value as IDataObject[string];
	}
	return extra;
}
