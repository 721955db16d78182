/** The sandbox's public, programmatic API. */
import type { ListPageHook } from './app';
import type { FaultSpec } from './faults';
import type { Flavour } from './flavour';
import type { TenantHeaders } from './tenant';
import type { SandboxUser } from './users';

export type { ListPageHook } from './app';
export type { FaultMode, FaultSpec } from './faults';
export type { Flavour } from './flavour';
export type { TenantHeaders } from './tenant';
export type { SandboxUser, UserKind } from './users';

export interface SandboxOptions {
	/** Which generation of iBiz server to imitate (docs/api/IBIZ-FLAVOURS.md); default 'cloud'. */
	flavour?: Flavour;
	/** 0 = random free port (default 0). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/**
	 * Static token with all permissions that never expires and needs no tenant headers (like an
	 * API user's token); default random hex, printed by the CLI.
	 */
	token?: string;
	/** Optional second static token: READ only; writes give 403. */
	readOnlyToken?: string;
	/** Users who may log in (POST <basePath>/v7/login); default none. */
	users?: SandboxUser[];
	/** Lifetime of an ordinary login token in seconds (default 7200); cloud: rememberme 30 days, API users 24 h. */
	tokenTtlS?: number;
	/** Header that carries the token (default 'Authorization'). */
	tokenHeader?: string;
	/** Text before the token in that header (default 'Bearer'; '' = the bare token). */
	tokenPrefix?: string;
	/** Cloud: also send x-totalx (= x-total) on lists, as a data set with the TOTALX option does. */
	listTotalX?: boolean;
	/** Default ':memory:'; a file path = file-backed with WAL. */
	dbPath?: string;
	/** Number of deterministic demo leads to insert at start (default 0). */
	seed?: number;
	/** Path prefix where /crm_leads lives, default '' (e.g. '/api' → /api/crm_leads). */
	basePath?: string;
	/** Server time zone for Timestamps, default 'Asia/Shanghai' (GMT+8). */
	timeZone?: string;
	/** Enable the fault-injection admin endpoint (default false). */
	faults?: boolean;
	/** Clock, for tests. */
	now?: () => Date;
	/**
	 * Seconds before the clock that writes are stamped with (default 0): create_date/write_date
	 * lie that far in the past when the write becomes visible, like a server that stamps a
	 * transaction when it starts and commits it later. Changeable with Sandbox.setStampLag.
	 */
	stampLagS?: number;
	/** Whether answers carry an HTTP `Date` header from the sandbox clock (default true; false = a server without one). */
	dateHeader?: boolean;
	/** Delay before answering each API request, in ms, to mimic a remote server (default 0). */
	latencyMs?: number;
	/**
	 * Keep each API request's JSON body in the request log (`body`), also of requests a fault
	 * answers, so a test can tell which leads went in which request and how often (default false;
	 * never the login's, which carries a password).
	 */
	logBodies?: boolean;
	/**
	 * Whether the server takes several leads per request, as the source says each generation does
	 * (default true): cloud's create/save take an array, classic has /batch and /savebatch. false
	 * imitates an older server: cloud refuses an array body (400), classic has no batch paths.
	 */
	acceptArrays?: boolean;
	/** Serve GET /v3/api-docs?group=auto, the OpenAPI description of every entity (default true). */
	openApi?: boolean;
	/** The entities served besides the lead, by path (default all: res_partners, crm_stages, mail_activities, mail_messages, crm_teams). */
	entities?: string[];
}

export interface SandboxRequest {
	method: string;
	path: string;
	rawUrl: string;
	query: Record<string, string>;
	status: number;
	/** The srfsystemid / srforgid headers as sent (only those present). */
	tenant: TenantHeaders;
	/** The user name, 'token', 'read-only-token', or undefined when unauthenticated. */
	principal?: string;
	/** The JSON body as sent, when the sandbox logs bodies (SandboxOptions.logBodies). */
	body?: string;
}

export interface SandboxMessage {
	template: string;
	subject: string | null;
	body: string;
	createdAt: string;
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:PORT (+ basePath): the Base URL a user would configure. */
	url: string;
	port: number;
	/** The static full-access token. */
	token: string;
	flavour: Flavour;
	close(): Promise<void>;
	/** Every login token issued so far expires now (the next request with one gets the flavour's 401). */
	expireTokens(): void;
	/** Keys deleted so far on a cloud sandbox (check_key answers 2 for them); always [] on classic. */
	deletedKeys(): string[];
	/** Exactly as GET would return it. */
	getLead(id: string): Record<string, unknown> | undefined;
	/** A record of another entity (path: res_partners, mail_activities…), exactly as GET would return it. */
	getRecord(path: string, id: string): Record<string, unknown> | undefined;
	/** Every record of another entity, in insertion order. */
	listRecords(path: string): Array<Record<string, unknown>>;
	/** Partial update of another entity's record as PUT does it (write_date = now): another user's edit. */
	updateRecord(path: string, id: string, patch: Record<string, unknown>): void;
	/** Inserts records of another entity (create's validation; audit fields may be given). */
	insertRecords(path: string, rows: Array<Record<string, unknown>>): void;
	/** `n_…` keys as in fetch_default, or plain field names for exact matches. */
	countLeads(filter?: Record<string, unknown>): number;
	listMessages(leadId: string): SandboxMessage[];
	/** Bulk insert in one transaction; create's validation, but audit fields may be given. */
	insertLeads(leads: Array<Record<string, unknown>>): void;
	/** Partial update as PUT does it (write_date = now). */
	updateLead(id: string, patch: Record<string, unknown>): void;
	/** Delete as DELETE does it. */
	deleteLead(id: string): void;
	/** Pin the clock (null = back to the configured clock). It also dates the HTTP `Date` header. */
	setNow(date: Date | null): void;
	/** Writes from now on are stamped `seconds` before the clock (SandboxOptions.stampLagS). */
	setStampLag(seconds: number): void;
	/** Runs `hook` before each list page is read (null removes it): the list can move between a client's page requests. */
	onListPage(hook: ListPageHook | null): void;
	/** Every API request and login (admin /__sandbox requests excluded); never holds a token or password. */
	requests: SandboxRequest[];
	resetRequests(): void;
	injectFault(f: FaultSpec): void;
	clearFaults(): void;
	/**
	 * Called for every API request and login after it arrived (and after a `slow-answer` delay),
	 * before it is handled: a test edits the data there, as another user would between the node's
	 * requests. `undefined` removes the hook.
	 */
	onRequest(hook: RequestHook | undefined): void;
}

/** See Sandbox.onRequest. */
export type RequestHook = (request: SandboxRequest) => void;
