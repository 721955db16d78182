/**
 * THE list of differences from the contract that the node copes with. A check that finds a
 * difference names its kind (a "variant"); if the pair (behaviour, variant) is listed here the
 * report marks the difference `tolerated` and adds the note. Nothing else decides tolerance.
 */

export interface ToleratedDifference {
	/** Behaviour ids this applies to. */
	behaviours: readonly string[];
	/** The kind of difference a check reports. */
	variant: string;
	/** How the node handles it. */
	note: string;
}

const ERROR_BEHAVIOURS = ['auth.error-shape', 'errors.not-found', 'errors.shape', 'errors.validation', 'errors.required-type'];

export const TOLERATED_DIFFERENCES: readonly ToleratedDifference[] = [
	{
		behaviours: ['save.array'],
		variant: 'no-arrays',
		note: 'Create or Update with Leads Per Request above 1 notices this on its first request and sends one request per lead (with a notice on its output)',
	},
	{
		behaviours: ['save.array-failure'],
		variant: 'kept-after-failure',
		note: 'the node finds the failing leads by sending the halves of a failed chunk again; Save with an ID is idempotent, so the leads the server kept are updated, not doubled',
	},
	{
		behaviours: ['import.async-poll'],
		variant: 'no-poll-endpoint',
		note: "polling asyncimportdata2/{jobid} is the sandbox's extension of the contract: without it, Start Async Import still returns the job (leave Wait for Completion off) and Get Import Status is not available",
	},
	{
		behaviours: ['list.paging-headers'],
		variant: 'missing',
		note: 'the node pages without these headers: it stops on an empty or short page (and never loops on a server that ignores page)',
	},
	{
		behaviours: ['list.size'],
		variant: 'more-than-size',
		note: 'the node stops after a page longer than the size it asked for and keeps every record of it',
	},
	{
		behaviours: ['list.default-size'],
		variant: 'any',
		note: 'the node always sends size, so the default never applies',
	},
	{
		behaviours: ERROR_BEHAVIOURS,
		variant: 'shape',
		note: "the node shows the body's detail, message, title or error (the first present), else a message for the HTTP status",
	},
	{
		behaviours: ['errors.validation'],
		variant: 'names-value',
		note: "the node shows the server's message, which names the rejected value and its type (cloud's conversion error) though not the field",
	},
	{
		behaviours: ['auth.tenant-required'],
		variant: 'exempt-user',
		note: 'on a cloud server API and super users need no tenant headers (SysUAAUtilRuntimeBase); an ordinary user would be refused',
	},
	{
		behaviours: ['login.token'],
		variant: 'unknown-shape',
		note: "a client needs only the answer's token; the rest of the answer differs between deployments anyway",
	},
	{
		behaviours: ['create.duplicate-id'],
		variant: 'other-4xx',
		note: "the node fails the item with the HTTP status and the server's message",
	},
	{
		behaviours: ['get.all-fields'],
		variant: 'nulls-omitted',
		note: 'only empty (null) fields are left out; the node outputs the fields the server sends',
	},
	{
		behaviours: ['check-key.exists', 'check-key.missing', 'check-key.no-id'],
		variant: 'boolean',
		note: 'classic generated servers answer true/false (docs/api/IBIZ-FLAVOURS.md): the node reads true as 1 (exists) and false as 0; any other answer (a string, an empty body) is an error, never "not found"',
	},
	{
		behaviours: ['delete.returns-true'],
		variant: 'empty-or-string',
		note: 'the node counts true, "true" and an empty body as deleted',
	},
	{
		behaviours: ['delete.missing'],
		variant: 'success',
		note: 'the node outputs deleted: false when the answer is not true',
	},
	{
		behaviours: ['import.data-counts'],
		variant: 'shape',
		note: "the node outputs the server's import result as it comes",
	},
	{
		behaviours: ['import.template', 'export.list', 'export.one'],
		variant: 'no-filename',
		note: 'without Content-Disposition the node names the file itself (e.g. crm_lead_export.xlsx)',
	},
];

export function toleranceFor(behaviourId: string, variant: string | undefined): ToleratedDifference | undefined {
	if (variant === undefined) return undefined;
	return TOLERATED_DIFFERENCES.find((t) => t.variant === variant && t.behaviours.includes(behaviourId));
}
