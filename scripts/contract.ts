/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run contract -- --base-url URL --token T [--read-only-token T2] [--json]`
 * `npm run contract -- --base-url URL --user U --password P [--system-id S --org-id O] [--domain D] [--login-path /v7/login]`
 *
 * Checks a CRM Lead server against docs/api/CONTRACT.md: exercises every endpoint with its own
 * test records (ids and names start with `contract-check-<random>`; deleted at the end, even on
 * failure or Ctrl-C) and prints per behaviour MATCH, DIFFERS (tolerated or not) or SKIPPED.
 * Exit code: 0 nothing differs, 1 something differs or a test record was left behind,
 * 2 the check could not run (bad options, server unreachable, token refused), 130 interrupted.
 */
import {
	ContractCheckError,
	DEFAULT_LOGIN_PATH,
	DEFAULT_MAX_DURATION_MS,
	DEFAULT_TEMPLATE,
	DEFAULT_TIMEOUT_MS,
	exitCodeOf,
	formatText,
	redact,
	runContractCheck,
	type ContractCheckOptions,
} from './contract/index';

const USAGE = `Usage: npm run contract -- --base-url URL (--token TOKEN | --user NAME --password PW) [options]
  --base-url URL          the prefix /crm_leads lives under, e.g. https://crm.example.com/api
  --token TOKEN           token with CREATE, READ, UPDATE, DELETE (or env CRM_LEAD_TOKEN)
  --user NAME             log in as this user and use the login's token instead of --token
  --password PW           the user's password (or env CRM_LEAD_PASSWORD, which keeps it off the command line)
  --domain D              the login's domain (the server logs in NAME|D)
  --login-path P          where the login lives, below --base-url or an absolute URL (default ${DEFAULT_LOGIN_PATH})
  --system-id S           srfsystemid header, sent with every request (cloud servers want it from ordinary users)
  --org-id O              srforgid header, sent with every request
  --token-header H        header that carries the token (default Authorization)
  --token-prefix P        text before the token in that header (default Bearer; '' = the bare token)
  --read-only-token T     a READ-only token, to check that writes get 403 (or env CRM_LEAD_READ_ONLY_TOKEN)
  --json                  print a machine-readable report instead of text
  --template REF          template for message_post_with_source (default ${DEFAULT_TEMPLATE})
  --timeout SECONDS       timeout of each request (default ${DEFAULT_TIMEOUT_MS / 1000})
  --max-duration SECONDS  time budget of all checks; the cleanup runs after it (default ${DEFAULT_MAX_DURATION_MS / 1000})
  --allow-tolerated       exit 0 when every difference is one the node tolerates

The check creates its own test records (ids and names start with contract-check-<random>),
never touches other records, and deletes its records at the end, even when a check fails.
Both generations of iBiz server pass: where cloud answers differently from the contract
(HTTP 500 {type, code, message} errors, 401 without a body, check_key 2 after a delete) the
report says which generation it recognised. Neither a token nor a password is ever printed.
Exit code: 0 all match, 1 something differs (or a test record could not be deleted),
2 the check could not run, 130 interrupted.`;

interface Cli extends ContractCheckOptions {
	json: boolean;
	allowTolerated: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Cli | 'help' {
	const cli: Partial<Cli> & { json: boolean; allowTolerated: boolean } = { json: false, allowTolerated: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const eq = arg.indexOf('=');
		const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
		const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
		const value = (allowEmpty = false): string => {
			const next = inline ?? argv[++i];
			if (next === undefined || (next === '' && !allowEmpty)) throw new UsageError(`${flag} needs a value`);
			return next;
		};
		const seconds = (): number => {
			const text = value();
			const n = Number(text);
			if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a number of seconds (got ${JSON.stringify(text)})`);
			return Math.round(n * 1000);
		};
		switch (flag) {
			case '--base-url': cli.baseUrl = value(); break;
			case '--token': cli.token = value(); break;
			case '--read-only-token': cli.readOnlyToken = value(); break;
			case '--user': cli.user = value(); break;
			case '--password': cli.password = value(); break;
			case '--domain': cli.domain = value(); break;
			case '--login-path': cli.loginPath = value(); break;
			case '--system-id': cli.systemId = value(); break;
			case '--org-id': cli.orgId = value(); break;
			case '--token-header': cli.tokenHeader = value(); break;
			case '--token-prefix': cli.tokenPrefix = value(true); break;
			case '--template': cli.template = value(); break;
			case '--timeout': cli.timeoutMs = seconds(); break;
			case '--max-duration': cli.maxDurationMs = seconds(); break;
			case '--json': cli.json = true; break;
			case '--allow-tolerated': cli.allowTolerated = true; break;
			case '--help':
			case '-h':
				return 'help';
			default:
				// Never echo the argument itself: it might be a token given without its flag.
				throw new UsageError(`unknown argument #${i + 1}${arg.startsWith('--') ? ` (${flag})` : ''}`);
		}
	}
	cli.token ??= process.env.CRM_LEAD_TOKEN;
	cli.readOnlyToken ??= process.env.CRM_LEAD_READ_ONLY_TOKEN || undefined;
	if (cli.user) cli.password ??= process.env.CRM_LEAD_PASSWORD || undefined;
	if (!cli.baseUrl) throw new UsageError('--base-url is required');
	if (cli.user && !cli.password) throw new UsageError('--user needs --password (or the environment variable CRM_LEAD_PASSWORD)');
	if (cli.password && !cli.user) throw new UsageError('--password needs --user');
	if (!cli.token && !cli.user) throw new UsageError('--token (or the environment variable CRM_LEAD_TOKEN) or --user with --password is required');
	return cli as Cli;
}

async function main(): Promise<number> {
	let cli: Cli | 'help';
	try {
		cli = parseArgs(process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`contract check: ${error.message}\n\n${USAGE}`);
		return 2;
	}
	if (cli === 'help') {
		console.log(USAGE);
		return 0;
	}

	// First Ctrl-C: skip the remaining checks but still delete the test records. Second: quit.
	const interrupt = new AbortController();
	const onSignal = () => {
		if (interrupt.signal.aborted) process.exit(130);
		console.error('contract check: interrupted, deleting the test records (Ctrl-C again to quit at once)');
		interrupt.abort();
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		const report = await runContractCheck({ ...cli, signal: interrupt.signal });
		console.log(cli.json ? JSON.stringify(report, null, 2) : formatText(report));
		return interrupt.signal.aborted ? 130 : exitCodeOf(report, cli.allowTolerated);
	} catch (error) {
		// One line, no stack (a stack could carry request details), never a token.
		const message = redact(error instanceof Error ? error.message : String(error), [cli.token, cli.readOnlyToken, cli.password]);
		console.error(error instanceof ContractCheckError ? `contract check: ${message}` : `contract check failed: ${message}`);
		return 2;
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	() => {
		console.error('contract check failed unexpectedly');
		process.exitCode = 2;
	},
);
