/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `npm run contract -- --base-url URL --token T [--read-only-token T2] [--json] [--read-only]`
 * `npm run contract -- --base-url URL --user U --password P [--system-id S --org-id O] [--domain D] [--login-path /v7/login]`
 *
 * Will the CRM Lead node work with this server? Exercises every endpoint with its own test
 * records (ids and names start with `contract-check-<random>`; deleted at the end, even on
 * failure or Ctrl-C), then says which generation of iBiz server it recognised and gives a verdict
 * per node operation. Exit codes: see USAGE.
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
  --base-url URL          the prefix /crm_leads lives under, e.g. https://crm.example.com/api (the credential's Base URL)
  --token TOKEN           token with CREATE, READ, UPDATE, DELETE (or env CRM_LEAD_TOKEN)
  --user NAME             log in as this user and use the login's token instead of --token
  --password PW           the user's password (or env CRM_LEAD_PASSWORD, which keeps it off the command line)
  --domain D              the login's domain (the server logs in NAME|D)
  --login-path P          where the login is, below --base-url, as in the credential's Login Path (default ${DEFAULT_LOGIN_PATH}); a path, not a URL
  --system-id S           srfsystemid header, sent with every request (cloud servers want it from ordinary users)
  --org-id O              srforgid header, sent with every request
  --token-header H        header that carries the token (default Authorization)
  --token-prefix P        text before the token in that header (default Bearer; '' = the bare token)
  --read-only-token T     a READ-only token, to check that writes get 403 (or env CRM_LEAD_READ_ONLY_TOKEN)
  --read-only             write nothing: only the checks that read run; the others are "not checked"
  --json                  print one JSON document on stdout (also when the check cannot run)
  --template REF          template for message_post_with_source (default ${DEFAULT_TEMPLATE})
  --timeout SECONDS       timeout of each request (default ${DEFAULT_TIMEOUT_MS / 1000})
  --max-duration SECONDS  time budget of all checks; the cleanup runs after it (default ${DEFAULT_MAX_DURATION_MS / 1000})
  --strict                exit 1 on any difference from docs/api/CONTRACT.md, tolerated ones too

The check creates its own test records (ids and names start with contract-check-<random>),
never changes other records, and deletes its records at the end, even when a check fails. A
server that keeps deleted keys (the iBiz cloud generation) keeps the test records' keys
reserved for good: the check says so before its first write; --read-only writes nothing.
It ends with the server generation it recognised (cloud, classic or unknown, and why) and a
verdict per node operation: works, works with a tolerated difference (which), will fail (why,
and what to change), or not checked (why). Neither a token nor a password is ever printed.

Exit codes:
  0  every operation works (tolerated differences included, unless --strict); with --read-only,
     every operation that could be checked without writing. An operation "not offered by this
     server" (Get Import Status without the status endpoint, an extension of the contract) does
     not count
  1  an operation will fail, or was not checked (time budget, a failed prerequisite), or a test
     record could not be deleted
  2  the check could not run: bad options, server unreachable, not the API (HTML, 404), token or
     login refused; nothing was written
  130 interrupted`;

interface Cli extends ContractCheckOptions {
	json: boolean;
	strict: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Cli | 'help' {
	const cli: Partial<Cli> & { json: boolean; strict: boolean } = { json: false, strict: false };
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
			case '--strict': cli.strict = true; break;
			case '--read-only': cli.readOnly = true; break;
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

/** `--json` decides where a failure goes: one JSON document on stdout, or a line on stderr. */
function fail(json: boolean, message: string, usage = false): 2 {
	if (json) console.log(JSON.stringify({ exitCode: 2, error: message }, null, 2));
	else console.error(`contract check: ${message}${usage ? `\n\n${USAGE}` : ''}`);
	return 2;
}

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	// Known before parsing, so that even bad options answer in JSON.
	const json = argv.includes('--json');
	let cli: Cli | 'help';
	try {
		cli = parseArgs(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		return fail(json, error.message, true);
	}
	if (cli === 'help') {
		console.log(USAGE);
		return 0;
	}
	const options: Cli = cli;

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
		// Notices (the keys a cloud server keeps reserved) go to stderr, before the first write.
		const report = await runContractCheck({ ...options, signal: interrupt.signal, onNotice: (text) => console.error(`contract check: ${text}`) });
		const code = interrupt.signal.aborted ? 130 : exitCodeOf(report, options.strict);
		console.log(options.json ? JSON.stringify({ exitCode: code, ...report }, null, 2) : formatText(report));
		return code;
	} catch (error) {
		// One line, no stack (a stack could carry request details), never a token.
		const message = redact(error instanceof Error ? error.message : String(error), [options.token, options.readOnlyToken, options.password]);
		return fail(options.json, error instanceof ContractCheckError ? message : `failed: ${message}`);
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
		process.exitCode = fail(process.argv.includes('--json'), 'failed unexpectedly');
	},
);
