/**
 * The server check's verdict for an operation that needs an extension of the contract (Get Import
 * Status polls asyncimportdata2/{jobid}, which only the sandbox has): a real server without it
 * hears "not offered by this server" and the check still exits 0.
 */
import { operationVerdicts } from '../../scripts/contract/verdict';
import { exitCodeOf } from '../../scripts/contract/report';
import { BEHAVIOURS, OPERATION_USES } from '../../scripts/contract/index';
import type { BehaviourResult, ContractReport } from '../../scripts/contract/types';

const everyBehaviourMatches = (): BehaviourResult[] =>
	BEHAVIOURS.map((b) => ({ id: b.id, group: b.group, title: b.title, contract: b.contract, status: 'match' as const }));

function withoutAsyncPoll(): BehaviourResult[] {
	return everyBehaviourMatches().map((r) =>
		r.id === 'import.async-poll' ? { ...r, status: 'differ', seen: 'HTTP 404', tolerated: true, note: 'the sandbox extension' } : r,
	);
}

const reportOf = (results: BehaviourResult[]): ContractReport =>
	({ operations: operationVerdicts(results, false), cleanup: { leftBehind: [] }, summary: { match: 0, differ: 1, skipped: 0 } }) as unknown as ContractReport;

describe('verdict for an operation that needs an extension of the contract', () => {
	it('marks only Get Import Status as not offered, and the check passes', () => {
		const report = reportOf(withoutAsyncPoll());
		const notWorking = report.operations.filter((o) => !o.verdict.startsWith('works'));
		expect(notWorking.map((o) => [o.name, o.verdict])).toEqual([['Import / Export: Get Import Status', 'not offered by this server']]);
		expect(notWorking[0].details.join(' ')).toMatch(/asyncimportdata2/);
		expect(exitCodeOf(report)).toBe(0);
	});

	it('still fails the check when an ordinary operation breaks', () => {
		const results = withoutAsyncPoll().map((r) => (r.id === 'list.page-zero-based' ? { ...r, status: 'differ' as const, seen: 'page 1 = page 0' } : r));
		const report = reportOf(results);
		expect(report.operations.find((o) => o.name === 'Lead: Get Many')?.verdict).toBe('will fail');
		expect(exitCodeOf(report)).toBe(1);
	});

	it('names the extension only for operations that declare it', () => {
		expect(OPERATION_USES.filter((u) => u.extension).map((u) => u.key)).toEqual(['importExport/getImportStatus']);
	});
});
