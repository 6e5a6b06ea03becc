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

	private readonly minGapMs: number;

	private readonly now: () => number;

	private readonly wait: (ms: number) => Promise<void>;

	/**
	 * `minGapMs`: the least time between two starts, from the API's rate limit (6,000 a minute is
	 * 10 ms): a Concurrency above what the latency needs never outruns the limit, which the tenant
	 * shares with all its other integrations.
	 */
	constructor(
		private readonly concurrency: number,
		options: { minGapMs?: number; now?: () => number; wait?: (ms: number) => Promise<void> } = {},
	) {
		this.minGapMs = options.minGapMs ?? 0;
		this.now = options.now ?? Date.now;
		this.wait = options.wait ?? sleep;
	}

	/** Waits until this request's start is due. */
	async turn(): Promise<void> {
		const spread = this.concurrency > 1 && Number.isFinite(this.shortestRoundTripMs) ? this.shortestRoundTripMs / this.concurrency : 0;
		const gap = Math.max(spread, this.minGapMs);
		if (gap <= 0) return;
		const now = this.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + gap;
		if (startAt > now) await this.wait(startAt - now);
	}

	answered(roundTripMs: number): void {
		if (roundTripMs > 0) this.shortestRoundTripMs = Math.min(this.shortestRoundTripMs, roundTripMs);
	}
}
