/** The server clock: real time, an injected clock, or a pinned instant (tests). */
import { formatTimestamp } from './timestamps';

export class Clock {
	private pinned: Date | null = null;
	/**
	 * How far behind the clock writes are stamped (ms): a server that takes the timestamp when a
	 * transaction starts and commits it later, so a change becomes visible with a time in the past.
	 */
	private stampLagMs = 0;
	private lastSecond = Number.NaN;
	private lastText = '';

	constructor(
		readonly timeZone: string,
		private readonly source: () => Date = () => new Date(),
	) {}

	pin(date: Date | null): void {
		this.pinned = date ? new Date(date.getTime()) : null;
	}

	now(): Date {
		return this.pinned ? new Date(this.pinned.getTime()) : this.source();
	}

	/** Writes from now on are stamped `seconds` before the clock (0 = at the clock, the default). */
	setStampLag(seconds: number): void {
		if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`stamp lag must be a number of seconds >= 0 (got ${seconds})`);
		this.stampLagMs = seconds * 1000;
	}

	/** The time a write is stamped with now, as a wire Timestamp in the server's zone (memoised per second: bulk inserts ask often). */
	timestamp(): string {
		const second = Math.floor((this.now().getTime() - this.stampLagMs) / 1000);
		if (second !== this.lastSecond) {
			this.lastSecond = second;
			this.lastText = formatTimestamp(new Date(second * 1000), this.timeZone);
		}
		return this.lastText;
	}
}
