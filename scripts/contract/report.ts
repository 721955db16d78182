/** The report: summary counts, the exit code, the text a person reads (ending with the verdict), and token redaction. */
import { redactAll } from '../../credentials/common/redact';
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
 * 0: every operation works (tolerated differences included; with `strict`, no difference at all).
 * An operation "not offered by this server" (it needs an extension of the contract) does not count.
 * 1: an operation will fail, or was not checked for a reason the user did not choose (time budget,
 * a failed prerequisite, interrupted), or a test record was left behind.
 */
export function exitCodeOf(report: ContractReport, strict = false): 0 | 1 {
	const failing = report.operations.some((o) => o.verdict === 'will fail' || (o.verdict === 'not checked' && !o.byChoice));
	if (failing || report.cleanup.leftBehind.length > 0) return 1;
	return strict && report.summary.differ > 0 ? 1 : 0;
}

/** "18 work (1 with a tolerated difference), 2 will fail, 1 not checked" */
export function verdictLine(report: ContractReport): string {
	const count = (v: string) => report.operations.filter((o) => o.verdict === v).length;
	const tolerated = count('works with a tolerated difference');
	const parts = [`${count('works') + tolerated} work${tolerated > 0 ? ` (${tolerated} with a tolerated difference)` : ''}`];
	if (count('will fail') > 0) parts.push(`${count('will fail')} will fail`);
	if (count('not offered by this server') > 0) parts.push(`${count('not offered by this server')} not offered by this server (an extension of the contract)`);
	if (count('not checked') > 0) parts.push(`${count('not checked')} not checked`);
	return `Verdict: ${parts.join(', ')}.`;
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
	if (report.readOnly) lines.push('--read-only: nothing was written; the checks that write are "not checked".');
	if (report.reservedKeys) lines.push(report.reservedKeys);

	lines.push('', `Server generation: ${report.generation.generation}`, ...report.generation.why.map((w) => `  ${w}`));
	lines.push('', 'Will the node work with this server?');
	const width = Math.max(...report.operations.map((o) => o.verdict.length));
	for (const o of report.operations) {
		lines.push(`  ${o.verdict.toUpperCase().padEnd(width)}  ${o.name}`);
		for (const d of o.details) lines.push(`  ${' '.repeat(width)}    ${d}`);
	}
	lines.push('', verdictLine(report));
	return lines.join('\n');
}

/** Replaces every occurrence of the secrets in every string of a JSON-like value. */
export function redact<T>(value: T, secrets: ReadonlyArray<string | undefined>): T {
	const given = secrets.filter((s): s is string => typeof s === 'string' && s !== '');
	if (given.length === 0) return value;
	// The node's own scrubbing, with its rule for secrets too short to scrub without garbling words.
	const scrub = (text: string) => redactAll(text, given);
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return scrub(v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k), walk(x)]));
		return v;
	};
	return walk(value) as T;
}
