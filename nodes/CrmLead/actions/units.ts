import type { ChunkLead } from './common/bulkSave';
import type { BulkLead, ItemCall } from './types';

/** One item after the router's first phase: its call, and its lead when it may be bulked. */
export interface PreparedItem {
	itemIndex: number;
	call: ItemCall;
	/** The ID of the lead this call writes, if it writes one. */
	writes?: string;
	bulk?: BulkLead;
}

/** What the router runs concurrently: one item's call, or a chunk of leads sent together. */
export type Unit = PreparedItem | { leads: ChunkLead[] };

/**
 * Groups consecutive bulk-able items into chunks of at most `size` leads (input order kept);
 * every other item stays a unit of its own. With size 1 nothing is grouped.
 */
export function toUnits(prepared: readonly PreparedItem[], size: number): Unit[] {
	if (size <= 1) return [...prepared];
	const units: Unit[] = [];
	let chunk: ChunkLead[] = [];
	const close = () => {
		if (chunk.length > 0) units.push({ leads: chunk });
		chunk = [];
	};
	for (const item of prepared) {
		if (!item.bulk) {
			close();
			units.push(item);
			continue;
		}
		chunk.push({ ...item.bulk, itemIndex: item.itemIndex, call: item.call });
		if (chunk.length >= size) close();
	}
	close();
	return units;
}
