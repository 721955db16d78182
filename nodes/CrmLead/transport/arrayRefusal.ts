/**
 * Whether a failed array request means "this endpoint does not take an array" rather than "a lead
 * is wrong" (docs/api/IBIZ-FLAVOURS.md, "Arrays"). Kept in the transport, the one layer that reads
 * status codes: a classic server cannot bind an array to one DTO (400), an endpoint that does not
 * exist (404/405), a proxy that refuses the body (413/415). Cloud reports a wrong lead as 500
 * (ResponseExceptionHandler), so a 400 on save cannot be one; classic's savebatch reports wrong
 * leads as 400, so there it is not a refusal.
 */
export type ArrayEndpoint = 'save' | 'savebatch';

const REFUSING_STATUSES: Record<ArrayEndpoint, ReadonlySet<number>> = {
	save: new Set([400, 404, 405, 413, 415]),
	savebatch: new Set([404, 405, 413, 415]),
};

export interface ArrayFailure {
	/** The HTTP status, when the server answered. */
	status?: number;
	/** The endpoint refused the array itself. */
	refused: boolean;
	/** A proxy refused the body's size: no other endpoint will take it either. */
	tooLarge: boolean;
	/** The server answered with an error (not a connection cut, not an answer cut off). */
	answered: boolean;
}

/** Reads a failed array request's error (a NodeApiError from crmRequest). */
export function arrayFailure(error: unknown, endpoint: ArrayEndpoint): ArrayFailure {
	const status = Number((error as { httpCode?: unknown } | undefined)?.httpCode) || undefined;
	return {
		status,
		refused: status !== undefined && REFUSING_STATUSES[endpoint].has(status),
		tooLarge: status === 413,
		answered: status !== undefined && status >= 400,
	};
}
