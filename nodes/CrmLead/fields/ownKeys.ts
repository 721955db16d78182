import type { IDataObject } from 'n8n-workflow';

/**
 * Records keep their own keys. A record (or a parameter list) may name a key `__proto__`,
 * `constructor` or `prototype`; JSON.parse makes each an own property, but an assignment
 * `out[key] = value` with the key `__proto__` changes `out`'s prototype instead: the key vanishes
 * and its contents show through as inherited fields. Every object the node builds from keys it did
 * not choose goes through setOwn (or a spread / Object.fromEntries, which define own properties too).
 */
export function setOwn(target: IDataObject, key: string, value: unknown): void {
	if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	else target[key] = value as IDataObject[string];
}
