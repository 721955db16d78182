/** The report: summary counts, the exit code, the text a person reads, and token redaction. */
import type { BehaviourResult, ContractReport, ContractSummary } from './types';

export function summarize(results: readonly BehaviourResult[]): ContractSummary {
	return {
		match: results.filter((r) => r.status === 'match').length,
		differ: results.filter((r) => r.status === 'differ').length,
		skipped: results.filter((r) => r.status === 'skipped').length,
		tolerated: results.filter((r) => r.status === 'differ' && r.tolerated).length,
	};
}

export const summaryLine = (s: ContractSummary): string => `contract check: ${s.match} match, ${s.differ} differ, ${s.skipped} skipped`;

/**
 * 0 when nothing differs and no test record was left behind, else 1. With `allowTolerated`,
 * differences the node tolerates do not count.
 */
export function exitCodeOf(report: ContractReport, allowTolerated = false): 0 | 1 {
	const differ = allowTolerated ? report.summary.differ - report.summary.tolerated : report.summary.differ;
	return differ === 0 && report.cleanup.leftBehind.length === 0 ? 0 : 1;
}

const LABEL: Record<BehaviourResult['status'], string> = { match: 'MATCH', differ: 'DIFFERS', skipped: 'SKIPPED' };
const INDENT = ' '.repeat(11);

export function formatText(report: ContractReport): string {
	const lines: string[] = [
		'CRM Lead API contract check (docs/api/CONTRACT.md)',
		`  server: ${report.baseUrl}`,
		`  run id: ${report.runId} (every test record's id and name start with it)`,
	];
	let group = '';
	for (const r of report.results) {
		if (r.group !== group) {
			group = r.group;
			lines.push('', group);
		}
		lines.push(`  ${LABEL[r.status].padEnd(8)} ${r.title}`);
		if (r.status === 'differ') {
			lines.push(`${INDENT}seen: ${r.seen}`);
			if (r.tolerated) lines.push(`${INDENT}tolerated: ${r.note}`);
		}
		if (r.status === 'skipped') lines.push(`${INDENT}${r.reason}`);
		if (r.info) lines.push(`${INDENT}(${r.info})`);
	}
	const c = report.cleanup;
	lines.push(
		'',
		`Cleanup: ${c.deleted.length} test records deleted, ${c.notFound.length} tracked ids already gone or never created, ${c.leftBehind.length} left behind.`,
	);
	for (const x of c.leftBehind) lines.push(`  LEFT BEHIND ${x.id}: ${x.reason} (delete it by hand)`);
	const s = report.summary;
	if (s.tolerated > 0) lines.push(`${s.tolerated} of the ${s.differ} differences are tolerated by the node (marked "tolerated").`);
	lines.push(`Took ${(report.durationMs / 1000).toFixed(1)} s.`, summaryLine(s));
	return lines.join('\n');
}

/** Replaces every occurrence of the secrets in every string of a JSON-like value. */
export function redact<T>(value: T, secrets: ReadonlyArray<string | undefined>): T {
	// Like the node's redact(): a secret shorter than 4 characters would garble ordinary words.
	const real = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
	if (real.length === 0) return value;
	const scrub = (text: string) => real.reduce((t, secret) => t.split(secret).join('***'), text);
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return scrub(v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k), walk(x)]));
		return v;
	};
	return walk(value) as T;
}
