/**
 * Deletes every test record of the run, whatever happened before: the ids the checks tracked,
 * plus any record whose name starts with the run id (found with the name filter). Nothing else
 * is ever deleted. Runs without the time budget, but each request keeps its timeout.
 */
import { RESOURCE, rowsOf } from './checks/common';
import { pollImportJob } from './checks/files';
import type { RunContext } from './context';
import { describe, is2xx } from './expect';
import { KEY, NAME, NAME_LIKE } from './fields';
import { isNotFound } from './generations';
import { RequestFailed, type ApiClient } from './http';
import type { CleanupReport } from './types';

/** Bounded: one page of this size per sweep, two sweeps. */
const SWEEP_SIZE = 200;

export async function cleanUp(ctx: RunContext, api: ApiClient): Promise<CleanupReport> {
	if (ctx.pendingImportJob) {
		// Let a running async import finish, or its row could appear after the cleanup.
		await pollImportJob(api, ctx.pendingImportJob).catch(() => undefined);
	}
	for (const id of await sweep(ctx, api)) ctx.tracked.add(id);

	const report: CleanupReport = { tracked: ctx.tracked.size, deleted: [], notFound: [], leftBehind: [] };
	for (const id of ctx.tracked) {
		try {
			const res = await api.send({ method: 'DELETE', path: [RESOURCE, id] });
			if (is2xx(res)) report.deleted.push(id);
			else if (isNotFound(res)) report.notFound.push(id);
			else report.leftBehind.push({ id, reason: describe(res) });
		} catch (error) {
			report.leftBehind.push({ id, reason: error instanceof RequestFailed ? error.message : 'the request failed' });
		}
	}
	// Anything still listed under the run id (e.g. a DELETE answered 200 but kept the record).
	const handled = new Set(report.leftBehind.map((x) => x.id));
	for (const id of await sweep(ctx, api)) {
		if (handled.has(id)) continue;
		report.leftBehind.push({ id, reason: 'still listed after its DELETE' });
		report.deleted = report.deleted.filter((x) => x !== id);
	}
	return report;
}

/** Ids of the records whose name starts with the run id; [] when the list cannot be read. */
async function sweep(ctx: RunContext, api: ApiClient): Promise<string[]> {
	if (!NAME_LIKE) return [];
	try {
		const res = await api.send({ method: 'POST', path: [RESOURCE, 'fetch_default'], json: { page: 0, size: SWEEP_SIZE, [NAME_LIKE.key]: ctx.runTag } });
		const rows = is2xx(res) ? (rowsOf(res) ?? []) : [];
		return rows
			.filter((r) => typeof r[NAME.name] === 'string' && (r[NAME.name] as string).startsWith(ctx.runId))
			.map((r) => r[KEY.name])
			.filter((id): id is string => typeof id === 'string' && id !== '');
	} catch {
		return [];
	}
}
