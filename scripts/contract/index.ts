/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The contract check as a library: `runContractCheck({ baseUrl, token, readOnlyToken })` — or
 * `{ baseUrl, user, password, systemId, orgId }` to log in first — runs every check against the
 * server and returns the report; it always deletes its test records. The CLI is scripts/contract.ts.
 */
import { randomBytes } from 'node:crypto';
import { normalizeBaseUrl as nodeNormalizeBaseUrl, UrlBuildError } from '../../credentials/common/baseUrl';
import { BEHAVIOURS } from './catalogue';
import { checkAuth } from './checks/auth';
import { ContractCheckError } from './checkError';
import { checkLogin } from './checks/login';
import { fetchDefault } from './checks/common';
import { checkErrors } from './checks/errors';
import { checkExports } from './checks/exports';
import { checkEntities, type EntityCheckResult } from './entities';
import { checkImports } from './checks/files';
import { checkLists } from './checks/lists';
import { checkMessages } from './checks/messages';
import { checkReadOnly } from './checks/readOnly';
import { checkArrays } from './checks/arrays';
import { checkCreate, checkDelete, checkDraft, checkGet, checkKeys, checkSave, checkUpdate } from './checks/records';
import { checkValues } from './checks/values';
import { cleanUp } from './cleanup';
import { RunContext, failureOutcome, type RunMode, type Session } from './context';
import { describe, is2xx, isObject, match } from './expect';
import { ApiClient, RequestFailed, RunStopped, type TenantHeaders } from './http';
import { logIn, loginUrl, type LoginSettings } from './credentialLogin';
import { redact, summarize } from './report';
import { operationVerdicts, recogniseGeneration } from './verdict';
import type { BehaviourResult, CleanupReport, ContractCheckOptions, ContractReport } from './types';

export { BEHAVIOURS } from './catalogue';
export { ContractCheckError } from './checkError';
export { DEFAULT_LOGIN_PATH } from './credentialLogin';
export { TOLERATED_DIFFERENCES } from './tolerated';
export { exitCodeOf, formatText, redact, summaryLine, verdictLine } from './report';
export { NODE_OPERATIONS, OPERATION_USES } from './operations';
export type { BehaviourResult, ContractCheckOptions, ContractReport, OperationVerdict } from './types';

export const DEFAULT_TEMPLATE = 'crm.lead_welcome';
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_DURATION_MS = 300_000;

/** The base URL as the credential takes it (the node's own normalizeBaseUrl), without a trailing slash. */
export function normalizeBaseUrl(raw: string): string {
	try {
		return nodeNormalizeBaseUrl(raw);
	} catch (error) {
		if (!(error instanceof UrlBuildError)) throw error;
		const message = error.message.replace(/^The credential's Base URL( "[^"]*")?/, 'it').replace(/put the token in Access Token$/, 'give the token with --token');
		throw new ContractCheckError(`--base-url ${JSON.stringify(raw)} is not usable: ${message} (pass the prefix /crm_leads lives under, e.g. https://crm.example.com/api)`);
	}
}

type Step = (ctx: RunContext) => Promise<void>;

/** In report order; each step records its behaviours, and deleting the main record comes last. */
const STEPS: readonly Step[] = [
	checkLogin,
	checkAuth,
	checkCreate,
	checkGet,
	checkValues,
	checkUpdate,
	checkSave,
	checkArrays,
	checkDraft,
	checkKeys,
	checkErrors,
	checkLists,
	checkMessages,
	checkImports,
	checkExports,
	checkReadOnly,
	checkDelete,
];

export async function runContractCheck(options: ContractCheckOptions): Promise<ContractReport> {
	const baseUrl = normalizeBaseUrl(options.baseUrl);
	const credentials = credentialsOf(options, baseUrl);
	const secrets: Array<string | undefined> = [credentials.token, credentials.readOnlyToken, credentials.login?.password];
	const started = Date.now();
	const tenant: TenantHeaders = { srfsystemid: options.systemId || undefined, srforgid: options.orgId || undefined };
	const unauthenticated = new ApiClient({
		baseUrl,
		token: credentials.token ?? '',
		tokenHeader: options.tokenHeader,
		tokenPrefix: options.tokenPrefix,
		tenant,
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		deadline: started + (options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS),
		signal: options.signal,
	});
	const session: Session = { tenantGiven: Boolean(tenant.srfsystemid || tenant.srforgid) };
	if (credentials.login) {
		const result = await logIn(unauthenticated, credentials.login);
		secrets.push(result.token);
		session.login = { settings: credentials.login, result };
	}
	const api = session.login ? unauthenticated.withToken(session.login.result.token) : unauthenticated;
	const runTag = randomBytes(4).toString('hex');
	const readOnly = options.readOnly === true;
	let reservedKeys: string | undefined;
	const mode: RunMode = {
		readOnly,
		beforeFirstWrite: (run) => {
			reservedKeys = reservedKeysNotice(run);
			if (reservedKeys) options.onNotice?.(reservedKeys);
		},
	};
	const ctx = new RunContext(api, `contract-check-${runTag}`, runTag, credentials.readOnlyToken, options.template ?? DEFAULT_TEMPLATE, session, mode);

	const someLead = await preflight(ctx, baseUrl, secrets);
	// Read-only: the read checks use a lead the server already holds instead of a test record.
	if (readOnly && someLead) ctx.fixtures.a = someLead;

	let stepError: string | undefined;
	let cleanup: CleanupReport;
	let entities: EntityCheckResult = { operations: [], leftBehind: [] };
	try {
		for (const step of STEPS) {
			try {
				await step(ctx);
			} catch (error) {
				// Checks catch their own failures; this is a failure between them. Go on with the next step.
				const outcome = failureOutcome(error);
				stepError ??= outcome.status === 'skipped' ? outcome.reason : outcome.status === 'differ' ? outcome.seen : undefined;
			}
		}
		// The entities around the lead: a verdict per entity and operation (entities.ts).
		entities = await checkEntities(ctx);
	} finally {
		cleanup = readOnly ? { tracked: 0, deleted: [], notFound: [], leftBehind: [] } : await cleanUp(ctx, api.withoutDeadline());
	}
	for (const b of BEHAVIOURS) {
		if (!ctx.has(b.id)) ctx.record(b.id, { status: 'skipped', reason: stepError ? `not reached: ${stepError}` : 'not reached' });
	}

	const order = new Map(BEHAVIOURS.map((b, i) => [b.id, i]));
	const results: BehaviourResult[] = ctx.allResults().sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
	const report: ContractReport = {
		baseUrl,
		runId: ctx.runId,
		startedAt: new Date(started).toISOString(),
		durationMs: Date.now() - started,
		results,
		summary: summarize(results),
		cleanup: { ...cleanup, leftBehind: [...cleanup.leftBehind, ...entities.leftBehind] },
		readOnly,
		...(reservedKeys ? { reservedKeys } : {}),
		generation: recogniseGeneration(ctx.evidence),
		operations: [...operationVerdicts(results, readOnly), ...entities.operations],
	};
	return redact(report, secrets);
}

interface Credentials {
	/** The token to use (absent when logging in). */
	token?: string;
	readOnlyToken?: string;
	login?: LoginSettings;
}

/** A login (--user with --password) wins over --token; one of the two is needed. */
function credentialsOf(options: ContractCheckOptions, baseUrl: string): Credentials {
	const bare = (raw: string | undefined) => withoutPrefix(raw?.trim() ?? '', (options.tokenPrefix ?? 'Bearer').trim()) || undefined;
	const readOnlyToken = bare(options.readOnlyToken);
	if (Boolean(options.user) !== Boolean(options.password)) throw new ContractCheckError('--user and --password go together');
	if (options.user && options.password) {
		const url = loginUrl(baseUrl, options.loginPath);
		return { readOnlyToken, login: { user: options.user, password: options.password, domain: options.domain || undefined, url } };
	}
	const token = bare(options.token);
	if (!token) throw new ContractCheckError('a token (--token) or a login (--user and --password) is required');
	if (readOnlyToken === token) throw new ContractCheckError('--read-only-token is the same as --token; give a token that holds READ only');
	return { token, readOnlyToken };
}

/** A token pasted with its prefix ("Bearer eyJ…") loses the prefix. */
function withoutPrefix(token: string, prefix: string): string {
	const rest = token.slice(prefix.length);
	return prefix && token.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() && /^\s/.test(rest) ? rest.trim() : token;
}

/**
 * Said before the first write when the server may keep deleted keys (cloud's logical delete):
 * the test records' keys stay reserved there after the cleanup deletes them.
 */
function reservedKeysNotice(ctx: RunContext): string | undefined {
	if (ctx.generation === 'classic') return undefined;
	const why = ctx.generation === 'cloud' ? 'This server looks like the iBiz cloud generation, which keeps deleted keys' : 'This server may keep deleted keys (the iBiz cloud generation does)';
	return `${why}: the keys of the test records it writes (all start with ${ctx.runId}-) and any ids the server generates for test records sent without one stay reserved after the check deletes the records, and can never be used for a new lead. Pass --read-only to write nothing.`;
}

/**
 * One harmless list request: stops the run early (nothing written yet) when the server or the
 * token is unusable, saying what to pass instead. Returns the id of a lead the server holds, if any.
 */
async function preflight(ctx: RunContext, baseUrl: string, secrets: Array<string | undefined>): Promise<string | undefined> {
	let res;
	const listUrl = ctx.api.url(['crm_leads', 'fetch_default']);
	try {
		res = await fetchDefault(ctx, { page: 0, size: 1 });
	} catch (error) {
		if (error instanceof RunStopped) throw new ContractCheckError(error.reason);
		const why = error instanceof RequestFailed ? error.message : 'the request failed';
		throw new ContractCheckError(`cannot reach ${baseUrl}: ${why}; check --base-url and that this machine can reach the server`);
	}
	const said = redact(describe(res), secrets);
	const loggedIn = ctx.session.login !== undefined;
	if (res.status === 401) throw new ContractCheckError(loggedIn ? `the server refused the login's token (${said}); is --token-header / --token-prefix right?` : `the server refused the token (${said}); check --token`);
	if (res.status === 403 && loggedIn && res.body.length === 0 && !ctx.session.tenantGiven) {
		throw new ContractCheckError(`the server refused the request (${said}): a cloud server wants --system-id and --org-id from an ordinary user`);
	}
	if (res.status === 403) throw new ContractCheckError(`the ${loggedIn ? 'user' : 'token'} may not read leads (${said}); the check needs CREATE, READ, UPDATE and DELETE${loggedIn ? ' (and the right --system-id / --org-id)' : ''}`);
	if (res.status >= 300 && res.status < 400) {
		const location = res.headers.location;
		throw new ContractCheckError(`the server redirects (HTTP ${res.status}${location ? ` to ${redact(location, secrets)}` : ''}); give the final URL as --base-url (the check never follows redirects, so the token stays on this host)`);
	}
	if (res.status === 404) {
		throw new ContractCheckError(`${listUrl} does not exist (${said}); --base-url is the prefix /crm_leads lives under, e.g. https://crm.example.com/api`);
	}
	if (/^\s*</.test(res.text) || /html/i.test(res.headers['content-type'] ?? '')) {
		throw new ContractCheckError(`${listUrl} answered an HTML page (HTTP ${res.status}), not the API's JSON: --base-url is the API prefix before /crm_leads (find it in the browser's network tab), not the web app's address`);
	}
	if (!is2xx(res) || !Array.isArray(res.json)) {
		throw new ContractCheckError(`${listUrl} answered ${said}${is2xx(res) ? ', not a JSON array of leads' : ''}; check --base-url (the prefix /crm_leads lives under)`);
	}
	ctx.record('auth.token-accepted', match());
	const first: unknown = res.json[0];
	return isObject(first) && typeof first.id === 'string' && first.id !== '' ? first.id : undefined;
}
