/**
 * The ID a lead body or record carries, as text; undefined when it has none (missing, null, an
 * empty string). One reading for error messages, bulk eligibility and lining up bulk answers.
 */
export function leadKey(value: unknown): string | undefined {
	const id = (value as { id?: unknown } | null | undefined)?.id;
	if (typeof id === 'number') return String(id);
	return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}
