/** A parsed fetch_default body, whichever flavour's rules read it (listQuery.ts, listQueryCloud.ts). */
import type { Condition, SortKey } from './store';

export interface ListRequest {
	page: number;
	/** As sent; undefined when the body has none (export then means "all rows"). */
	size: number | undefined;
	sort: SortKey[];
	conditions: Condition[];
}
