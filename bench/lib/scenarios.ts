/**
 * The four jobs, as data every contender reads: what to send, how the sandbox is set up for it,
 * the bound, and the targets our node must meet.
 */
import type { FeedSeed } from '../../sandbox/falcon/ioc-management/seed';
import { BOUND_CONCURRENCY, LATENCY_MS, boundMs, type BoundInput } from './config';

export type ScenarioId = 's1' | 's2' | 's3' | 's4' | 's5m10' | 's5m50' | 's5' | 's6';

export interface Scenario {
	id: ScenarioId;
	number: number;
	title: string;
	/** Input items (type + value); none for a Return All. */
	items: number;
	/** Prefix of the generated sha256 values (see `sha256For`). */
	valuePrefix: string;
	/** Position of the first input item's value (default 0). */
	firstItem?: number;
	/** Indicators of one source seeded before the run (the sandbox's seed/feed). */
	feedSeed?: FeedSeed;
	/** A bound of phases one after the other (each L + max(⌈N/C⌉·L, N/R·60 s) without its own token call), when one N and C do not describe the job. */
	boundPhases?: BoundInput[];
	/** Indicators seeded before the run (sandbox's seedIndicators). */
	seedIndicators: number;
	/** Share of API requests the sandbox answers 429 (faults.rate429). */
	rate429: number;
	/** The least work the job needs, for the bound. */
	bound: BoundInput;
	/** Why those numbers. */
	boundNote: string;
	targets: {
		/** Requests the job may take, token calls included. */
		maxRequests?: number;
		/** Wall time as a multiple of the bound. */
		maxBoundRatio?: number;
		/** Items that may fail. */
		maxFailed?: number;
		/** Wall time as a multiple of the plain client's (b) in the same run. */
		maxPlainRatio?: number;
	};
}

/** The source of scenario 6's indicators. */
export const SYNC_SOURCE = 'Bench feed';

/** Indicators per create request (what CrowdStrike's PSFalcon sends, and our node's default Batch Size). */
export const CREATE_BATCH = 100;
/** The API's largest page for indicator queries. */
export const PAGE_SIZE = 2000;

export const SCENARIOS: Scenario[] = [
	{
		id: 's1',
		number: 1,
		title: 'Create 10,000 indicators from items',
		items: 10_000,
		valuePrefix: 'bc01',
		seedIndicators: 0,
		rate429: 0,
		bound: { requests: 10_000 / CREATE_BATCH, concurrency: BOUND_CONCURRENCY },
		boundNote: `100 creates of ${CREATE_BATCH} indicators, C = ${BOUND_CONCURRENCY}`,
		targets: { maxRequests: 101, maxBoundRatio: 1.3, maxFailed: 0 },
	},
	{
		id: 's2',
		number: 2,
		title: 'Return All of 50,000 indicators',
		items: 1,
		valuePrefix: '',
		seedIndicators: 50_000,
		rate429: 0,
		bound: { requests: 50_000 / PAGE_SIZE, concurrency: 1 },
		boundNote: `25 pages of ${PAGE_SIZE}, one after the other (each page needs the previous page's \`after\` cursor), C = 1`,
		targets: { maxRequests: 26, maxFailed: 0, maxPlainRatio: 1.05 },
	},
	{
		id: 's3',
		number: 3,
		title: '1,000 per-item look-ups (device count of 1,000 hashes)',
		items: 1000,
		valuePrefix: 'bc03',
		seedIndicators: 0,
		rate429: 0,
		bound: { requests: 1000, concurrency: BOUND_CONCURRENCY },
		boundNote: `1,000 look-ups, C = ${BOUND_CONCURRENCY}`,
		targets: { maxBoundRatio: 1.5, maxFailed: 0 },
	},
	{
		id: 's4',
		number: 4,
		title: 'Scenario 1 while a quarter of the requests answer 429',
		items: 10_000,
		valuePrefix: 'bc01',
		seedIndicators: 0,
		rate429: 0.25,
		// A request fails with probability p = 0.25: 100 creates take 100/(1−p) ≈ 134 requests on average.
		bound: { requests: Math.ceil(10_000 / CREATE_BATCH / 0.75), concurrency: BOUND_CONCURRENCY },
		boundNote: `≈134 requests (100 creates ÷ 0.75 success rate), C = ${BOUND_CONCURRENCY}; the ~1 s RetryAfter waits are not counted`,
		targets: { maxFailed: 0 },
	},
	...[10_000, 50_000, 100_000].map(
		(items): Scenario => ({
			id: items === 100_000 ? 's5' : items === 50_000 ? 's5m50' : 's5m10',
			number: 5,
			title: `Create ${items.toLocaleString('en-US')} indicators from items${items === 100_000 ? '' : ' (memory point of scenario 5)'}`,
			items,
			valuePrefix: 'bc05',
			seedIndicators: 0,
			rate429: 0,
			bound: { requests: items / CREATE_BATCH, concurrency: BOUND_CONCURRENCY },
			boundNote: `${(items / CREATE_BATCH).toLocaleString('en-US')} creates of ${CREATE_BATCH} indicators, C = ${BOUND_CONCURRENCY}`,
			targets: items === 100_000 ? { maxRequests: 1001, maxBoundRatio: 1.15, maxFailed: 0 } : { maxFailed: 0 },
		}),
	),
	{
		id: 's6',
		number: 6,
		title: 'Sync a 100,000-indicator feed against 100,000 existing (5 % new, 5 % changed, 5 % removed)',
		items: 100_000,
		valuePrefix: 'bc06',
		firstItem: 5_000,
		seedIndicators: 0,
		feedSeed: { count: 100_000, source: SYNC_SOURCE, sha256Prefix: 'bc06', changedBelow: 10_000, otherSeverity: 'low', severity: 'high', platforms: ['windows', 'linux'] },
		rate429: 0,
		bound: { requests: 50 + 150, concurrency: BOUND_CONCURRENCY },
		boundPhases: [
			{ requests: 100_000 / PAGE_SIZE, concurrency: 1 },
			{ requests: 3 * (5_000 / CREATE_BATCH), concurrency: BOUND_CONCURRENCY },
		],
		boundNote: `50 list pages of ${PAGE_SIZE} one after the other, then 50 creates, 50 updates and 50 deletes of 100 at C = ${BOUND_CONCURRENCY}`,
		targets: { maxRequests: 201, maxBoundRatio: 1.3, maxFailed: 0 },
	},
];

/** A valid, unique sha256 value for item `index` of a scenario. The same in every contender. */
export function sha256For(prefix: string, index: number): string {
	return `${prefix}${index.toString(16).padStart(64 - prefix.length, '0')}`;
}

/** The same, as the JavaScript a Code node runs to make the input items in the real n8n. */
export function itemsCode(scenario: Scenario): string {
	const width = 64 - scenario.valuePrefix.length;
	const first = scenario.firstItem ?? 0;
	return `return Array.from({ length: ${scenario.items} }, (_, i) => ({ json: { type: 'sha256', value: '${scenario.valuePrefix}' + (i + ${first}).toString(16).padStart(${width}, '0') } }));`;
}

export function inputItems(scenario: Scenario): Array<{ json: { type: string; value: string } }> {
	return Array.from({ length: scenario.items }, (_, index) => ({
		json: { type: 'sha256', value: sha256For(scenario.valuePrefix, index + (scenario.firstItem ?? 0)) },
	}));
}

export function scenarioBoundMs(scenario: Scenario): number {
	if (!scenario.boundPhases) return boundMs(scenario.bound);
	return LATENCY_MS + scenario.boundPhases.reduce((sum, phase) => sum + boundMs(phase) - LATENCY_MS, 0);
}

/** The IOC fields every create sends (ours: node parameters; baselines: the JSON body). */
export const CREATE_FIELDS = {
	action: 'detect',
	severity: 'high',
	platforms: ['windows', 'linux'],
	applied_globally: true,
} as const;

export const PATHS = {
	create: '/iocs/entities/indicators/v1',
	combined: '/iocs/combined/indicator/v1',
	deviceCount: '/iocs/aggregates/indicators/device-count/v1',
	token: '/oauth2/token',
} as const;
