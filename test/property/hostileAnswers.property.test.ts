/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Hostile answers at random (issue 32, item 7): every operation, the trigger, the login and Test
 * connection pointed at a server (test/helpers/hostileServer.ts, in front of the sandbox of each
 * generation) that answers each request with a generated answer: any status, a redirect to another
 * origin (or with the token in its query, or on the same host), a Content-Encoding (bombs
 * included, or one that lies), a Content-Length that lies, a Content-Disposition, bodies of every
 * JSON type, HTML, text, cut off, far too large, trickled or never sent, and the request's own
 * secrets echoed back in every encoding — in the body and in the headers.
 *
 * The model is the README's promises (never the product's code or constants):
 *  - a run finishes within the requests it sent (logins included) × Timeout + SLACK_MS (Options →
 *    Timeout is a deadline for the whole request); a slow answer would take minutes without one;
 *  - with Continue On Fail every input item gets exactly one output, paired to it: data, or an
 *    error item with one of the README's error kinds; the trigger and Test connection end with
 *    items, nothing, or an error with a message — never a TypeError;
 *  - no secret (the token, the password, any token a login issued), in any form, in any error,
 *    error item, Test connection message or log line (a secret a server puts into a record, a list
 *    or a file it answers with is that server's data, passed on as it came);
 *  - no request reaches another origin: the other-origin server records none at all;
 *  - the process grows by less than MEMORY_BOUND whatever size the server offers (up to 200 MB in
 *    npm test, 300 MB in the soak), with Options → Max Answer Size 1 MB (the login and its 32 MB
 *    default included).
 * Not generated (stated in README → Security): slow or silent answers to the trigger's polls
 * (Timeout is fixed at 60 s there), to the login (30 s) and to Test connection (n8n's 300 s), and
 * retries (Retry-After waits are the user's Retries When Busy).
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { createSandbox, type Flavour, type Sandbox } from '../../sandbox/server';
import { runNode, TestCredentialsHelper, type RunResult } from '../../scripts/runNode';
import { testCredential } from '../helpers/credentialTest';
import { createHostileServer, gzipBomb, type GeneratedBody, type HostileAnswer, type HostileServer, type SeenRequest } from '../helpers/hostileServer';
import { MB, peakGrowth } from '../helpers/memoryPeak';
import { operationCases, type OperationCase } from '../helpers/operationCases';
import { triggerHarness } from '../helpers/pollTrigger';
import { leaksIn } from '../helpers/secretLeaks';
import { buildSheet } from '../helpers/workbook';
import { propertyParameters, propertyTimeout, reportCases, SOAK } from './settings';

const TOKEN = 'hostile-prop-token-0c4e2b';
const PASSWORD = 'Prop Passw0rd!2026';
const SYSTEM_ID = 'SYS-PROP-1';
const ORG_ID = 'ORG-PROP-1';

/** README → Errors and Continue On Fail: the kinds. */
const KINDS = ['notFound', 'alreadyExists', 'invalidValue', 'permission', 'tenant', 'authentication', 'busy', 'connection', 'invalidRequest', 'server'];
const TIMEOUT_MS = 300;
/** Generous: n8n's own work per run, on a machine shared by many test processes. A trickled answer takes minutes without a deadline. */
const SLACK_MS = 15_000;
const MEMORY_BOUND = 96 * MB;
const OFFERED = (SOAK ? 300 : 200) * MB;
/** Far beyond any bound above: a run still going then is stopped and reported with its case. */
const OPERATION_CAP_MS = 60_000;
const LOGIN_CAP_MS = 60_000;

async function withinCap<T>(run: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const cap = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the run did not end within ${ms} ms`)), ms)));
	try {
		return await Promise.race([run, cap]);
	} finally {
		clearTimeout(timer);
	}
}

// ---- what the server answers (plain data, so fast-check can print and shrink it) ----

type Body =
	| { kind: 'empty' }
	| { kind: 'json'; value: unknown }
	| { kind: 'html' }
	| { kind: 'text'; text: string }
	| { kind: 'lead' }
	| { kind: 'leads' }
	| { kind: 'keyState'; value: 0 | 1 | 2 | boolean }
	/** The request's headers and body echoed back, in every encoding (`form`: how it is wrapped). */
	| { kind: 'echo'; form: 'text' | 'html' | 'jsonString' | 'envelope' | 'array' }
	/** OFFERED bytes of JSON text, generated while sent. */
	| { kind: 'huge' }
	/** A gzip body that decodes to OFFERED bytes. */
	| { kind: 'bomb' };

type Spec =
	| { kind: 'forward' }
	| {
			kind: 'answer';
			status: number;
			body: Body;
			encoding: 'none' | 'gzip' | 'deflate' | 'br' | 'gzip-lie';
			length: 'none' | 'true' | 'short' | 'long';
			echoHeaders: boolean;
			disposition?: string;
			cutAt?: number;
	  }
	| { kind: 'redirect'; status: number; to: 'other' | 'otherWithSecret' | 'sameOrigin' | 'relative' | 'garbage' | 'none' }
	| { kind: 'slow'; head: boolean }
	| { kind: 'hang' };

const jsonBody = fc.jsonValue({ maxDepth: 2 }).filter((value) => JSON.stringify(value).length < 2000);
const bodyArb: fc.Arbitrary<Body> = fc.oneof(
	fc.constant({ kind: 'empty' as const }),
	fc.record({ kind: fc.constant('json' as const), value: jsonBody }),
	fc.constant({ kind: 'html' as const }),
	fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 60 }) }),
	fc.constant({ kind: 'lead' as const }),
	fc.constant({ kind: 'leads' as const }),
	fc.record({ kind: fc.constant('keyState' as const), value: fc.constantFrom(0 as const, 1 as const, 2 as const, true, false) }),
	fc.record({ kind: fc.constant('echo' as const), form: fc.constantFrom('text' as const, 'html' as const, 'jsonString' as const, 'envelope' as const, 'array' as const) }),
	fc.constant({ kind: 'huge' as const }),
	fc.constant({ kind: 'bomb' as const }),
);
const statusArb = fc.oneof(fc.constantFrom(200, 200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504), fc.integer({ min: 100, max: 599 }));
const answerArb = (quick: boolean): fc.Arbitrary<Spec> =>
	fc.oneof(
		{ weight: 2, arbitrary: fc.constant({ kind: 'forward' as const }) },
		{
			weight: 7,
			arbitrary: fc.record(
				{
					kind: fc.constant('answer' as const),
					status: statusArb,
					body: bodyArb,
					encoding: fc.constantFrom('none' as const, 'none' as const, 'gzip' as const, 'deflate' as const, 'br' as const, 'gzip-lie' as const),
					length: fc.constantFrom('none' as const, 'true' as const, 'true' as const, 'short' as const, 'long' as const),
					echoHeaders: fc.boolean(),
					disposition: fc.option(fc.constantFrom('attachment; filename="../../x.pdf"', 'attachment; filename*=UTF-8\'\'%E7%BA%BF.xlsx', 'inline'), { nil: undefined }),
					cutAt: fc.option(fc.nat({ max: 300 }), { nil: undefined }),
				},
				{ requiredKeys: ['kind', 'status', 'body', 'encoding', 'length', 'echoHeaders'] },
			),
		},
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant('redirect' as const),
				status: fc.constantFrom(301, 302, 303, 307, 308),
				to: fc.constantFrom('other' as const, 'otherWithSecret' as const, 'sameOrigin' as const, 'relative' as const, 'garbage' as const, 'none' as const),
			}),
		},
		// Slow and silent answers only where the target has a Timeout of its own (see the header).
		{ weight: quick ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('slow' as const), head: fc.boolean() }) },
		{ weight: quick ? 1 : 0, arbitrary: fc.constant({ kind: 'hang' as const }) },
	);

type Target = { kind: 'operation'; name: string; items: number } | { kind: 'trigger' } | { kind: 'test' };

interface Case {
	target: Target;
	mode: 'token' | 'password';
	login: Spec;
	/** Request k (not the login) gets answers[k mod length]. */
	answers: Spec[];
}

// ---- the server side: a Spec → the bytes ----

let spreadsheet: Buffer;
let bomb: GeneratedBody;
const names = () => operationCases(spreadsheet).map((c) => c.name);

/** The request's headers (and body) in every encoding, whole: a server that cuts a secret short is another matter (see the report of issue 32). */
function echoOf(request: SeenRequest, withBody = true): string {
	const seen = [...Object.values(request.headers), ...(withBody ? [request.body.toString('utf8')] : [])].join(' | ');
	return [seen, JSON.stringify(seen), encodeURIComponent(seen), Buffer.from(seen).toString('base64'), seen.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)].join(' ## ');
}

function bodyBytes(body: Body, request: SeenRequest): Buffer | GeneratedBody {
	switch (body.kind) {
		case 'empty':
			return Buffer.alloc(0);
		case 'json':
			return Buffer.from(JSON.stringify(body.value));
		case 'html':
			return Buffer.from('<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>');
		case 'text':
			return Buffer.from(body.text);
		case 'lead':
			return Buffer.from(JSON.stringify({ id: 'L000001', name: 'Hostile lead', type: 'lead' }));
		case 'leads':
			return Buffer.from(JSON.stringify([{ id: 'L000001', name: 'Hostile lead', type: 'lead', create_date: '2026-01-01 00:00:00', write_date: '2026-01-01 00:00:00' }]));
		case 'keyState':
			return Buffer.from(JSON.stringify(body.value));
		case 'echo': {
			const echo = echoOf(request);
			const wrapped = {
				text: echo,
				html: `<html><body><pre>${echo}</pre></body></html>`,
				jsonString: JSON.stringify(echo),
				envelope: JSON.stringify({ type: 'RuntimeException', code: 1, message: echo, details: [{ fieldname: echo, fielderrortype: 1, fielderrorinfo: echo }] }),
				array: JSON.stringify([echo]),
			}[body.form];
			return Buffer.from(wrapped);
		}
		case 'huge':
			return { prefix: Buffer.from('{"id":"'), repeat: Buffer.from('x'.repeat(4096)), total: OFFERED };
		case 'bomb':
			return bomb;
	}
}

function toAnswer(spec: Spec, request: SeenRequest, hostile: HostileServer): HostileAnswer | 'forward' {
	switch (spec.kind) {
		case 'forward':
			return 'forward';
		case 'hang':
			return { status: 200, hang: true };
		case 'slow':
			// About 1,200 bytes, one every 100 ms: two minutes without a deadline.
			return {
				status: 200,
				headers: [['Content-Type', 'application/json'], ['X-Padding', 'p'.repeat(600)]],
				body: Buffer.from(JSON.stringify({ id: 'L000001', name: 'slow'.repeat(150) })),
				trickle: { bytes: 1, everyMs: 100, head: spec.head },
			};
		case 'redirect': {
			const location = {
				other: `${hostile.other.url}${request.url}`,
				otherWithSecret: `${hostile.other.url}/login?token=${encodeURIComponent(request.headers.authorization ?? request.headers['x-auth-token'] ?? '')}`,
				sameOrigin: `${hostile.url}/moved${request.url}`,
				relative: `/elsewhere${request.url}`,
				garbage: 'http://[::1',
				none: undefined,
			}[spec.to];
			return { status: spec.status, headers: location === undefined ? [] : [['Location', location]] };
		}
		case 'answer': {
			const body = bodyBytes(spec.body, request);
			const headers: Array<[string, string]> = [['Content-Type', spec.body.kind === 'html' ? 'text/html' : 'application/json']];
			let bytes = body;
			if (Buffer.isBuffer(body) && spec.body.kind !== 'bomb') {
				if (spec.encoding === 'gzip') bytes = gzipSync(body);
				if (spec.encoding === 'deflate') bytes = deflateSync(body);
				if (spec.encoding === 'br') bytes = brotliCompressSync(body);
			}
			if (spec.body.kind === 'bomb' || spec.encoding === 'gzip' || spec.encoding === 'gzip-lie') headers.push(['Content-Encoding', 'gzip']);
			else if (spec.encoding !== 'none' && spec.body.kind !== 'huge') headers.push(['Content-Encoding', spec.encoding]);
			const total = Buffer.isBuffer(bytes) ? bytes.length : bytes.total;
			if (spec.length !== 'none') headers.push(['Content-Length', String(spec.length === 'true' ? total : spec.length === 'short' ? Math.floor(total / 2) : total + 100)]);
			if (spec.echoHeaders) {
				// The headers only: with the body (a spreadsheet) the header could pass Node's 16 KB limit.
				const echo = encodeURIComponent(echoOf(request, false));
				headers.push(['X-Message', echo], ['X-Ibz-Error', echo]);
			}
			if (spec.disposition) headers.push(['Content-Disposition', spec.disposition]);
			return { status: spec.status, headers, body: bytes, ...(spec.cutAt !== undefined ? { cutAfter: spec.cutAt } : {}) };
		}
	}
}

// ---- the property ----

const targetArb: fc.Arbitrary<Target> = fc.oneof(
	{ weight: 8, arbitrary: fc.record({ kind: fc.constant('operation' as const), name: fc.constantFrom(...names()), items: fc.integer({ min: 1, max: 3 }) }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'trigger' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'test' as const }) },
);

const caseArb: fc.Arbitrary<Case> = targetArb.chain((target) => {
	// The trigger and Test connection have no Timeout option (60 s and n8n's 300 s): nothing slow for them.
	const timed = target.kind === 'operation';
	return fc.record({
		target: fc.constant(target),
		mode: fc.constantFrom('token' as const, 'password' as const),
		// The login has its own 30 s: nothing slow there either.
		login: fc.oneof({ weight: 3, arbitrary: fc.constant({ kind: 'forward' as const }) }, { weight: 2, arbitrary: answerArb(false) }),
		answers: fc.array(answerArb(timed), { minLength: 1, maxLength: 3 }),
	});
});

const logLines: string[] = [];
const capture = (message: unknown, meta?: unknown) => {
	try {
		logLines.push(JSON.stringify([message, meta]));
	} catch {
		logLines.push(String(message));
	}
};

beforeAll(async () => {
	spreadsheet = await buildSheet([['name', 'type'], ['from a file', 'lead']]);
	bomb = gzipBomb(OFFERED, '{"id":"');
	LoggerProxy.init({ error: capture, warn: capture, info: capture, debug: capture, verbose: capture } as never);
});

describe.each(['cloud', 'classic'] as Flavour[])('%s: hostile answers', (flavour) => {
	let sandbox: Sandbox;
	let hostile: HostileServer;
	beforeAll(async () => {
		sandbox = await createSandbox({ flavour, seed: 20, token: TOKEN, users: [{ loginname: 'prop', password: PASSWORD, systemId: SYSTEM_ID, orgId: ORG_ID }] });
		hostile = await createHostileServer(sandbox.url);
	});
	afterAll(async () => {
		await hostile.close();
		await sandbox.close();
	});

	async function check(c: Case): Promise<void> {
		hostile.reset();
		logLines.length = 0;
		let served = 0;
		hostile.answer((request) => (request.url.includes('/v7/login') ? toAnswer(c.login, request, hostile) : toAnswer(c.answers[served++ % c.answers.length], request, hostile)));
		const store = new TestCredentialsHelper({
			baseUrl: hostile.url,
			timeZone: 'Asia/Shanghai',
			...(c.mode === 'token'
				? { accessToken: TOKEN, authHeaderName: 'X-Auth-Token', authHeaderPrefix: '' }
				: { authentication: 'password', username: 'prop', password: PASSWORD, systemId: SYSTEM_ID, orgId: ORG_ID }),
		} as unknown as ICredentialDataDecryptedObject);
		const started = Date.now();
		// A run that never ends fails here, with its case, rather than at jest's timeout.
		const { result, growthBytes } = await peakGrowth(() => withinCap(runTarget(c, store), c.target.kind === 'operation' ? OPERATION_CAP_MS : LOGIN_CAP_MS));
		const elapsed = Date.now() - started;
		const requests = hostile.requests.length;

		// No request leaves the configured origin.
		expect(hostile.other.requests).toEqual([]);
		// Within the requests it sent × Timeout + slack (the login's answers are never slow here).
		if (c.target.kind === 'operation') expect(elapsed).toBeLessThan(requests * TIMEOUT_MS + SLACK_MS);
		// Memory, whatever size the server offered.
		expect(growthBytes).toBeLessThan(MEMORY_BOUND);
		// No secret in any error, error item, Test connection message or log line. (What a server puts
		// into an answer the operation reads as data — a record, a list, a file — is its data.)
		expect(leaksIn({ said: whatTheNodeSaid(result), logLines }, [TOKEN, PASSWORD, ...store.tokens])).toEqual([]);
		// Every input gets its output, in order, paired: one error item with a kind, or its data (one
		// item; for a list, its rows). The trigger and Test connection end with items, nothing, or an error.
		if (c.target.kind === 'operation') {
			const run = result as RunResult;
			const inputs = c.target.items;
			const list = c.target.name.startsWith('Get Many');
			expect(run.error).toBeUndefined();
			const byInput = new Map<number, typeof run.items>();
			for (const item of run.items) {
				const input = (item.pairedItem as { item: number }).item;
				expect(input).toBeGreaterThanOrEqual(Math.max(0, ...byInput.keys()));
				byInput.set(input, [...(byInput.get(input) ?? []), item]);
				expect(item.json !== null && typeof item.json === 'object' && !Array.isArray(item.json)).toBe(true);
			}
			for (let input = 0; input < inputs; input++) {
				const outputs = byInput.get(input) ?? [];
				const errors = outputs.filter((item) => item.json.error !== undefined || item.json.errorKind !== undefined);
				if (errors.length) {
					expect(outputs).toHaveLength(1);
					expect(KINDS).toContain(errors[0].json.errorKind);
				} else if (!list) expect(outputs).toHaveLength(1);
			}
			expect([...byInput.keys()].every((input) => input < inputs)).toBe(true);
		} else if (result instanceof Error) {
			expect(result.name).not.toBe('TypeError');
			expect(result.message).not.toMatch(/Cannot read properties|is not a function|undefined/);
		}
	}

	/** Everything the node wrote itself: errors, error items, Test connection's verdict. */
	function whatTheNodeSaid(result: unknown): unknown {
		if (result instanceof Error || !result || typeof result !== 'object') return result;
		if ('status' in result && 'message' in result) return result;
		const run = result as Partial<RunResult>;
		if (!Array.isArray(run.items)) return undefined;
		return { error: run.error, errorItems: run.items.filter((item) => item.json.error !== undefined || item.json.errorKind !== undefined) };
	}

	async function runTarget(c: Case, store: TestCredentialsHelper): Promise<unknown> {
		if (c.target.kind === 'test') return await testCredential(store);
		if (c.target.kind === 'trigger') {
			const trigger = triggerHarness(store as never, { event: 'created', options: { maxAnswerSize: 1 } });
			try {
				return await trigger.poll();
			} catch (error) {
				return error;
			}
		}
		const operation = operationCases(spreadsheet).find((o) => o.name === (c.target as { name: string }).name) as OperationCase;
		return await runNode({
			credentials: store,
			parameters: { ...operation.parameters, options: { ...((operation.parameters.options as object) ?? {}), timeout: TIMEOUT_MS, maxAnswerSize: 1 } },
			items: operation.items(c.target.items),
			continueOnFail: true,
		});
	}

	// propertyTest with a longer jest timeout: a case is a whole n8n run, slow on a loaded machine.
	test(
		'every target, any answers: bounded in time and memory, one output per input, no secret, nothing to another origin',
		async () => {
			const parameters = propertyParameters<[Case]>(12, 400);
			await fc.assert(fc.asyncProperty(caseArb, check), parameters);
			reportCases(`hostile answers ${flavour}`, parameters.numRuns ?? 0, parameters.seed);
		},
		propertyTimeout(300_000),
	);
});
