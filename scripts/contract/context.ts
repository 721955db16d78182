/** The state one run shares between its checks: client, run id, test records and results. */
import { BEHAVIOURS_BY_ID } from './catalogue';
import type { Generation } from './generations';
import { RequestFailed, RunStopped, type ApiClient, type ApiRequest, type ApiResponse } from './http';
import type { LoginResult, LoginSettings } from './login';
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

export class RunContext {
	readonly fixtures: Fixtures = {};
	/** The generation the server's answers showed so far (login shape, error shapes). */
	generation: Generation | undefined;
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
	) {
		this.generation = session.login?.result.shape;
	}

	/** Remembers the generation an answer showed (the first one seen wins). */
	noteGeneration(generation: Generation | undefined): void {
		this.generation ??= generation;
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

	send(request: ApiRequest): Promise<ApiResponse> {
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
	if (error instanceof RunStopped) return { status: 'skipped', reason: `${error.reason} before it completed` };
	if (error instanceof RequestFailed) return { status: 'differ', seen: `no answer: ${error.message}` };
	// A bug in a check, or a body the check could not digest: say so in one line, no stack.
	return { status: 'differ', seen: `the check could not complete: ${error instanceof Error ? error.message : String(error)}` };
}
