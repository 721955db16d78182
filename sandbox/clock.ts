/** The server clock: real time, an injected clock, or a pinned instant (tests). */
import { formatTimestamp } from './timestamps';

export class Clock {
	private pinned: Date | null = null;
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

	/** Now, as a wire Timestamp in the server's zone (memoised per second: bulk inserts ask often). */
	timestamp(): string {
		const second = Math.floor(this.now().getTime() / 1000);
		if (second !== this.lastSecond) {
			this.lastSecond = second;
			this.lastText = formatTimestamp(new Date(second * 1000), this.timeZone);
		}
		return this.lastText;
	}
}
