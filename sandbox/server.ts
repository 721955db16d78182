/** createSandbox(): wires store, services and routes onto a node:http server. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN, type App } from './app';
import { TokenAuth } from './auth';
import { Clock } from './clock';
import { ApiError, internalError, resourceNotFound } from './errors';
import { FaultRegistry, TRANSPORT_FAULTS, applyTransportFault } from './faults';
import { Router, parseQuery, sendProblem, splitRawPath, type RequestContext, type RequestLogEntry } from './http';
import { ImportJobs, UploadStore } from './jobs';
import { LeadService } from './leads';
import { conditionsFromFilter } from './listQuery';
import { MessageService } from './messages';
import { registerFaultRoutes } from './routes/admin';
import { registerExportRoutes } from './routes/exports';
import { registerImportRoutes } from './routes/imports';
import { registerListRoutes } from './routes/list';
import { registerMessageRoutes } from './routes/messages';
import { registerRecordRoutes } from './routes/records';
import { demoLeads } from './seed';
import { LeadStore } from './store';
import { assertTimeZone } from './timestamps';
import type { Sandbox, SandboxOptions } from './types';

export type { FaultMode, FaultSpec, Sandbox, SandboxMessage, SandboxOptions, SandboxRequest } from './types';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const host = opts.host ?? '127.0.0.1';
	const token = opts.token ?? randomBytes(16).toString('hex');
	const basePath = normalizeBasePath(opts.basePath ?? '');
	const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
	assertTimeZone(timeZone);
	if (opts.readOnlyToken !== undefined && opts.readOnlyToken === token) throw new Error('readOnlyToken must differ from token');

	const clock = new Clock(timeZone, opts.now);
	const store = new LeadStore(opts.dbPath ?? ':memory:');
	const leads = new LeadService(store, clock);
	const app: App = {
		store,
		leads,
		clock,
		messages: new MessageService(store, leads, clock),
		faults: new FaultRegistry(),
		uploads: new UploadStore(),
		jobs: new ImportJobs(leads, store),
	};
	if (opts.seed) leads.insertFixtures(demoLeads(opts.seed), true);

	const router = new Router();
	registerRecordRoutes(router, app);
	registerMessageRoutes(router, app);
	registerListRoutes(router, app);
	registerImportRoutes(router, app);
	registerExportRoutes(router, app);
	if (opts.faults) registerFaultRoutes(router, app);

	const auth = new TokenAuth(token, opts.readOnlyToken);
	const requests: RequestLogEntry[] = [];
	const handle = (req: IncomingMessage, res: ServerResponse) => handleRequest(req, res, { router, app, auth, basePath, requests, latencyMs: opts.latencyMs ?? 0 });
	const server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;

	let closing: Promise<void> | undefined;
	return {
		url: `http://${urlHost(host)}:${port}${basePath}`,
		port,
		token,
		requests,
		close() {
			closing ??= new Promise<void>((resolve) => {
				app.jobs.stop();
				server.close(() => {
					store.close();
					resolve();
				});
				server.closeAllConnections(); // includes sockets held by the `hang` fault
			});
			return closing;
		},
		getLead: (id) => store.get(id),
		countLeads: (filter) => store.count(conditionsFromFilter(filter ?? {})),
		listMessages: (leadId) => store.messages(leadId),
		insertLeads: (rows) => void leads.insertFixtures(rows),
		setNow: (date) => clock.pin(date),
		resetRequests: () => void requests.splice(0, requests.length),
		injectFault: (fault) => app.faults.add(fault),
		clearFaults: () => app.faults.clear(),
	};
}

interface Dispatch {
	router: Router;
	app: App;
	auth: TokenAuth;
	basePath: string;
	requests: RequestLogEntry[];
	latencyMs: number;
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
	};
	const relativePath = stripBasePath(rawPath, d.basePath);
	const isAdmin = relativePath?.startsWith(`${ADMIN}/`) ?? false;
	if (!isAdmin) d.requests.push(entry);
	// A remote server's round trip, for measurements that should look like production, not loopback.
	if (d.latencyMs > 0 && !isAdmin) await new Promise((resolve) => setTimeout(resolve, d.latencyMs));

	try {
		if (relativePath === undefined) throw resourceNotFound(`No endpoint at '${rawPath}'`);
		const permissions = d.auth.authenticate(req.headers.authorization);
		const transportFault = isAdmin ? undefined : d.app.faults.take(TRANSPORT_FAULTS, rawPath);
		if (transportFault) {
			applyTransportFault(res, transportFault);
		} else {
			const segments = splitRawPath(relativePath);
			const match = d.router.match(entry.method, segments);
			if (match.kind === 'not-found') throw resourceNotFound(`No endpoint at '${rawPath}'`);
			if (match.kind === 'method-not-allowed') {
				throw new ApiError(405, 'method_not_allowed', `${entry.method} is not supported on '${rawPath}' (allowed: ${match.allowed.join(', ')})`, '不支持的请求方法', {
					Allow: match.allowed.join(', '),
				});
			}
			d.auth.authorize(permissions, match.route.permission);
			const ctx: RequestContext = {
				req,
				res,
				query: entry.query,
				params: match.params,
				takeFault: (modes) => (isAdmin ? undefined : d.app.faults.take(modes, rawPath)),
			};
			await match.route.handler(ctx);
		}
	} catch (error) {
		respondWithError(res, error);
	}
	entry.status = res.headersSent ? res.statusCode : 0;
}

function respondWithError(res: ServerResponse, error: unknown): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	if (error instanceof ApiError) {
		sendProblem(res, error);
		return;
	}
	console.error('[crm-lead sandbox] unexpected error:', error);
	sendProblem(res, internalError(`Unexpected server error: ${(error as Error)?.message ?? String(error)}`));
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
