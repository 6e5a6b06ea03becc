import type { FeedSeed } from './falcon/ioc-management/seed';
import type { ExchangeListener } from './core/exchange';
import type { FaultConfig } from './core/faults';
import type { RequestLogEntry } from './core/request-log';
import type { Router } from './core/router';
import type { OrionCredentials } from './orion/state';
import type { SandboxState } from './state';

export type { FaultConfig } from './core/faults';
export type { RequestLogEntry } from './core/request-log';

/** The knobs of a running sandbox. `sandbox.config` is live: change a field and the next request sees it. */
export interface SandboxConfig {
	/** Region reported in `X-Cs-Region` by /oauth2/token (default 'us-1'). */
	region: string;
	/** Lifetime of issued tokens in seconds (default 1799). */
	tokenLifetimeSeconds: number;
	/** Accepted requests per sliding 60 s window per API client (default 6000; 0 = unlimited). */
	rateLimitPerMinute: number;
	/** Requests with a missing/invalid/expired token per source IP per 60 s (default 15; 0 = unlimited). */
	badTokenRateLimitPerMinute: number;
	/** /oauth2/token and /oauth2/revoke calls per source IP per 60 s (default 300; 0 = unlimited). */
	tokenRateLimitPerMinute: number;
	/** Unit of `X-RateLimit-RetryAfter`: epoch seconds (default, as gofalcon reads it) or epoch milliseconds. */
	retryAfterUnit: 'seconds' | 'milliseconds';
	/** Time from an API request's arrival to its answer, in ms (default 0); the sandbox's own handling counts toward it. */
	latencyMs: number;
	/** Fault injection (all rates 0..1). */
	faults: FaultConfig;
	/** Path prefixes the API client has no scope for (or the tenant no licence): answered 403 `access denied, authorization failed` (default none). */
	forbiddenPaths: string[];
	/** When set, token calls answer 308 with `Location` pointing there (region redirect tests). */
	redirectTokenTo: string | null;
	/** Largest accepted request body in bytes (default 256 MiB + 1 MiB for multipart framing); larger answers 413. */
	maxBodyBytes: number;
	/** Request log size (default 5000 most recent; 0 = keep none, -1 = unbounded). */
	requestLogLimit: number;
	/** Quick Scan and Quick Scan Pro: how long a scan stays `pending` (`running`) before it is `done`, in ms (default 2000). */
	scanDelayMs: number;
	/** Quick Scan Pro: the scans the account may launch (default 10000); past it LaunchScan answers 429. */
	quickScanProQuota: number;
	/** Quick Scan Pro: `meta` as the swagger literally declares quickscanpro.MetaInfo, msa.MetaInfo under `meta.MetaInfo` (default false: its fields in `meta` itself, as Go embedding puts them). */
	quickScanProNestedMeta: boolean;
	/** Hosts: how long a containment (or the lifting of one) stays pending before it takes effect, in ms (default 2000). */
	containmentDelayMs: number;
	/**
	 * API scopes the sandbox's client lacks (e.g. `devices:write`, `host-group:write`, `alerts:write`):
	 * requests that need one answer 403 "access denied, authorization failed". Default none.
	 */
	deniedScopes: string[];
	/** Sample Uploads and Quick Scan Pro: largest accepted file in bytes (default 256 MiB, the API's limit); larger answers 413 (Quick Scan Pro: 400). */
	maxSampleBytes: number;
	/** Cytomic Orion: how long a retrospective search takes, in ms (default 0). */
	orionRetrospectiveDelayMs: number;
	/** Cytomic Orion: past this many ms a retrospective search ends without results, 504 (default 90000, the API's limit). */
	orionRetrospectiveLimitMs: number;
	/** Seed data: 'demo' (about 40 indicators, default) or 'empty'. */
	seed: 'demo' | 'empty';
	/** Seed of every pseudo-random choice (data generation). Default 1. */
	randomSeed: number | string;
	/** The customer id (CID) of the emulated account (32 upper-case hex). */
	cid: string;
	/** Child CIDs an MSSP parent may act for with `member_cid`. */
	memberCids: string[];
}

export interface ClientCredentials {
	clientId: string;
	clientSecret: string;
}

/** Registers a service's routes. State lives in `state` (see sandbox/state.ts). */
export type ServiceRegistrar = (router: Router, state: SandboxState, config: SandboxConfig) => void;

export interface SandboxOptions extends Partial<Omit<SandboxConfig, 'faults'>> {
	/** Port to listen on; 0 (default) picks a free one. */
	port?: number;
	/** Interface to bind (default 127.0.0.1: loopback only). */
	host?: string;
	faults?: Partial<FaultConfig>;
	/** Falcon API client credentials the sandbox accepts (defaults are fixed and printed by the CLI). */
	falcon?: Partial<ClientCredentials>;
	/** Cytomic Orion application and user the sandbox accepts (defaults are fixed and printed by the CLI). */
	orion?: Partial<OrionCredentials>;
	/** Extra registrars (tests, experiments), run after those of sandbox/services.ts. */
	services?: ServiceRegistrar[];
}

export interface Sandbox {
	/** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
	url: string;
	port: number;
	host: string;
	falcon: ClientCredentials;
	/** Cytomic Orion credentials (token at `${url}/orion/oauth/token`, API at `${url}/orion/api/v1/applications`). */
	orion: OrionCredentials;
	config: SandboxConfig;
	/** The request log (live array, oldest first). */
	readonly requests: RequestLogEntry[];
	state: SandboxState;
	/** Invalidates every issued token (the next API call answers 401). Answers how many were live. */
	expireTokens(): number;
	clearRequests(): void;
	/** Back to the seed data; clears tokens, request log and rate-limit windows. Config stays. */
	reset(): void;
	/** Bulk-creates `count` synthetic indicators (fast; for benchmarks). Answers the new ids. */
	seedIndicators(count: number): string[];
	/** Bulk-creates a feed's sha256 indicators of one source (fast; for Sync benchmarks and demos). Answers the new ids. */
	seedFeed(seed: FeedSeed): string[];
	/** Sees every request this sandbox answers, with the answer (contract tests). Answers a remover. */
	onExchange(listener: ExchangeListener): () => void;
	close(): Promise<void>;
}
