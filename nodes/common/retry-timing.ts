/** How long to wait before retry number `attempt` (0-based): exponential with full jitter, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Milliseconds until the moment a rate-limit header names. CrowdStrike documents epoch milliseconds,
 * its Go SDK reads epoch seconds: a value above 1e12 is taken as milliseconds. Small values are
 * read as a delay in seconds, as a plain Retry-After header is.
 */
export function retryAfterMs(headerValue: string | undefined, now = Date.now()): number | undefined {
	if (headerValue === undefined || headerValue.trim() === '') return undefined;
	const value = Number(headerValue);
	if (!Number.isFinite(value) || value < 0) return undefined;
	if (value > 1e12) return Math.max(0, value - now);
	if (value > 1e9) return Math.max(0, value * 1000 - now);
	return value * 1000;
}
