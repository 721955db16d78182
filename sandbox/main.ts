/**
 * CLI: `npm run sandbox -- [--port N] [--host H] [--token T] [--read-only-token T] [--db FILE]
 *       [--seed N] [--base-path /api] [--time-zone Asia/Shanghai] [--faults] [--print-json]`
 */
import { createSandbox } from './server';
import type { SandboxOptions } from './types';

interface CliOptions extends SandboxOptions {
	printJson: boolean;
}

const USAGE = `Usage: npm run sandbox -- [options]
  --port N              port (default 0 = random free port)
  --host H              interface (default 127.0.0.1)
  --token T             full-access bearer token (default: random)
  --read-only-token T   second token with READ permission only
  --db FILE             SQLite file (default: in memory)
  --seed N              insert N deterministic demo leads
  --base-path P         prefix before /crm_leads (e.g. /api)
  --time-zone Z         server time zone (default Asia/Shanghai)
  --faults              enable POST/DELETE /__sandbox/faults
  --latency-ms N        answer every API request N ms late (mimics a remote server)
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
	else console.log(`CRM Lead sandbox listening on ${sandbox.url} (token: ${sandbox.token})`);

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
