/**
 * The kills of one crash run, drawn from the seed before anything starts: the same seed gives the
 * same kinds, delays and downtimes (what n8n does in between still depends on timing).
 */
import { prng } from '../../sandbox/seed';

/**
 * Where in the life of a poll n8n main is killed:
 * - `poll`: while the trigger's list request is at the server (its answer is held back);
 * - `handoff`: just after the list answer left the server, while the trigger computes, returns
 *   its items and n8n saves the cursor and creates the execution;
 * - `execution`: while the workflow's recording node waits for its answer (the execution runs);
 * - `anytime`: at a random instant, aligned with nothing.
 */
export type KillMoment = 'poll' | 'handoff' | 'execution' | 'anytime';

export interface PlannedKill {
	moment: KillMoment;
	/** After the moment is reached (answer held, answer sent, request held, kill armed). */
	delayMs: number;
	/** How long n8n stays down before it is started again (leads keep coming). */
	downtimeMs: number;
	/** List answers to let through after the restart before this kill is armed. */
	pollsBefore: number;
}

/** Each moment's share of the kills and its delay range (ms, upper bound excluded). */
export const MOMENTS: Record<KillMoment, { weight: number; delayMs: [number, number] }> = {
	poll: { weight: 25, delayMs: [0, 500] },
	// n8n saves the cursor and creates the execution within a few ms of the answer: aim there.
	handoff: { weight: 40, delayMs: [0, 120] },
	execution: { weight: 20, delayMs: [0, 300] },
	anytime: { weight: 15, delayMs: [0, 10_000] },
};

export const DOWNTIME_MS: [number, number] = [0, 4_000];
export const POLLS_BEFORE: [number, number] = [0, 3];

export function planKills(seed: number, kills: number): PlannedKill[] {
	const random = prng(seed);
	const between = ([low, high]: [number, number]) => low + Math.floor(random() * (high - low));
	const moments = Object.entries(MOMENTS) as Array<[KillMoment, (typeof MOMENTS)[KillMoment]]>;
	const totalWeight = moments.reduce((sum, [, { weight }]) => sum + weight, 0);
	const pick = (): KillMoment => {
		let draw = random() * totalWeight;
		for (const [moment, { weight }] of moments) {
			draw -= weight;
			if (draw < 0) return moment;
		}
		return moments[moments.length - 1][0];
	};
	return Array.from({ length: kills }, () => {
		const moment = pick();
		return {
			moment,
			delayMs: between(MOMENTS[moment].delayMs),
			downtimeMs: between(DOWNTIME_MS),
			pollsBefore: between(POLLS_BEFORE),
		};
	});
}

/** Milliseconds between two leads the run creates: steady, with ±30 % jitter from the seed. */
export function leadIntervals(seed: number, meanMs: number): () => number {
	const random = prng(seed ^ 0x5eed);
	return () => Math.round(meanMs * (0.7 + 0.6 * random()));
}
