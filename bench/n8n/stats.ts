/** Median and spread of a handful of runs. */

export interface Stats {
	median: number;
	min: number;
	max: number;
	/** The values as measured, in run order. */
	values: number[];
}

export function stats(values: readonly number[]): Stats {
	if (values.length === 0) throw new Error('no values to summarise');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], values: [...values] };
}
