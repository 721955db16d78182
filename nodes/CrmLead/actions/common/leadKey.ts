/**
 * The one reading of a lead's ID, wherever an ID is read: request bodies (Create, Create or
 * Update), Get/Update/Delete IDs, bulk keys and lining up bulk answers. Surrounding spaces are
 * never part of an ID: a sync's `"K1 "` is the lead `K1`, as the Lead picker already read it.
 */

/** An ID given as text or number, trimmed; undefined when there is none (missing, null, blank). */
export function trimmedKey(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
	if (typeof value !== 'string') return undefined;
	const key = value.trim();
	return key === '' ? undefined : key;
}

/** The ID a lead body or record carries, as text; undefined when it has none. */
export function leadKey(value: unknown): string | undefined {
	return trimmedKey((value as { id?: unknown } | null | undefined)?.id);
}

/** The body with its ID in the one reading (trimmed; a blank ID is left out: the server picks one). */
export function withTrimmedKey<T extends { id?: unknown }>(body: T): T {
	if (typeof body.id !== 'string') return body;
	const key = trimmedKey(body.id);
	if (key === body.id) return body;
	const rest: T = { ...body };
	delete rest.id;
	return (key === undefined ? rest : { ...rest, id: key }) as T;
}
