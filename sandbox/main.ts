/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * CLI: `npm run sandbox -- [--flavour cloud|classic] [--port N] [--host H] [--token T]
 *       [--read-only-token T] [--user SPEC]… [--token-ttl-s N] [--token-header H] [--token-prefix P]
 *       [--db FILE] [--seed N] [--base-path /api] [--time-zone Asia/Shanghai] [--faults] [--stamp-lag-s N]
 *       [--no-date-header] [--print-json]`
 */
import { DEFAULT_FLAVOUR, parseFlavour } from './flavour';
import { DEFAULT_TOKEN_TTL_S } from './loginService';
import { createSandbox } from './server';
import type { SandboxOptions } from './types';
import { USER_SPEC_SYNTAX, parseUserSpec } from './userSpec';

interface CliOptions extends SandboxOptions {
	printJson: boolean;
}

const USAGE = `Usage: npm run sandbox -- [options]
  --flavour F           cloud or classic: which generation of iBiz server to imitate (default ${DEFAULT_FLAVOUR})
  --port N              port (default 0 = random free port)
  --host H              interface (default 127.0.0.1)
  --token T             static full-access token: never expires, needs no tenant headers (default: random)
  --read-only-token T   second static token with READ permission only
  --user SPEC           a user who may log in at <base-path>/v7/login (repeatable); SPEC is
                        ${USER_SPEC_SYNTAX}
                        e.g. --user 'alice:secret' --user 'bob|corp,system=S1,org=O1:pa:ss' --user 'bot,kind=api:key'
  --token-ttl-s N       lifetime of a login token in seconds (default ${DEFAULT_TOKEN_TTL_S}; cloud: rememberme 30 days, API users 24 h)
  --token-header H      header that carries the token (default Authorization)
  --token-prefix P      text before the token in that header (default Bearer; '' = the bare token)
  --list-total-x        cloud: also send x-totalx on lists
  --no-openapi          serve no OpenAPI description (GET <base-path>/v3/api-docs?group=auto answers 404)
  --entities A,B        serve only these entities besides the lead (default: res_partners,crm_stages,mail_activities,mail_messages,crm_teams)
  --no-arrays           an older server: no arrays on save/create (cloud), no /batch, /savebatch (classic)
  --db FILE             SQLite file (default: in memory)
  --seed N              insert N deterministic demo leads
  --base-path P         prefix before /crm_leads (e.g. /api)
  --time-zone Z         server time zone (default Asia/Shanghai)
  --faults              enable POST/DELETE /__sandbox/faults
  --latency-ms N        answer every API request N ms late (mimics a remote server)
  --stamp-lag-s N       stamp writes N seconds before the clock (a server whose changes become visible late)
  --no-date-header      send no HTTP Date header (a server or proxy that drops it)
  --print-json          print {"url","token"} as one JSON line instead of the banner`;

function parseArgs(argv: readonly string[]): CliOptions {
	const options: CliOptions = { printJson: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		const count = (): number => {
			const text = value();
			if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number (got '${text}')`);
			return Number(text);
		};
		switch (flag) {
			case '--flavour': options.flavour = parseFlavour(value()); break;
			case '--user': (options.users ??= []).push(parseUserSpec(value())); break;
			case '--token-ttl-s': options.tokenTtlS = count(); break;
			case '--token-header': options.tokenHeader = value(); break;
			case '--token-prefix': options.tokenPrefix = value(); break;
			case '--list-total-x': options.listTotalX = true; break;
			case '--no-arrays': options.acceptArrays = false; break;
			case '--no-openapi': options.openApi = false; break;
			case '--entities': options.entities = value().split(',').map((p) => p.trim()).filter((p) => p !== ''); break;
			case '--port': options.port = count(); break;
			case '--host': options.host = value(); break;
			case '--token': options.token = value(); break;
			case '--read-only-token': options.readOnlyToken = value(); break;
			case '--db': options.dbPath = value(); break;
			case '--seed': options.seed = count(); break;
			case '--base-path': options.basePath = value(); break;
			case '--time-zone': options.timeZone = value(); break;
			case '--faults': options.faults = true; break;
			case '--latency-ms': options.latencyMs = count(); break;
			case '--stamp-lag-s': options.stampLagS = count(); break;
			case '--no-date-header': options.dateHeader = false; break;
			case '--print-json': options.printJson = true; break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option '${flag}'\n${USAGE}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const { printJson, ...options } = parseArgs(process.argv.slice(2));
	const sandbox = await createSandbox(options);
	if (printJson) console.log(JSON.stringify({ url: sandbox.url, token: sandbox.token }));
	else {
		const users = (options.users ?? []).map((u) => (u.domain ? `${u.loginname}|${u.domain}` : u.loginname));
		console.log(`CRM Lead sandbox (${sandbox.flavour} flavour) listening on ${sandbox.url} (token: ${sandbox.token})`);
		if (users.length > 0) console.log(`  login: POST ${sandbox.url}/v7/login as ${users.join(', ')}`);
	}

	const stop = (signal: NodeJS.Signals) => {
		if (!printJson) console.log(`Received ${signal}, stopping the CRM Lead sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
