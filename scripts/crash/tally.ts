/**
 * Which leads reached the workflow, and how often (pure: unit-tested in test/unit/crashTally.test.ts).
 *
 * "Reached the workflow" is n8n's own unit of hand-over: a lead is in the trigger output of a
 * stored execution — finished, failed, crashed or not yet started. That is what a durable cursor
 * is committed with, and what a user sees (and can retry) in the Executions list. Whether the
 * execution's later nodes ran is n8n's business after that: an execution that was running when
 * n8n died is marked crashed and not run again, in either mode. The recorder's calls measure that
 * downstream effect separately.
 */

export interface StoredExecution {
	id: string;
	status: string;
	/** IDs of the leads in the trigger's output, once each. */
	leadIds: string[];
}

export interface RecordedCall {
	leadId: string;
	executionId: string;
}

export interface Tally {
	leadsCreated: number;
	/** Distinct created leads found in at least one execution. */
	leadsReached: number;
	/** Created leads in no execution. */
	lost: string[];
	/** Leads in more than one execution, with those executions. */
	repeated: Array<{ leadId: string; executionIds: string[] }>;
	/** Leads in executions that the run did not create (must be none: the trigger starts from "now"). */
	unexpected: string[];
	/** Executions holding leads, by status. */
	executionsByStatus: Record<string, number>;
	/** Leads whose only execution(s) did not finish (crashed, new, running): handed over, not processed. */
	leadsOnlyInUnfinishedExecutions: number;
	downstream: {
		/** Distinct created leads the recording node reported. */
		recorded: number;
		/** Leads the recording node reported more than once. */
		repeated: number;
	};
}

const FINISHED = new Set(['success', 'error']);

export function tally(createdIds: readonly string[], executions: readonly StoredExecution[], calls: readonly RecordedCall[]): Tally {
	const created = new Set(createdIds);
	const executionsOf = new Map<string, StoredExecution[]>();
	const executionsByStatus: Record<string, number> = {};
	for (const execution of executions) {
		if (execution.leadIds.length === 0) continue;
		executionsByStatus[execution.status] = (executionsByStatus[execution.status] ?? 0) + 1;
		for (const leadId of new Set(execution.leadIds)) executionsOf.set(leadId, [...(executionsOf.get(leadId) ?? []), execution]);
	}
	const callsPerLead = new Map<string, number>();
	for (const call of calls) callsPerLead.set(call.leadId, (callsPerLead.get(call.leadId) ?? 0) + 1);
	const reached = [...executionsOf.keys()].filter((id) => created.has(id));
	return {
		leadsCreated: created.size,
		leadsReached: reached.length,
		lost: [...created].filter((id) => !executionsOf.has(id)),
		repeated: [...executionsOf]
			.filter(([, found]) => found.length > 1)
			.map(([leadId, found]) => ({ leadId, executionIds: found.map((execution) => execution.id) })),
		unexpected: [...executionsOf.keys()].filter((id) => !created.has(id)),
		executionsByStatus,
		leadsOnlyInUnfinishedExecutions: reached.filter((id) => !executionsOf.get(id)?.some((execution) => FINISHED.has(execution.status))).length,
		downstream: {
			recorded: [...callsPerLead.keys()].filter((id) => created.has(id)).length,
			repeated: [...callsPerLead.values()].filter((count) => count > 1).length,
		},
	};
}

interface TaskDataLike {
	data?: { main?: Array<Array<{ json?: Record<string, unknown> }> | null> };
}

interface RunExecutionDataLike {
	resultData?: { runData?: Record<string, TaskDataLike[] | undefined> };
	executionData?: { nodeExecutionStack?: Array<{ node?: { name?: string }; data?: TaskDataLike['data'] }> };
}

/**
 * The lead IDs of the trigger's output in an execution's stored data: in its run data once the
 * trigger node ran, else still on the execution stack (an execution committed by the poll and
 * not started, or crashed before n8n saved its progress).
 */
export function triggerLeadIds(data: RunExecutionDataLike, triggerNode: string): string[] {
	const outputs = [
		...(data.resultData?.runData?.[triggerNode] ?? []).map((task) => task.data),
		...(data.executionData?.nodeExecutionStack ?? []).filter((entry) => entry.node?.name === triggerNode).map((entry) => entry.data),
	];
	const ids = new Set<string>();
	for (const output of outputs) {
		for (const item of output?.main?.[0] ?? []) {
			// n8n's crash recovery fills a crashed node's run with a placeholder item that has no lead in it
			const id = item.json?.id;
			if (typeof id === 'string' || typeof id === 'number') ids.add(String(id));
		}
	}
	return [...ids];
}
