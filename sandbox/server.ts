/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** createSandbox(): wires store, services and routes onto a node:http server. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN, type App } from './app';
import { Authenticator, type Principal } from './auth';
import { Clock } from './clock';
import { ApiError, internalError, noSuchEndpoint } from './apiErrors';
import { sendError } from './errorResponses';
import { DECORATING_FAULTS, DELAYING_FAULTS, FaultRegistry, TRANSPORT_FAULTS, applyDecoratingFault, applyTransportFault, type FaultMode } from './faults';
import { DEFAULT_FLAVOUR, parseFlavour } from './flavour';
import { Router, parseQuery, readAhead, rewriteJsonAnswer, splitRawPath, type RequestContext, type RequestLogEntry, type RouteMatch } from './http';
import { ECHO_FAULTS, sendEchoAnswer, withHostileKeys } from './hostileAnswers';
import { ImportJobs, UploadStore } from './jobs';
import { LeadService } from './leads';
import { conditionsFromFilter } from './listQuery';
import { DEFAULT_TOKEN_TTL_S } from './loginService';
import { MessageService } from './messages';
import { registerFaultRoutes } from './routes/admin';
import { registerInspectionRoutes } from './routes/inspect';
import { registerExportRoutes } from './routes/exports';
import { registerImportRoutes } from './routes/imports';
import { registerListRoutes } from './routes/list';
import { registerLoginRoutes } from './routes/login';
import { registerMessageRoutes } from './routes/messages';
import { registerRecordRoutes } from './routes/records';
import { createEntityServices, registerOpenApiRoute } from './entities/wiring';
import { registerEntityRoutes } from './entities/routes';
import { demoLeads } from './seed';
import { LeadStore } from './store';
import { tenantHeadersOf } from './tenant';
import { assertTimeZone } from './timestamps';
import { TokenIssuer } from './tokens';
import type { RequestHook, Sandbox, SandboxOptions } from './types';
import { UserDirectory } from './users';

export type { RequestHook } from './types';
export type { FaultMode, FaultSpec, Flavour, Sandbox, SandboxMessage, SandboxOptions, SandboxRequest, SandboxUser, TenantHeaders, UserKind } from './types';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const flavour = parseFlavour(opts.flavour ?? DEFAULT_FLAVOUR);
	const host = opts.host ?? '127.0.0.1';
	const token = opts.token ?? randomBytes(16).toString('hex');
	const basePath = normalizeBasePath(opts.basePath ?? '');
	const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
	assertTimeZone(timeZone);
	if (opts.readOnlyToken !== undefined && opts.readOnlyToken === token) throw new Error('readOnlyToken must differ from token');
	const tokenTtlS = opts.tokenTtlS ?? DEFAULT_TOKEN_TTL_S;
	if (!Number.isInteger(tokenTtlS) || tokenTtlS < 1) throw new Error(`tokenTtlS must be a whole number of seconds >= 1 (got ${tokenTtlS})`);

	const clock = new Clock(timeZone, opts.now);
	clock.setStampLag(opts.stampLagS ?? 0);
	const store = new LeadStore(opts.dbPath ?? ':memory:');
	const leads = new LeadService(store, clock, flavour === 'cloud');
	const app: App = {
		flavour,
		listTotalX: opts.listTotalX ?? false,
		acceptArrays: opts.acceptArrays ?? true,
		store,
		leads,
		clock,
		messages: new MessageService(store, leads, clock),
		faults: new FaultRegistry(),
		uploads: new UploadStore(),
		jobs: new ImportJobs(leads, store),
	};
	if (opts.seed) leads.insertFixtures(demoLeads(opts.seed), true);
	const entities = createEntityServices(opts.dbPath ?? ':memory:', clock, flavour === 'cloud', opts.entities);

	const users = new UserDirectory(opts.users);
	const tokens = new TokenIssuer();
	const router = new Router();
	registerLoginRoutes(router, { flavour, users, tokens, tokenTtlS });
	registerRecordRoutes(router, app);
	registerMessageRoutes(router, app);
	registerListRoutes(router, app);
	registerImportRoutes(router, app);
	registerExportRoutes(router, app);
	registerEntityRoutes(router, app, entities);
	if (opts.openApi !== false) registerOpenApiRoute(router, () => publicUrl, entities.services);
	if (opts.faults) registerFaultRoutes(router, app);
	const requests: RequestLogEntry[] = [];
	registerInspectionRoutes(router, { requests, expireTokens: () => tokens.expireAll() });

	const auth = new Authenticator({ token, readOnlyToken: opts.readOnlyToken, header: opts.tokenHeader ?? 'Authorization', prefix: opts.tokenPrefix ?? 'Bearer', tokens, users });
	const dispatch: Dispatch = { router, app, auth, basePath, requests, latencyMs: opts.latencyMs ?? 0, logBodies: opts.logBodies ?? false, dateHeader: opts.dateHeader ?? true };
	const handle = (req: IncomingMessage, res: ServerResponse) => handleRequest(req, res, dispatch);
	const server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const publicUrl = `http://${urlHost(host)}:${port}${basePath}`;

	let closing: Promise<void> | undefined;
	return {
		url: publicUrl,
		port,
		token,
		flavour,
		requests,
		close() {
			closing ??= new Promise<void>((resolve) => {
				app.jobs.stop();
				server.close(() => {
					store.close();
					entities.close();
					resolve();
				});
				server.closeAllConnections(); // includes sockets held by the `hang` fault
			});
			return closing;
		},
		expireTokens: () => tokens.expireAll(),
		deletedKeys: () => store.deletedKeys(),
		getLead: (id) => store.get(id),
		getRecord: (path, id) => entities.services.get(path)?.store.get(id),
		listRecords: (path) => entities.services.get(path)?.list({ conditions: [], rules: [], sort: [], offset: 0 }).rows ?? [],
		updateRecord: (path, id, patch) => void entities.services.get(path)?.update(id, patch),
		insertRecords: (path, rows) => {
			const service = entities.services.get(path);
			if (!service) throw new Error(`The sandbox serves no entity at /${path}`);
			service.insertFixtures(rows);
		},
		countLeads: (filter) => store.count(conditionsFromFilter(filter ?? {})),
		listMessages: (leadId) => store.messages(leadId),
		insertLeads: (rows) => void leads.insertFixtures(rows),
		updateLead: (id, patch) => void leads.update(id, patch),
		deleteLead: (id) => leads.delete(id),
		setNow: (date) => clock.pin(date),
		setStampLag: (seconds) => clock.setStampLag(seconds),
		onListPage: (hook) => {
			app.beforeListPage = hook ?? undefined;
		},
		resetRequests: () => void requests.splice(0, requests.length),
		injectFault: (fault) => app.faults.add(fault),
		clearFaults: () => app.faults.clear(),
		onRequest: (hook) => {
			dispatch.beforeHandling = hook;
		},
	};
}

interface Dispatch {
	router: Router;
	app: App;
	auth: Authenticator;
	basePath: string;
	requests: RequestLogEntry[];
	latencyMs: number;
	logBodies: boolean;
	/** Whether answers carry a Date header (a server without one: Node's own is switched off too). */
	dateHeader: boolean;
	beforeHandling?: RequestHook;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, d: Dispatch): Promise<void> {
	const rawUrl = req.url ?? '/';
	const queryAt = rawUrl.indexOf('?');
	const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
	const entry: RequestLogEntry = {
		method: req.method ?? 'GET',
		path: rawPath,
		rawUrl,
		query: parseQuery(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1)),
		status: 0,
		tenant: tenantHeadersOf(req.headers),
	};
	const relativePath = stripBasePath(rawPath, d.basePath);
	const isAdmin = relativePath?.startsWith(`${ADMIN}/`) ?? false;
	if (!isAdmin) d.requests.push(entry);
	// The Date header comes from the server's clock, as on a real server (pinned in tests).
	if (d.dateHeader) res.setHeader('Date', d.app.clock.now().toUTCString());
	else res.sendDate = false;
	// A remote server's round trip, for measurements that should look like production, not loopback.
	if (d.latencyMs > 0 && !isAdmin) await new Promise((resolve) => setTimeout(resolve, d.latencyMs));
	const takeFault = (modes: readonly FaultMode[]) => (isAdmin ? undefined : d.app.faults.take(modes, rawPath));
	// The test-only admin endpoints are no part of the imitation: their errors are always problem JSON.
	const fail = (error: ApiError) => sendError(res, error, isAdmin ? 'classic' : d.app.flavour, rawPath);

	try {
		if (relativePath === undefined) throw noSuchEndpoint(rawPath);
		const match = d.router.match(entry.method, splitRawPath(relativePath));
		const isPublic = match.kind === 'found' && match.route.access === 'PUBLIC';
		// Before any fault answers: a busy answer's request is logged with what it carried.
		if (d.logBodies && !isAdmin && !isPublic && /json/.test(req.headers['content-type'] ?? '')) entry.body = (await readAhead(req)).toString('utf8');
		const delay = takeFault(DELAYING_FAULTS);
		if (delay) await new Promise((resolve) => setTimeout(resolve, delay.delayMs ?? 100));
		// Before authentication too: an expiry the hook causes already applies to this request.
		if (!isAdmin) d.beforeHandling?.(entry);
		const principal = isPublic ? undefined : identify(req, d, entry, isAdmin);
		const decoration = takeFault(DECORATING_FAULTS);
		if (decoration) applyDecoratingFault(res, decoration);
		if (takeFault(['hostile-keys'])) rewriteJsonAnswer(res, withHostileKeys);
		const echoFault = takeFault(ECHO_FAULTS);
		const transportFault = echoFault ? undefined : takeFault(TRANSPORT_FAULTS);
		if (echoFault) {
			await sendEchoAnswer(req, res, echoFault, d.app.flavour, rawPath);
		} else if (transportFault) {
			applyTransportFault(res, transportFault, fail);
		} else {
			const found = routeOrThrow(match, entry.method, rawPath);
			if (principal && found.route.access !== 'PUBLIC') d.auth.authorize(principal, found.route.access, found.params.key);
			const ctx: RequestContext = {
				req,
				res,
				query: entry.query,
				params: found.params,
				takeFault,
				setPrincipal: (name) => {
					entry.principal = name;
				},
			};
			await found.route.handler(ctx);
		}
	} catch (error) {
		respondWithError(res, error, fail);
	}
	entry.status = res.headersSent ? res.statusCode : 0;
}

/** Authentication, then (cloud, API calls only) the tenant rule. */
function identify(req: IncomingMessage, d: Dispatch, entry: RequestLogEntry, isAdmin: boolean): Principal {
	const principal = d.auth.authenticate(req.headers);
	entry.principal = principal.name;
	if (d.app.flavour === 'cloud' && !isAdmin) d.auth.checkTenant(principal, req.headers);
	return principal;
}

function routeOrThrow(match: RouteMatch, method: string, rawPath: string): Extract<RouteMatch, { kind: 'found' }> {
	if (match.kind === 'found') return match;
	if (match.kind === 'not-found') throw noSuchEndpoint(rawPath);
	throw new ApiError(405, 'method_not_allowed', `${method} is not supported on '${rawPath}' (allowed: ${match.allowed.join(', ')})`, '不支持的请求方法', {
		headers: { Allow: match.allowed.join(', ') },
		framework: true,
	});
}

function respondWithError(res: ServerResponse, error: unknown, fail: (error: ApiError) => void): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	if (error instanceof ApiError) {
		fail(error);
		return;
	}
	console.error('[crm-lead sandbox] unexpected error:', error);
	fail(internalError(`Unexpected server error: ${(error as Error)?.message ?? String(error)}`));
}

/** The path relative to basePath; admin paths are also served from the root. undefined = outside. */
function stripBasePath(rawPath: string, basePath: string): string | undefined {
	if (basePath === '') return rawPath;
	if (rawPath === basePath || rawPath.startsWith(`${basePath}/`)) return rawPath.slice(basePath.length) || '/';
	if (rawPath.startsWith(`${ADMIN}/`)) return rawPath;
	return undefined;
}

function normalizeBasePath(basePath: string): string {
	const trimmed = basePath.trim().replace(/\/+$/, '');
	if (trimmed === '') return '';
	return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function urlHost(host: string): string {
	if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
	return host.includes(':') ? `[${host}]` : host;
}
