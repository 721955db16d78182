/** The fault modes and the shape of one injected fault: plain data, shared by the router (http.ts) and faults.ts. */

export const FAULT_MODES = [
	'status-500',
	'status-500-empty',
	'status-502',
	'status-503',
	'status-504',
	'status-429',
	'hang',
	'malformed-json',
	'truncated-json',
	'html-error',
	'ignore-page',
	'ignore-sort',
	'lie-x-total',
	'silent-page-cap',
	'no-paging-headers',
	'wrong-paging-headers',
	'huge-page',
	'download-cut',
	'answer-cut',
	'x-message',
	'status-500-text',
	'unknown-error-code',
	'control-characters',
	'huge-message',
	'no-endpoint',
	'slow-answer',
	'check-key-boolean',
	// hostileAnswers.ts
	'echo-request',
	'echo-request-json',
	'many-fields',
	'hostile-keys',
	'file-name',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultSpec {
	mode: FaultMode;
	/** How many matching requests it hits; default unlimited. */
	times?: number;
	/** How many matching requests it lets through before its first hit (default 0): a fault at a random position, not only the first requests. */
	after?: number;
	/** Only requests whose path contains this. */
	pathIncludes?: string;
	/** Seconds, for 429/503 (429 sends 1 unless given); 502/504 send a Retry-After only when given, as a proxy set up to. */
	retryAfter?: number;
	/** For `x-message`: the text sent (URL-encoded) in the x-message header; for `file-name`: the Content-Disposition sent. */
	message?: string;
	/** For `echo-request`: the answer's HTTP status (default 200). */
	status?: number;
	/** For `slow-answer`: how long the request waits before it is handled as usual (its writes land that much later). */
	delayMs?: number;
	/** For `lie-x-total`: x-total is the true count plus this (e.g. -1 or +1), instead of a third of it; never below 0. */
	totalOffset?: number;
	/** For `silent-page-cap`: the most rows a page holds (default SILENT_PAGE_CAP, 100). */
	pageCap?: number;
}
