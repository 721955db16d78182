/** Shapes shared by the contract check: options, per-behaviour outcomes and the final report. */

export interface ContractCheckOptions {
	/** The prefix `/crm_leads` lives under, as a user configures it in the credential. */
	baseUrl: string;
	/** Token with full permissions (CREATE, READ, UPDATE, DELETE); needed unless user and password are given. */
	token?: string;
	/** Log in as this user (with `password`) and use that token instead of `token`. */
	user?: string;
	password?: string;
	/** The login's `domain` (the server logs in `user|domain`). */
	domain?: string;
	/** Where the login lives: a path below baseUrl (default /v7/login) or an absolute URL. */
	loginPath?: string;
	/** srfsystemid header, sent with every request (cloud servers want it from ordinary users). */
	systemId?: string;
	/** srforgid header, sent with every request. */
	orgId?: string;
	/** Header that carries the token (default Authorization). */
	tokenHeader?: string;
	/** Text before the token (default Bearer; '' = the bare token). */
	tokenPrefix?: string;
	/** Optional token that holds READ only; enables the 403 checks. */
	readOnlyToken?: string;
	/** Template reference for message_post_with_source (default `crm.lead_welcome`). */
	template?: string;
	/** Timeout of each request in milliseconds (default 15 000). */
	timeoutMs?: number;
	/** Time budget for all checks in milliseconds (default 300 000); cleanup always runs after it. */
	maxDurationMs?: number;
	/** Aborting it (e.g. on Ctrl-C) skips the remaining checks; the cleanup still runs. */
	signal?: AbortSignal;
	/** Write nothing: every check that would create, change or delete a record is not checked. */
	readOnly?: boolean;
	/** Told (once, before the first write) which keys a server that keeps deleted keys will keep reserved. */
	onNotice?: (text: string) => void;
}

export type BehaviourStatus = 'match' | 'differ' | 'skipped';

/** What one check found. */
export type Outcome =
	| { status: 'match'; info?: string }
	| { status: 'differ'; seen: string; variant?: string; info?: string }
	| { status: 'skipped'; reason: string };

export interface BehaviourResult {
	id: string;
	group: string;
	title: string;
	/** Where the expectation comes from (a section of docs/api/CONTRACT.md). */
	contract: string;
	status: BehaviourStatus;
	/** For DIFFERS: what the server did instead. */
	seen?: string;
	/** For SKIPPED: why. */
	reason?: string;
	/** Extra facts worth knowing, whatever the status. */
	info?: string;
	/** For DIFFERS: the node copes with this difference (see tolerated.ts). */
	tolerated?: boolean;
	/** For tolerated differences: how the node copes. */
	note?: string;
}

export interface CleanupReport {
	/** Ids the check created or may have created. */
	tracked: number;
	/** Ids deleted by the cleanup (200/204). */
	deleted: string[];
	/** Ids that were already gone or never created (404, or cloud's code 3). */
	notFound: string[];
	/** Ids the cleanup could not delete, with why: these test records are still on the server. */
	leftBehind: Array<{ id: string; reason: string }>;
}

export interface ContractSummary {
	match: number;
	differ: number;
	skipped: number;
	/** How many of `differ` the node tolerates. */
	tolerated: number;
}

export interface GenerationVerdict {
	generation: 'cloud' | 'classic' | 'unknown';
	/** The answers that showed it, e.g. "cloud: the login answered {token, expirein}". */
	why: string[];
}

export interface OperationVerdict {
	/** "Lead: Get", "CRM Lead Trigger", "Credential", … */
	name: string;
	verdict: 'works' | 'works with a tolerated difference' | 'will fail' | 'not offered by this server' | 'not checked';
	/** For "not checked": left out on purpose (--read-only), not cut short by the time budget or a failure. */
	byChoice?: boolean;
	/** Which difference, why it fails and what to change, or why it was not checked. */
	details: string[];
}

export interface ContractReport {
	/** The base URL checked (any user:password part removed). */
	baseUrl: string;
	/** Unique prefix of every test record's id and name in this run. */
	runId: string;
	startedAt: string;
	durationMs: number;
	results: BehaviourResult[];
	summary: ContractSummary;
	cleanup: CleanupReport;
	/** --read-only: nothing was written. */
	readOnly: boolean;
	/** The keys this run leaves reserved on a server that keeps deleted keys (said before the first write). */
	reservedKeys?: string;
	generation: GenerationVerdict;
	/** One verdict per node operation (and the trigger, the credential, the error kinds). */
	operations: OperationVerdict[];
}
