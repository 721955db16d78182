/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Summarises a V8 .cpuprofile (e.g. n8n's, from `npm run bench:n8n -- --cpu-prof`): the
 * functions with the most self time, and for one function its total time, its callers and where
 * its time goes. With the windows.json the benchmark writes next to the profile, it looks only
 * at the samples taken while the chosen nodes ran.
 *
 *   npm run bench:n8n -- profile <file.cpuprofile | dir> [--window TEXT] [--function NAME] [--top N]
 *   npx tsx bench/n8n/profile.ts …   (the same)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { readWindowsFile, WINDOWS_FILE_NAME, type ProfileWindow } from './profileWindows';

export const PROFILE_USAGE = `Usage: npm run bench:n8n -- profile <file.cpuprofile | profile dir> [options]
  --window TEXT     only samples taken while a node ran whose window label contains TEXT,
                    e.g. crmLead, httpRequest, get:seq/crmLead, checkKey:b8 (labels: row/side#run)
  --function NAME   total time of the function, its top callers and where its time goes
  --top N           rows per table (default 20)
  --list            list the windows recorded next to the profile`;

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileQuery {
	target: string;
	window?: string;
	functionName?: string;
	top: number;
	list: boolean;
}

export function parseProfileArgs(argv: readonly string[]): ProfileQuery {
	const { values, positionals } = parseArgs({
		args: [...argv],
		strict: true,
		allowPositionals: true,
		options: {
			window: { type: 'string' },
			function: { type: 'string' },
			top: { type: 'string', default: '20' },
			list: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help || positionals.length !== 1) {
		console.log(PROFILE_USAGE);
		process.exit(values.help ? 0 : 1);
	}
	const top = Number(values.top);
	if (!Number.isInteger(top) || top < 1) throw new Error('--top needs a whole number >= 1');
	return { target: positionals[0], window: values.window, functionName: values.function, top, list: values.list };
}

/** The profile to read: the file given, or in a folder the n8n main process's (the largest one). */
export function resolveProfile(target: string): { file: string; windows: ProfileWindow[] } {
	if (!existsSync(target)) throw new Error(`${target} does not exist`);
	const dir = statSync(target).isDirectory() ? target : path.dirname(target);
	const windowsFile = readWindowsFile(path.join(dir, WINDOWS_FILE_NAME));
	if (!statSync(target).isDirectory()) return { file: target, windows: windowsFile?.windows ?? [] };
	const profiles = readdirSync(dir)
		.filter((name) => name.endsWith('.cpuprofile'))
		.filter((name) => windowsFile?.n8nPid === undefined || name.includes(`.${windowsFile.n8nPid}.`))
		.map((name) => path.join(dir, name))
		.sort((a, b) => statSync(b).size - statSync(a).size);
	if (profiles.length === 0) throw new Error(`no .cpuprofile of the n8n process in ${dir} (was n8n stopped with a signal?)`);
	return { file: profiles[0], windows: windowsFile?.windows ?? [] };
}

/** Time (µs) per profile node, over the samples inside the chosen windows. */
function weighNodes(profile: CpuProfile, windows: readonly ProfileWindow[] | undefined): Map<number, number> {
	const weights = new Map<number, number>();
	const sorted = windows ? [...windows].sort((a, b) => a.startUs - b.startUs) : undefined;
	let at = profile.startTime;
	let current = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		at += profile.timeDeltas[i];
		// A sample stands for the time until the next one.
		const weight = profile.timeDeltas[i + 1] ?? 0;
		if (sorted) {
			while (current < sorted.length && sorted[current].endUs < at) current++;
			if (current >= sorted.length || sorted[current].startUs > at) continue;
		}
		weights.set(profile.samples[i], (weights.get(profile.samples[i]) ?? 0) + weight);
	}
	return weights;
}

function shortUrl(url: string): string {
	const modules = url.lastIndexOf('node_modules/');
	const trimmed = modules >= 0 ? url.slice(modules + 'node_modules/'.length) : url.replace(/^file:\/\//, '');
	return trimmed.length > 90 ? `…${trimmed.slice(-89)}` : trimmed;
}

function frameKey({ functionName, url, lineNumber }: CallFrame): string {
	const name = functionName || '(anonymous)';
	return url ? `${name}  ${shortUrl(url)}:${lineNumber + 1}` : name;
}

/** Frames shown per caller chain: n8n wraps node calls, so the direct caller alone says little. */
const CALLER_CHAIN = 3;

function compactKey({ functionName, url, lineNumber }: CallFrame): string {
	return url ? `${functionName || '(anonymous)'} (${path.basename(url)}:${lineNumber + 1})` : functionName;
}

interface Tally {
	add(key: string, us: number): void;
	top(count: number): Array<[string, number]>;
	get(key: string): number;
}

function tally(): Tally {
	const totals = new Map<string, number>();
	return {
		add: (key, us) => totals.set(key, (totals.get(key) ?? 0) + us),
		top: (count) => [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count),
		get: (key) => totals.get(key) ?? 0,
	};
}

export function summarizeProfile(query: ProfileQuery): string {
	const { file, windows } = resolveProfile(query.target);
	const out: string[] = [`profile: ${file}`];
	if (query.list) {
		out.push(...windows.map((w) => `  ${w.label}: ${((w.endUs - w.startUs) / 1000).toFixed(0)} ms`));
		return out.join('\n');
	}
	const chosen = query.window ? windows.filter((w) => w.label.includes(query.window!)) : undefined;
	if (chosen && chosen.length === 0) {
		throw new Error(`no window label contains "${query.window}" (${windows.length} windows; --list shows them)`);
	}
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const weights = weighNodes(profile, chosen);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) stack.push(byId.get(at)!);
		return stack; // leaf first
	};

	const scopeUs = [...weights.values()].reduce((sum, us) => sum + us, 0);
	const selfTime = tally();
	const totalTime = tally();
	for (const [id, us] of weights) {
		const stack = stackOf(id);
		selfTime.add(frameKey(stack[0].callFrame), us);
		for (const key of new Set(stack.map((node) => frameKey(node.callFrame)))) totalTime.add(key, us);
	}
	const milliseconds = (us: number) => `${(us / 1000).toFixed(0).padStart(8)} ms`;
	const format = (us: number) => `${milliseconds(us)} ${((100 * us) / (scopeUs || 1)).toFixed(1).padStart(5)} %`;
	out.push(
		chosen
			? `scope: ${chosen.length} window(s) containing "${query.window}", ${(scopeUs / 1000).toFixed(0)} ms sampled`
			: `scope: the whole process, ${(scopeUs / 1000).toFixed(0)} ms sampled (use --window to look at one node's runs)`,
		'',
		`top ${query.top} by self time (self, % of scope, total):`,
		...selfTime.top(query.top).map(([key, us]) => `${format(us)}  ${milliseconds(totalTime.get(key))}  ${key}`),
	);
	if (query.functionName) {
		const names = new Set(profile.nodes.map((node) => node.callFrame.functionName));
		const found = names.has(query.functionName);
		out.push('', ...(found ? describeFunction(query, weights, stackOf, format) : suggest(query.functionName, names)));
	}
	return out.join('\n');
}

/** Total time of the frames named `functionName`, their callers, and the self time beneath them. */
function describeFunction(
	query: ProfileQuery,
	weights: Map<number, number>,
	stackOf: (id: number) => ProfileNode[],
	format: (us: number) => string,
): string[] {
	const name = query.functionName!;
	let total = 0;
	const callers = tally();
	const beneath = tally();
	const matchedKeys = new Set<string>();
	for (const [id, us] of weights) {
		const stack = stackOf(id);
		const matches = stack.map((node, depth) => ({ node, depth })).filter(({ node }) => node.callFrame.functionName === name);
		if (matches.length === 0) continue;
		total += us;
		beneath.add(frameKey(stack[0].callFrame), us);
		const callerKeys = new Set<string>();
		for (const { node, depth } of matches) {
			matchedKeys.add(frameKey(node.callFrame));
			const chain = stack.slice(depth + 1, depth + 1 + CALLER_CHAIN);
			if (chain.length > 0 && chain[0].callFrame.functionName !== name) {
				callerKeys.add(chain.map((caller) => compactKey(caller.callFrame)).join('  ←  '));
			}
		}
		for (const key of callerKeys) callers.add(key, us);
	}
	if (total === 0) return [`function "${name}": no samples in scope`];
	return [
		`function "${name}" (${[...matchedKeys].join('; ')})`,
		`  total: ${format(total)}`,
		`  top callers (caller ← its caller ← …):`,
		...callers.top(query.top).map(([key, us]) => `  ${format(us)}  ${key}`),
		`  where its time goes (self time beneath it):`,
		...beneath.top(query.top).map(([key, us]) => `  ${format(us)}  ${key}`),
	];
}

/** Names are matched exactly (n8n's getNodeParameter is `_getNodeParameter` in the profile). */
function suggest(name: string, names: ReadonlySet<string>): string[] {
	const similar = [...names].filter((candidate) => candidate.toLowerCase().includes(name.toLowerCase())).slice(0, 20);
	return [`no function is named "${name}" in the profile${similar.length ? `; similar: ${similar.join(', ')}` : ''}`];
}

if (require.main === module) {
	try {
		console.log(summarizeProfile(parseProfileArgs(process.argv.slice(2))));
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
