/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * A real npm registry on 127.0.0.1: Verdaccio (a devDependency), storage in a given folder, no
 * uplink (nothing is proxied: a package it does not hold answers 404), one user whose token
 * publishes. What n8n's community-node installer downloads from in the installer suite, and what
 * `npm run registry` starts for people.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from '../e2e/paths';
import { freePort, ManagedProcess, node24Env, sleep } from '../e2e/proc';

export interface LocalRegistry {
	/** e.g. http://127.0.0.1:4873/ — with the trailing slash npm writes in its config */
	url: string;
	port: number;
	/** Where Verdaccio keeps the published tarballs (survives stop/start on the same port). */
	storage: string;
	/** An npm user config that publishes to this registry with the publisher's token. */
	npmrc: string;
	process: ManagedProcess;
	stop(): Promise<void>;
}

export interface RegistryOptions {
	/** Work folder: config, storage, htpasswd, npmrc, log. Wiped unless `keep`. */
	dir: string;
	keep?: boolean;
	/** Default: a free port. Restarting on the same port and folder brings the same registry back. */
	port?: number;
	echo?: boolean;
}

const PUBLISHER = { name: 'crm-lead-publisher', password: 'crm-lead-publisher-pw', email: 'publisher@example.com' };

export async function startRegistry(options: RegistryOptions): Promise<LocalRegistry> {
	const dir = path.resolve(options.dir);
	if (!options.keep) rmSync(dir, { recursive: true, force: true });
	const storage = path.join(dir, 'storage');
	mkdirSync(storage, { recursive: true });
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}/`;
	const config = path.join(dir, 'config.yaml');
	writeFileSync(config, verdaccioConfig(storage, path.join(dir, 'htpasswd')));

	const proc = new ManagedProcess(
		'verdaccio',
		path.join(ROOT, 'node_modules', '.bin', 'verdaccio'),
		['--config', config, '--listen', `127.0.0.1:${port}`],
		{ env: node24Env(), logFile: path.join(dir, 'verdaccio.log'), echo: options.echo },
	);
	const stop = async () => await proc.stop(5_000);
	try {
		await waitForPing(url, proc);
		const npmrc = path.join(dir, 'npmrc');
		// Restarted on a kept folder: the publisher exists already and its token still verifies.
		if (!(options.keep && existsSync(npmrc))) {
			const token = await publisherToken(url);
			writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`, { mode: 0o600 });
		}
		return { url, port, storage, npmrc, process: proc, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Storage on disk, no uplinks, anyone reads, a logged-in user publishes (at most one user). */
function verdaccioConfig(storage: string, htpasswd: string): string {
	return [
		`storage: ${JSON.stringify(storage)}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(htpasswd)}`,
		'    max_users: 1',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		'server:',
		'  keepAliveTimeout: 60',
		'log: { type: stdout, format: pretty, level: warn }',
		'web: { enable: false }',
		'',
	].join('\n');
}

async function waitForPing(url: string, proc: ManagedProcess, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!proc.isRunning()) throw new Error(`Verdaccio exited before it was ready:\n${proc.tail(30)}`);
		try {
			if ((await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(1_000) })).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(200);
	}
	throw new Error(`Verdaccio did not answer ${url}-/ping within ${timeoutMs} ms:\n${proc.tail(30)}`);
}

/** Adds the publisher (or logs it in when the storage already knows it) and returns its token, as `npm adduser` does. */
async function publisherToken(url: string): Promise<string> {
	const response = await fetch(`${url}-/user/org.couchdb.user:${PUBLISHER.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ _id: `org.couchdb.user:${PUBLISHER.name}`, type: 'user', roles: [], ...PUBLISHER }),
	});
	const body = (await response.json()) as { token?: string };
	if (!response.ok || !body.token) throw new Error(`Verdaccio refused the publisher: ${response.status} ${JSON.stringify(body)}`);
	return body.token;
}
