/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** A request's deadline (credentials/common/deadline.ts): armed where n8n authenticates it, cleared when it ends, forwarding n8n's cancel. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { armDeadline, DeadlineExceeded, RequestDeadline } from '../../credentials/common/deadline';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('armed through the options n8n hands to authenticate(): aborts at its time, with a reason that says so', async () => {
	const deadline = new RequestDeadline(50);
	const options = deadline.attach({ url: 'http://x' } as IHttpRequestOptions);
	options.abortSignal = new AbortController().signal; // what n8n does before authenticate()
	armDeadline(options);
	expect(options.abortSignal).toBe(deadline.signal);
	await wait(120);
	expect(deadline.signal.aborted).toBe(true);
	expect(deadline.exceeded).toBe(true);
	expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceeded);
});

test('not armed, or finished in time: never aborts', async () => {
	const idle = new RequestDeadline(30);
	const done = new RequestDeadline(30);
	done.arm();
	done.finish();
	await wait(80);
	expect(idle.signal.aborted).toBe(false);
	expect(done.signal.aborted).toBe(false);
});

test("n8n's cancel signal stops the request (not as a deadline), until the request has finished", () => {
	const cancel = new AbortController();
	const deadline = new RequestDeadline(60_000, cancel.signal);
	cancel.abort();
	expect(deadline.signal.aborted).toBe(true);
	expect(deadline.exceeded).toBe(false);
	const later = new AbortController();
	const finished = new RequestDeadline(60_000, later.signal);
	finished.finish();
	later.abort();
	expect(finished.signal.aborted).toBe(false);
});

test('a request the node did not build (Test connection) gets a deadline from its own timeout, still following the cancel signal', async () => {
	const cancel = new AbortController();
	const options: IHttpRequestOptions = { url: 'http://x', timeout: 40, abortSignal: cancel.signal };
	armDeadline(options);
	expect(options.abortSignal).not.toBe(cancel.signal);
	await wait(100);
	expect(options.abortSignal?.aborted).toBe(true);
	const untimed: IHttpRequestOptions = { url: 'http://x' };
	armDeadline(untimed);
	expect(untimed.abortSignal).toBeUndefined();
});
