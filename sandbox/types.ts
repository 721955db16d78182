/** The sandbox's public, programmatic API. */
import type { FaultSpec } from './faults';

export type { FaultMode, FaultSpec } from './faults';

export interface SandboxOptions {
	/** 0 = random free port (default 0). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Bearer token with all permissions; default random hex, printed by the CLI. */
	token?: string;
	/** Optional second token: READ only; writes give 403. */
	readOnlyToken?: string;
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
	/** Delay before answering each API request, in ms, to mimic a remote server (default 0). */
	latencyMs?: number;
}

export interface SandboxRequest {
	method: string;
	path: string;
	rawUrl: string;
	query: Record<string, string>;
	status: number;
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
	token: string;
	close(): Promise<void>;
	/** Exactly as GET would return it. */
	getLead(id: string): Record<string, unknown> | undefined;
	/** `n_…` keys as in fetch_default, or plain field names for exact matches. */
	countLeads(filter?: Record<string, unknown>): number;
	listMessages(leadId: string): SandboxMessage[];
	/** Bulk insert in one transaction; create's validation, but audit fields may be given. */
	insertLeads(leads: Array<Record<string, unknown>>): void;
	/** Pin the clock (null = back to the configured clock). */
	setNow(date: Date | null): void;
	/** Every API request (admin /__sandbox requests excluded); never holds the token. */
	requests: SandboxRequest[];
	resetRequests(): void;
	injectFault(f: FaultSpec): void;
	clearFaults(): void;
}
