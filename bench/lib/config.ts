/**
 * The numbers every scenario shares: the sandbox's latency and rate limit, and the bound they set.
 */
import type { SandboxOptions } from '../../sandbox';

/** Latency the sandbox adds to every API answer (token calls included). */
export const LATENCY_MS = 50;
/** Accepted requests per sliding 60 s window per API client, as Falcon's documented limit. */
export const RATE_LIMIT_PER_MINUTE = 6000;
/**
 * Requests in flight used for the bound: the concurrency at which latency and rate limit bind
 * together (R/60 s × L = 100/s × 0.05 s = 5). More in flight cannot go faster for long without
 * passing the rate limit; fewer leaves the latency as the wall. Our default Concurrency is 6, with
 * starts never closer than the rate limit allows (10 ms): the bound is the rate term either way.
 */
export const BOUND_CONCURRENCY = Math.ceil((RATE_LIMIT_PER_MINUTE / 60_000) * LATENCY_MS);

/** The sandbox every run starts from (a reset with `{config: true}` comes back to this). */
export const BASE_SANDBOX_CONFIG: Omit<SandboxOptions, 'port' | 'host'> = {
	latencyMs: LATENCY_MS,
	rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
	// No seed data: the 50,000 indicators of scenario 2 are exactly 25 pages of 2,000.
	seed: 'empty',
	// Every request of a run is counted, however many (the default keeps the last 5,000).
	requestLogLimit: -1,
	faults: { seed: 'bench' },
};

export interface BoundInput {
	/** API requests the job needs at the least (token call not included). */
	requests: number;
	/** Requests that may be in flight together (1 for a cursor chain, where each page needs the previous). */
	concurrency: number;
}

/**
 * The physical limit for a job: one token call (L) before anything, then N requests of latency L
 * with at most C in flight and at most R a minute: L + max(ceil(N/C)·L, N/R·60 s).
 */
export function boundMs({ requests, concurrency }: BoundInput): number {
	const latencyBound = Math.ceil(requests / concurrency) * LATENCY_MS;
	const rateBound = (requests / RATE_LIMIT_PER_MINUTE) * 60_000;
	return LATENCY_MS + Math.max(latencyBound, rateBound);
}
