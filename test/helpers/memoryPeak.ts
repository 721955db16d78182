/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * How much more memory the process held at its peak while `run` ran than when it started: the
 * JavaScript heap plus memory outside it (Buffers), sampled every few milliseconds. Garbage is
 * not collected first, so this is an upper bound of what `run` kept; tests compare it with what
 * a server offered.
 */
export async function peakGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growthBytes: number }> {
	const used = () => {
		const { heapUsed, external } = process.memoryUsage();
		return heapUsed + external;
	};
	const start = used();
	let peak = start;
	const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
	try {
		const result = await run();
		peak = Math.max(peak, used());
		return { result, growthBytes: peak - start };
	} finally {
		clearInterval(sampler);
	}
}

export const MB = 1024 * 1024;
