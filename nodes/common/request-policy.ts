/** How a node's transport paces, retries and parallelises, read from the node's Request Options collection. */
import type { IDataObject } from 'n8n-workflow';

export interface RequestPolicy {
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
	/**
	 * The most time one request spends waiting in all, over all its retries (rate limits, server
	 * errors, token calls): a wait that would go past it is not started, the request fails instead.
	 */
	maxTotalWaitMs: number;
	retryBaseMs: number;
	/** The API's published rate limit per tenant: requests never start faster (not a node option). */
	maxRequestsPerMinute?: number;
}

export function readRequestPolicy(options: IDataObject | undefined, defaults: RequestPolicy): RequestPolicy {
	const pick = (name: string, fallback: number, min: number, max: number) => {
		const value = Number(options?.[name] ?? fallback);
		return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
	};
	return {
		concurrency: pick('concurrency', defaults.concurrency, 1, 50),
		maxRetries: pick('maxRetries', defaults.maxRetries, 0, 20),
		timeoutMs: pick('timeout', defaults.timeoutMs, 1000, 600_000),
		maxTotalWaitMs: pick('maxWaitSeconds', defaults.maxTotalWaitMs / 1000, 1, 3600) * 1000,
		retryBaseMs: pick('retryBaseMs', defaults.retryBaseMs, 10, 60_000),
		...(defaults.maxRequestsPerMinute ? { maxRequestsPerMinute: defaults.maxRequestsPerMinute } : {}),
	};
}
