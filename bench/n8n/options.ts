/** The command line of `npm run bench:n8n`. */
import type { HttpAuth } from './workflows';

export interface BenchOptions {
	quick: boolean;
	/** Timed runs per node and row (after one untimed verification run). */
	runs: number;
	/** Input items of the per-item cases. */
	items: number;
	/** Leads the sandbox is seeded with (what Return All reads). */
	leads: number;
	/** Row selectors (`get`, `get:b8`, `returnAll`); undefined = all. */
	cases?: string[];
	/** How the HTTP Request node authenticates (workflows.ts). */
	httpAuth: HttpAuth;
	cpuProf: boolean;
	/** Extra env for `n8n start`, e.g. N8N_EXPRESSION_ENGINE=legacy. */
	n8nEnv: Record<string, string>;
	verbose: boolean;
}

export const USAGE = `Usage: npm run bench:n8n -- [options]
       npm run bench:n8n -- profile <file.cpuprofile | dir> [profile options]   (see --help there)

The CRM Lead node against the HTTP Request node making the same calls, inside the real n8n
(.n8n-runtime), alternating runs; prints a table and writes bench/results/n8n-<time>.json.

  --quick            smoke run: 300 items, 3,000 leads, 3 runs (a few minutes)
  --runs N           timed runs per node and row (default 3, at least 1)
  --cases LIST       comma-separated: get, checkKey, update, upsert, delete, returnAll,
                     or one row such as get:seq / get:b8 (default: all)
  --items N          input items of the per-item cases (default 2000)
  --leads N          leads in the sandbox, read by Return All (default 20000)
  --http-auth MODE   how the HTTP Request node authenticates: credential (default: a generic
                     Bearer Auth credential) or header (no credential, a literal Authorization header)
  --cpu-prof         run n8n with --cpu-prof; the profile is summarised at the end
  --env KEY=VALUE    extra env for n8n (repeatable), e.g. --env N8N_EXPRESSION_ENGINE=legacy
  --verbose          mirror n8n's and the sandbox's output
  --help             this text`;

const FULL = { runs: 3, items: 2_000, leads: 20_000 };
const QUICK = { runs: 3, items: 300, leads: 3_000 };

export function parseOptions(argv: readonly string[]): BenchOptions {
	const quick = argv.includes('--quick');
	const options: BenchOptions = { quick, ...(quick ? QUICK : FULL), httpAuth: 'credential', cpuProf: false, n8nEnv: {}, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			const next = argv[++i];
			if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
			return next;
		};
		const count = (min: number): number => {
			const text = value();
			if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`${flag} needs a whole number >= ${min} (got '${text}')`);
			return Number(text);
		};
		switch (flag) {
			case '--quick': break;
			case '--runs': options.runs = count(1); break;
			case '--items': options.items = count(1); break;
			case '--leads': options.leads = count(1); break;
			case '--cases': options.cases = value().split(',').map((name) => name.trim()).filter(Boolean); break;
			case '--http-auth': {
				const mode = value();
				if (mode !== 'credential' && mode !== 'header') throw new Error(`--http-auth is credential or header (got '${mode}')`);
				options.httpAuth = mode;
				break;
			}
			case '--cpu-prof': options.cpuProf = true; break;
			case '--env': {
				const pair = value();
				const at = pair.indexOf('=');
				if (at <= 0) throw new Error(`--env needs KEY=VALUE (got '${pair}')`);
				options.n8nEnv[pair.slice(0, at)] = pair.slice(at + 1);
				break;
			}
			case '--verbose': options.verbose = true; break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option '${flag}'\n${USAGE}`);
		}
	}
	if (options.items > options.leads) {
		throw new Error(`--items ${options.items} is more than --leads ${options.leads}: per-item cases use the seeded leads`);
	}
	return options;
}
