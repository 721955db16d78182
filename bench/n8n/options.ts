/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** The command line of `npm run bench:n8n`. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { CRM_LEAD_VERSIONS, LATEST_CRM_LEAD_VERSION, type CrmLeadVersion } from './cases';
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
	/** Which version of the CRM Lead node (its parameters per version are in cases.ts). */
	crmLeadVersion: CrmLeadVersion;
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
                     or one row such as get:seq / get:b8 / upsert:bulk4 (default: all)
  --items N          input items of the per-item cases (default 2000)
  --leads N          leads in the sandbox, read by Return All (default 20000)
  --crm-version N    CRM Lead node version to measure (default ${LATEST_CRM_LEAD_VERSION}, the one the editor adds)
  --http-auth MODE   how the HTTP Request node authenticates: credential (default: a generic
                     Bearer Auth credential) or header (no credential, a literal Authorization header)
  --cpu-prof         run n8n with --cpu-prof; the profile is summarised at the end
  --env KEY=VALUE    extra env for n8n (repeatable), e.g. --env N8N_EXPRESSION_ENGINE=legacy
  --verbose          mirror n8n's and the sandbox's output
  --help             this text`;

const FULL = { runs: 3, items: 2_000, leads: 20_000 };
const QUICK = { runs: 3, items: 300, leads: 3_000 };

export function parseOptions(argv: readonly string[]): BenchOptions {
	const { values } = parseArgsOrExplain({
		args: [...argv],
		strict: true,
		options: {
			quick: { type: 'boolean', default: false },
			runs: { type: 'string' },
			items: { type: 'string' },
			leads: { type: 'string' },
			cases: { type: 'string' },
			'crm-version': { type: 'string' },
			'http-auth': { type: 'string', default: 'credential' },
			'cpu-prof': { type: 'boolean', default: false },
			env: { type: 'string', multiple: true, default: [] },
			verbose: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const sizes = values.quick ? QUICK : FULL;
	const options: BenchOptions = {
		quick: values.quick,
		runs: wholeNumber('--runs', values.runs, sizes.runs),
		items: wholeNumber('--items', values.items, sizes.items),
		leads: wholeNumber('--leads', values.leads, sizes.leads),
		cases: values.cases?.split(',').map((name) => name.trim()).filter(Boolean),
		crmLeadVersion: crmLeadVersion(values['crm-version']),
		httpAuth: httpAuth(values['http-auth']),
		cpuProf: values['cpu-prof'],
		n8nEnv: Object.fromEntries(values.env.map(keyValue)),
		verbose: values.verbose,
	};
	if (options.items > options.leads) {
		throw new Error(`--items ${options.items} is more than --leads ${options.leads}: per-item cases use the seeded leads`);
	}
	return options;
}

/** node:util's parseArgs, its errors pointing at --help. */
function parseArgsOrExplain<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
	try {
		return parseArgs(config);
	} catch (error) {
		throw new Error(`${error instanceof Error ? error.message : String(error)} (npm run bench:n8n -- --help lists the options)`);
	}
}

function wholeNumber(flag: string, text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${flag} needs a whole number >= 1 (got '${text}')`);
	return Number(text);
}

function crmLeadVersion(text: string | undefined): CrmLeadVersion {
	if (text === undefined) return LATEST_CRM_LEAD_VERSION;
	const version = CRM_LEAD_VERSIONS.find((candidate) => String(candidate) === text);
	if (version === undefined) throw new Error(`--crm-version is one of ${CRM_LEAD_VERSIONS.join(', ')} (got '${text}')`);
	return version;
}

function httpAuth(text: string): HttpAuth {
	if (text !== 'credential' && text !== 'header') throw new Error(`--http-auth is credential or header (got '${text}')`);
	return text;
}

function keyValue(pair: string): [string, string] {
	const at = pair.indexOf('=');
	if (at <= 0) throw new Error(`--env needs KEY=VALUE (got '${pair}')`);
	return [pair.slice(0, at), pair.slice(at + 1)];
}
