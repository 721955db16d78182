/** The state one run shares between its checks: client, run id, test records and results. */
import { BEHAVIOURS_BY_ID } from './catalogue';
import type { Generation } from './generations';
import { RequestFailed, RunStopped, type ApiClient, type ApiRequest, type ApiResponse } from './http';
import type { LoginResult, LoginSettings } from './credentialLogin';
import { toleranceFor } from './tolerated';
import type { BehaviourResult, Outcome } from './types';

/** Records the run creates and later checks lean on. */
export interface Fixtures {
	/** The main test record (created with an id). */
	a?: string;
	/** Created without an id (server-generated key). */
	b?: string;
	/** Created through save. */
	c?: string;
}

/** How the run authenticates: a login (with its answer) or a given token; tenant headers or not. */
export interface Session {
	login?: { settings: LoginSettings; result: LoginResult };
	/** --system-id or --org-id was given. */
	tenantGiven: boolean;
}

/** One answer that showed a generation, and what it was. */
export interface GenerationEvidence {
	generation: Generation;
	/** e.g. "the login answered {token, expirein}" */
	why: string;
}

/** Run-wide switches: --read-only, and who hears the notice before the first write. */
export interface RunMode {
	readOnly: boolean;
	/** Told once, before the first request that writes; gets the run id, so it can name the keys. */
	beforeFirstWrite?: (ctx: RunContext) => void;
}

/** A write the run may not send (--read-only): the check that wanted it is not checked. */
export class WriteSkipped extends Error {
	constructor() {
		super('not checked: --read-only (this check writes)');
		this.name = 'WriteSkipped';
	}
}

/** Requests that change nothing on the server although they are POSTs. */
const READING_POSTS = new Set(['fetch_default', 'check_key', 'exportdata', 'report']);

/** Whether a request may change data on the server (the login is not one: it stores nothing). */
export function isWrite(request: ApiRequest): boolean {
	if (request.method === 'GET' || request.url !== undefined) return false;
	// The lead's reading POSTs at path[1]; any entity's lists (fetch_…), also under a parent path.
	const reading = READING_POSTS.has(request.path[1] ?? '') || request.path.some((segment) => segment.startsWith('fetch_'));
	return !(request.method === 'POST' && reading);
}

export class RunContext {
	readonly fixtures: Fixtures = {};
	/** Every answer that showed a generation (login shape, error shapes, check_key after a delete). */
	readonly evidence: GenerationEvidence[] = [];
	/** Set once the first write was announced (or refused, with --read-only). */
	private wrote = false;
	/** Every id this run created or may have created; the cleanup deletes them all. */
	readonly tracked = new Set<string>();
	/** An async import job still running: the cleanup waits for it before deleting. */
	pendingImportJob: string | undefined;
	private readonly results = new Map<string, BehaviourResult>();

	constructor(
		readonly api: ApiClient,
		/** `contract-check-<hex>`: the prefix of every test record's id and name. */
		readonly runId: string,
		/** The `<hex>` part alone: a substring from the middle of every test record's name. */
		readonly runTag: string,
		readonly readOnlyToken: string | undefined,
		readonly template: string,
		readonly session: Session = { tenantGiven: false },
		readonly mode: RunMode = { readOnly: false },
	) {
		const shape = session.login?.result.shape;
		if (shape) this.noteGeneration(shape, shape === 'cloud' ? 'the login answered {token, expirein}' : 'the login answered {token, user}');
	}

	/** The generation the answers showed first (what later checks lean on), or undefined. */
	get generation(): Generation | undefined {
		return this.evidence[0]?.generation;
	}

	/** Remembers that an answer showed a generation, and why. */
	noteGeneration(generation: Generation | undefined, why: string): void {
		if (generation) this.evidence.push({ generation, why });
	}

	/** A test record id: `<runId>-<suffix>`, tracked for the cleanup before any request uses it. */
	id(suffix: string): string {
		const id = `${this.runId}-${suffix}`;
		this.tracked.add(id);
		return id;
	}

	/** A test record name: starts with the run id, so the cleanup can find it by name too. */
	name(label: string): string {
		return `${this.runId} ${label}`;
	}

	track(id: unknown): void {
		if (typeof id === 'string' && id !== '') this.tracked.add(id);
	}

	/** Sends a request; a write is announced first (or refused with --read-only). */
	send(request: ApiRequest): Promise<ApiResponse> {
		if (isWrite(request)) {
			if (this.mode.readOnly) return Promise.reject(new WriteSkipped());
			if (!this.wrote) {
				this.wrote = true;
				this.mode.beforeFirstWrite?.(this);
			}
		}
		return this.api.send(request);
	}

	/** Runs one check and records its outcome; a request that fails becomes DIFFERS, never a crash. */
	async check(id: string, run: () => Promise<Outcome>): Promise<Outcome> {
		let outcome: Outcome;
		try {
			outcome = await run();
		} catch (error) {
			outcome = failureOutcome(error);
		}
		this.record(id, outcome);
		return outcome;
	}

	/** Records the same outcome for several behaviours (e.g. "needs record A"). */
	recordAll(ids: readonly string[], outcome: Outcome): void {
		for (const id of ids) this.record(id, outcome);
	}

	record(id: string, outcome: Outcome): void {
		const behaviour = BEHAVIOURS_BY_ID.get(id);
		if (!behaviour) throw new Error(`Contract check bug: behaviour '${id}' is not in the catalogue`);
		if (this.results.has(id)) throw new Error(`Contract check bug: behaviour '${id}' recorded twice`);
		const result: BehaviourResult = { id, group: behaviour.group, title: behaviour.title, contract: behaviour.contract, status: outcome.status };
		if (outcome.status === 'differ') {
			result.seen = outcome.seen;
			const tolerated = toleranceFor(id, outcome.variant);
			result.tolerated = tolerated !== undefined;
			if (tolerated) result.note = tolerated.note;
		}
		if (outcome.status === 'skipped') result.reason = outcome.reason;
		if (outcome.status !== 'skipped' && outcome.info) result.info = outcome.info;
		this.results.set(id, result);
	}

	has(id: string): boolean {
		return this.results.has(id);
	}

	result(id: string): BehaviourResult | undefined {
		return this.results.get(id);
	}

	allResults(): BehaviourResult[] {
		return [...this.results.values()];
	}
}

export function failureOutcome(error: unknown): Outcome {
	if (error instanceof WriteSkipped) return { status: 'skipped', reason: error.message };
	if (error instanceof RunStopped) return { status: 'skipped', reason: `${error.reason} before it completed` };
	if (error instanceof RequestFailed) return { status: 'differ', seen: `no answer: ${error.message}` };
	// A bug in a check, or a body the check could not digest: say so in one line, no stack.
	return { status: 'differ', seen: `the check could not complete: ${error instanceof Error ? error.message : String(error)}` };
}
