import type { BulkItem, PreparedItem } from './types';

/** What the router runs concurrently: one item's call, or a chunk of items whose leads go in one request. */
export type Task = PreparedItem | { leads: BulkItem[] };

/**
 * Groups consecutive bulk-able items into chunks of at most `size` leads (input order kept);
 * every other item stays a task of its own. With size 1 nothing is grouped.
 */
export function toTasks(prepared: readonly PreparedItem[], size: number): Task[] {
	if (size <= 1) return [...prepared];
	const tasks: Task[] = [];
	let chunk: BulkItem[] = [];
	const close = () => {
		if (chunk.length > 0) tasks.push({ leads: chunk });
		chunk = [];
	};
	for (const item of prepared) {
		if (!item.bulk) {
			close();
			tasks.push(item);
			continue;
		}
		// One request goes to one collection: a record for another path (another parent) starts a new chunk.
		if (chunk.length > 0 && chunk[0].collection?.join('/') !== item.bulk.collection?.join('/')) close();
		chunk.push({ ...item.bulk, itemIndex: item.itemIndex, call: item.call, writes: item.writes });
		if (chunk.length >= size) close();
	}
	close();
	return tasks;
}
