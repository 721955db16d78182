/**
 * The answer to "will the node work with my server?": the generation the answers showed (and
 * why), then a verdict per operation read from the behaviours it needs (operations.ts).
 */
import type { GenerationEvidence } from './context';
import { BEHAVIOURS_BY_ID } from './catalogue';
import { FIXES, OPERATION_USES, type OperationUse } from './operations';
import type { BehaviourResult, GenerationVerdict, OperationVerdict } from './types';

/** cloud or classic when every answer that showed a generation agrees; unknown otherwise. */
export function recogniseGeneration(evidence: readonly GenerationEvidence[]): GenerationVerdict {
	const why = [...new Set(evidence.map((e) => `${e.generation}: ${e.why}`))];
	const generations = new Set(evidence.map((e) => e.generation));
	if (generations.size === 1) return { generation: evidence[0].generation, why };
	if (generations.size === 0) return { generation: 'unknown', why: ["no answer had either generation's shape (login, 401, error bodies, check_key after a delete)"] };
	return { generation: 'unknown', why: ['the answers mix both generations:', ...why] };
}

/** A skip the user chose (--read-only, no --user, no --read-only-token), not one the run ran into. */
const chosenSkip = (r: BehaviourResult, readOnly: boolean): boolean =>
	/^not checked: --read-only/.test(r.reason ?? '') || (readOnly && !/before it completed|not reached/.test(r.reason ?? ''));

function fixFor(r: BehaviourResult): string {
	return FIXES[r.id] ?? `the server does not do what docs/api/CONTRACT.md (${BEHAVIOURS_BY_ID.get(r.id)?.contract ?? r.group}) says; give this line to its administrator`;
}

export function operationVerdict(use: OperationUse, byId: ReadonlyMap<string, BehaviourResult>, readOnly: boolean): OperationVerdict {
	const results = use.needs.map((id) => byId.get(id)).filter((r): r is BehaviourResult => r !== undefined);
	const breaking = results.filter((r) => r.status === 'differ' && (!r.tolerated || use.strict?.includes(r.id)));
	if (breaking.length > 0) {
		if (use.extension) return { name: use.name, verdict: 'not offered by this server', details: breaking.map((r) => `${r.title}: ${r.seen}. ${fixFor(r)}`) };
		return { name: use.name, verdict: 'will fail', details: breaking.map((r) => `${r.title}: ${r.seen}. To change: ${fixFor(r)}`) };
	}
	const optional = new Set(use.optional ?? []);
	const nothingChecked = results.every((r) => r.status === 'skipped');
	const unchecked = results.filter((r) => r.status === 'skipped' && (nothingChecked || !optional.has(r.id)));
	if (unchecked.length > 0) {
		const byChoice = unchecked.every((r) => optional.has(r.id) || chosenSkip(r, readOnly));
		const reasons = [...new Set(unchecked.map((r) => (readOnly && byChoice ? "not checked: --read-only (it writes, or needs the check's own test records)" : `${r.title}: ${r.reason}`)))];
		return { name: use.name, verdict: 'not checked', byChoice, details: reasons };
	}
	const tolerated = results.filter((r) => r.status === 'differ');
	const notes = [...results.filter((r) => r.status === 'skipped').map((r) => `not checked: ${r.title} (${r.reason})`)];
	if (tolerated.length > 0) {
		return { name: use.name, verdict: 'works with a tolerated difference', details: [...tolerated.map((r) => `${r.title}: ${r.seen}; ${r.note}`), ...notes] };
	}
	return { name: use.name, verdict: 'works', details: notes };
}

export function operationVerdicts(results: readonly BehaviourResult[], readOnly: boolean): OperationVerdict[] {
	const byId = new Map(results.map((r) => [r.id, r]));
	return OPERATION_USES.map((use) => operationVerdict(use, byId, readOnly));
}
