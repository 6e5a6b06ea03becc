/**
 * Sliding-window rate limiter: at most `limit` accepted hits per key within any `windowMs`.
 * Rejected hits are not counted. A limit of 0 (or less) means unlimited.
 */
export interface RateDecision {
	allowed: boolean;
	unlimited: boolean;
	limit: number;
	remaining: number;
	/** Epoch ms when the oldest counted hit leaves the window (a slot frees). */
	resetAtMs: number;
}

/** Value sent in X-RateLimit-Limit/Remaining when a limit is switched off. */
export const UNLIMITED_HEADER_VALUE = 1_000_000;

class Window {
	hits: number[] = [];
	head = 0;

	prune(cutoff: number): void {
		const hits = this.hits;
		let h = this.head;
		while (h < hits.length && hits[h] <= cutoff) h++;
		this.head = h;
		// Compact now and then so the array does not grow forever.
		if (h > 1024 && h * 2 > hits.length) {
			this.hits = hits.slice(h);
			this.head = 0;
		}
	}

	get count(): number {
		return this.hits.length - this.head;
	}

	get oldest(): number | undefined {
		return this.hits[this.head];
	}
}

export class SlidingWindowLimiter {
	private readonly windows = new Map<string, Window>();

	constructor(
		readonly windowMs = 60_000,
		private readonly now: () => number = Date.now,
	) {}

	/** Counts a hit for `key` if the limit allows it. */
	hit(key: string, limit: number): RateDecision {
		const now = this.now();
		if (!(limit > 0)) {
			return { allowed: true, unlimited: true, limit: UNLIMITED_HEADER_VALUE, remaining: UNLIMITED_HEADER_VALUE, resetAtMs: now };
		}
		let w = this.windows.get(key);
		if (!w) {
			w = new Window();
			this.windows.set(key, w);
		}
		w.prune(now - this.windowMs);
		if (w.count >= limit) {
			const oldest = w.hits[w.head + (w.count - limit)] ?? w.oldest ?? now;
			return { allowed: false, unlimited: false, limit, remaining: 0, resetAtMs: oldest + this.windowMs };
		}
		w.hits.push(now);
		const oldest = w.oldest ?? now;
		return { allowed: true, unlimited: false, limit, remaining: Math.max(0, limit - w.count), resetAtMs: oldest + this.windowMs };
	}

	/** The current state for `key` without counting a hit. */
	peek(key: string, limit: number): RateDecision {
		const now = this.now();
		if (!(limit > 0)) {
			return { allowed: true, unlimited: true, limit: UNLIMITED_HEADER_VALUE, remaining: UNLIMITED_HEADER_VALUE, resetAtMs: now };
		}
		const w = this.windows.get(key);
		if (!w) return { allowed: true, unlimited: false, limit, remaining: limit, resetAtMs: now + this.windowMs };
		w.prune(now - this.windowMs);
		return {
			allowed: w.count < limit,
			unlimited: false,
			limit,
			remaining: Math.max(0, limit - w.count),
			resetAtMs: (w.oldest ?? now) + this.windowMs,
		};
	}

	clear(): void {
		this.windows.clear();
	}
}

/** The standard rate-limit headers for a decision. */
export function rateLimitHeaders(
	decision: RateDecision,
	retryAfterUnit: 'seconds' | 'milliseconds',
): Record<string, string | number> {
	const headers: Record<string, string | number> = {
		'X-RateLimit-Limit': decision.limit,
		'X-RateLimit-Remaining': decision.remaining,
	};
	if (!decision.allowed) headers['X-RateLimit-RetryAfter'] = retryAfterValue(decision.resetAtMs, retryAfterUnit);
	return headers;
}

/** Epoch seconds (rounded up) or epoch ms, as configured. */
export function retryAfterValue(atMs: number, unit: 'seconds' | 'milliseconds'): number {
	return unit === 'milliseconds' ? Math.ceil(atMs) : Math.ceil(atMs / 1000);
}
