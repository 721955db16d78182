import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

/**
 * Reading a node parameter for an item at the least cost, with the result n8n's own
 * `getNodeParameter` gives. n8n 2.41 evaluates every expression in an isolate (about 0.2 ms each,
 * profiled in BENCHMARK.md), and resolves, copies and validates even a parameter without one on
 * every call. Three cases, decided once per parameter and execution from its raw value:
 *  - no expression: the same for every item, so n8n resolves it once per execution;
 *  - only `{{ $json.field }}` expressions (a dotted path, the shape syncs use): the value is read
 *    from the item's JSON directly, as n8n's `$json` would give it;
 *  - anything else: n8n resolves it, once per item.
 * Callers must not mutate what they get: it may be shared by every item, or be the item's own data.
 */

type Strategy = 'settled' | 'inputFields' | 'perItem';

interface Remembered {
	strategy: Strategy;
	raw: unknown;
	values: Map<number, unknown>;
}

const remembered = new WeakMap<object, Map<string, Remembered>>();

/** `={{ $json.a }}` or `={{ $json.a.b }}`, nothing around it. */
const INPUT_FIELD_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

function expressionStrings(value: unknown): string[] {
	if (typeof value === 'string') return value.startsWith('=') ? [value] : [];
	if (Array.isArray(value)) return value.flatMap(expressionStrings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(expressionStrings);
	return [];
}

function strategyOf(raw: unknown): Strategy {
	const expressions = expressionStrings(raw);
	if (expressions.length === 0) return 'settled';
	return expressions.every((text) => INPUT_FIELD_EXPRESSION.test(text)) ? 'inputFields' : 'perItem';
}

/** A path step that reached an inherited property (`$json.__proto__`, `$json.a.constructor`): n8n resolves it, not we. */
class InheritedStep extends Error {}

/** The raw value with each `{{ $json.path }}` replaced by what the item holds there (own properties only). */
export function resolveInputFields(raw: unknown, json: IDataObject): unknown {
	if (typeof raw === 'string') {
		const match = INPUT_FIELD_EXPRESSION.exec(raw);
		if (!match) return raw;
		let value: unknown = json;
		for (const key of match[1].slice(1).split('.')) {
			if (value === null || typeof value !== 'object') {
				value = undefined;
			} else if (Object.hasOwn(value, key)) {
				value = (value as IDataObject)[key];
			} else {
				if (key in value) throw new InheritedStep(key);
				value = undefined;
			}
		}
		return value;
	}
	if (Array.isArray(raw)) return raw.map((entry) => resolveInputFields(entry, json));
	if (raw && typeof raw === 'object') {
		return Object.fromEntries(Object.entries(raw).map(([key, entry]) => [key, resolveInputFields(entry, json)]));
	}
	return raw;
}

/** What `extractValue` does to our resource locators (modes From List and By ID): their value. */
function extracted(value: unknown): unknown {
	const locator = value as { __rl?: unknown; value?: unknown } | null;
	return locator && typeof locator === 'object' && locator.__rl === true ? locator.value : value;
}

export function readNodeParameter<T>(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
	options?: Pick<IGetNodeParameterOptions, 'extractValue' | 'skipValidation'>,
): T {
	let byName = remembered.get(ctx);
	if (!byName) remembered.set(ctx, (byName = new Map()));
	const key = options?.extractValue ? `${name}#extractValue` : name;
	let parameter = byName.get(key);
	if (!parameter) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
		parameter = { strategy: strategyOf(raw), raw, values: new Map() };
		byName.set(key, parameter);
	}
	if (parameter.strategy === 'inputFields') {
		try {
			const value = resolveInputFields(parameter.raw, ctx.getInputData()[itemIndex]?.json ?? {});
			return (options?.extractValue ? extracted(value) : value) as T;
		} catch {
			// An inherited step (InheritedStep): n8n's own resolution decides what it gives.
			return ctx.getNodeParameter(name, itemIndex, fallback, options) as T;
		}
	}
	const slot = parameter.strategy === 'settled' ? 0 : itemIndex;
	if (!parameter.values.has(slot)) parameter.values.set(slot, ctx.getNodeParameter(name, itemIndex, fallback, options));
	return parameter.values.get(slot) as T;
}
