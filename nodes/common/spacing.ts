import { sleep } from 'n8n-workflow';

/**
 * Spreads the starts of concurrent requests over one round trip: at most `concurrency` starts per
 * shortest round trip seen so far. Requests started together are answered together, and n8n reads
 * answers one after the other in one thread, so the last of them waits for all the others; spread
 * out, each answer is read as it arrives. As the spacing comes from the shortest round trip, it never
 * holds requests back below what Concurrency allows anyway.
 */
export class RequestSpacer {
	private shortestRoundTripMs = Number.POSITIVE_INFINITY;

	private nextStartAt = 0;

	constructor(
		private readonly concurrency: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/** Waits until this request's start is due. */
	async turn(): Promise<void> {
		if (this.concurrency <= 1 || !Number.isFinite(this.shortestRoundTripMs)) return;
		const now = this.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + this.shortestRoundTripMs / this.concurrency;
		if (startAt > now) await this.wait(startAt - now);
	}

	answered(roundTripMs: number): void {
		if (roundTripMs > 0) this.shortestRoundTripMs = Math.min(this.shortestRoundTripMs, roundTripMs);
	}
}
