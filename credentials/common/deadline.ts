import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * A deadline for a whole request: connecting, the answer's headers and its whole body. axios's
 * `timeout` only notices a connection that goes quiet, so a server that sends one byte every few
 * hundred milliseconds could hold a request (and the run) as long as it liked. The deadline aborts
 * the request's signal, which makes axios close the socket in every phase, body included.
 *
 * n8n's request helper replaces a request's `abortSignal` with the execution's cancel signal just
 * before the credential's authenticate() runs, so authenticate() puts the deadline's signal back
 * (armDeadline) — the request options object reaches it unchanged (n8n 2.41 and 1.123 alike). The
 * deadline forwards n8n's cancel signal, so stopping an execution still stops its requests. The
 * clock starts there, when the request is really sent: a login n8n runs first has its own deadline.
 *
 * Why not AbortSignal.timeout + AbortSignal.any: measured on Node 24, each pair costs ~2 KB that
 * stays alive until the timer fires (the whole Timeout, 60 s by default), ~120 MB in a bulk run;
 * this timer is cleared when the request ends.
 */

/** The abort reason of a request stopped at its deadline. */
export class DeadlineExceeded extends Error {
	constructor(readonly ms: number) {
		super(`no complete answer within ${ms} ms`);
		this.name = 'DeadlineExceeded';
	}
}

/** n8n 2.x's sleep(ms, signal) clears its timer on abort; n8n 1.x's sleep(ms) takes no signal. */
const SLEEP_TAKES_SIGNAL = sleep.length >= 2;

// Reused: a fresh abort() reason is a DOMException with a stack trace, ~15 µs each.
const FINISHED = new Error('request finished');
const noop = () => undefined;

/** Requests the node built, by their options object (what authenticate() receives). */
const deadlines = new WeakMap<object, RequestDeadline>();

export class RequestDeadline {
	private readonly stop = new AbortController();
	private readonly finished = new AbortController();
	private armed = false;
	private readonly forwardCancel: (() => void) | undefined;

	constructor(
		readonly ms: number,
		private readonly cancel?: AbortSignal,
	) {
		if (cancel?.aborted) this.stop.abort(cancel.reason);
		else if (cancel) {
			this.forwardCancel = () => this.stop.abort(cancel.reason);
			cancel.addEventListener('abort', this.forwardCancel, { once: true });
		}
	}

	get signal(): AbortSignal {
		return this.stop.signal;
	}

	/** Whether the request was stopped because its time ran out (not cancelled, not finished). */
	get exceeded(): boolean {
		return this.stop.signal.reason instanceof DeadlineExceeded;
	}

	/** Makes these request options carry the deadline (armed when authenticate() sees them). */
	attach<T extends IHttpRequestOptions>(options: T): T {
		options.abortSignal = this.stop.signal;
		deadlines.set(options, this);
		return options;
	}

	/** Starts the clock (once: n8n 1.x authenticates a request again after renewing a login). */
	arm(): void {
		if (this.armed || this.finished.signal.aborted) return;
		this.armed = true;
		const expire = () => {
			if (!this.finished.signal.aborted) this.stop.abort(new DeadlineExceeded(this.ms));
		};
		if (SLEEP_TAKES_SIGNAL) {
			// n8n 2.x: the timer is cleared when `finished` aborts.
			sleep(this.ms, this.finished.signal).then(expire, noop);
			return;
		}
		// n8n 1.x's sleep(ms) cannot be cleared; AbortSignal.timeout's timer at least does not keep the process alive.
		const timeout = AbortSignal.timeout(this.ms);
		timeout.addEventListener('abort', expire, { once: true });
		this.finished.signal.addEventListener('abort', () => timeout.removeEventListener('abort', expire), { once: true });
	}

	/** The request is over (answered, read, or failed): the timer and the cancel forwarding go. */
	finish(): void {
		if (this.finished.signal.aborted) return;
		this.finished.abort(FINISHED);
		if (this.forwardCancel) this.cancel?.removeEventListener('abort', this.forwardCancel);
	}
}

/**
 * For authenticate(): puts the request's deadline signal back in place of n8n's cancel signal
 * (which it forwards) and starts its clock. A request the node did not build — n8n's Test
 * connection — gets a deadline from its own `timeout`.
 */
export function armDeadline(options: IHttpRequestOptions): void {
	const deadline = deadlines.get(options);
	if (deadline) {
		options.abortSignal = deadline.signal;
		deadline.arm();
		return;
	}
	if (typeof options.timeout === 'number' && options.timeout > 0) {
		// Nobody reports this request's end, so its timer runs out on its own: fine for a rare request.
		const timeout = AbortSignal.timeout(options.timeout);
		const cancel = options.abortSignal as AbortSignal | undefined;
		options.abortSignal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
	}
}
