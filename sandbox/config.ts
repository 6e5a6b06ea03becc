/** Default configuration, option merging, and validated live patches (PATCH /_sandbox/config). */
import { ApiError } from './core/envelope';
import { DEFAULT_FAULTS, type FaultConfig } from './core/faults';
import { DEFAULT_CID, DEFAULT_MEMBER_CIDS } from './falcon/seed-data';
import type { SandboxConfig, SandboxOptions } from './types';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024 + 1024 * 1024;

export function defaultConfig(): SandboxConfig {
	return {
		region: 'us-1',
		tokenLifetimeSeconds: 1799,
		rateLimitPerMinute: 6000,
		badTokenRateLimitPerMinute: 15,
		tokenRateLimitPerMinute: 300,
		retryAfterUnit: 'seconds',
		latencyMs: 0,
		faults: { ...DEFAULT_FAULTS },
		redirectTokenTo: null,
		forbiddenPaths: [],
		maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
		requestLogLimit: 5000,
		scanDelayMs: 2000,
		quickScanProQuota: 10_000,
		quickScanProNestedMeta: false,
		containmentDelayMs: 2000,
		deniedScopes: [],
		maxSampleBytes: 256 * 1024 * 1024,
		orionRetrospectiveDelayMs: 0,
		orionRetrospectiveLimitMs: 90_000,
		seed: 'demo',
		randomSeed: 1,
		cid: DEFAULT_CID,
		memberCids: [...DEFAULT_MEMBER_CIDS],
	};
}

const OPTION_ONLY_KEYS = new Set(['port', 'host', 'falcon', 'orion', 'services']);

/** Config from startSandbox options (unknown keys are ignored; bad values throw). */
export function buildConfig(options: SandboxOptions = {}): SandboxConfig {
	const config = defaultConfig();
	const patch: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(options)) if (!OPTION_ONLY_KEYS.has(k) && v !== undefined) patch[k] = v;
	try {
		applyConfigPatch(config, patch);
	} catch (err) {
		if (err instanceof ApiError) throw new Error(`startSandbox: ${err.message}`);
		throw err;
	}
	return config;
}

type Check = (v: unknown) => string | undefined;

const nonNegative: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'must be a number >= 0');
const rate: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'must be a number between 0 and 1');
const str: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty string');

const CHECKS: Record<Exclude<keyof SandboxConfig, 'faults'>, Check> = {
	region: str,
	tokenLifetimeSeconds: nonNegative,
	rateLimitPerMinute: nonNegative,
	badTokenRateLimitPerMinute: nonNegative,
	tokenRateLimitPerMinute: nonNegative,
	retryAfterUnit: (v) => (v === 'seconds' || v === 'milliseconds' ? undefined : "must be 'seconds' or 'milliseconds'"),
	latencyMs: nonNegative,
	forbiddenPaths: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be a list of path prefixes'),
	redirectTokenTo: (v) => (v === null || typeof v === 'string' ? undefined : 'must be a URL string or null'),
	maxBodyBytes: nonNegative,
	requestLogLimit: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= -1 ? undefined : 'must be an integer >= -1'),
	scanDelayMs: nonNegative,
	quickScanProQuota: nonNegative,
	quickScanProNestedMeta: (v) => (typeof v === 'boolean' ? undefined : 'must be a boolean'),
	containmentDelayMs: nonNegative,
	deniedScopes: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be a list of scope names'),
	maxSampleBytes: nonNegative,
	orionRetrospectiveDelayMs: nonNegative,
	orionRetrospectiveLimitMs: nonNegative,
	seed: (v) => (v === 'demo' || v === 'empty' ? undefined : "must be 'demo' or 'empty'"),
	randomSeed: (v) => (typeof v === 'number' || typeof v === 'string' ? undefined : 'must be a number or a string'),
	cid: str,
	memberCids: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be a list of strings'),
};

const FAULT_CHECKS: Record<keyof FaultConfig, Check> = {
	seed: (v) => (typeof v === 'number' || typeof v === 'string' ? undefined : 'must be a number or a string'),
	rate5xx: rate,
	rateDrop: rate,
	rateSlow: rate,
	slowMs: nonNegative,
	rateMalformed: rate,
	rate429: rate,
	includeTokenCalls: (v) => (typeof v === 'boolean' ? undefined : 'must be a boolean'),
	paths: (v) => (v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string')) ? undefined : 'must be a list of path prefixes'),
};

/**
 * Validates then applies a partial config in place (`faults` merged key by key).
 * Throws ApiError(400) naming the first bad key; nothing is applied then.
 */
export function applyConfigPatch(config: SandboxConfig, patch: unknown): SandboxConfig {
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new ApiError(400, 'config patch must be a JSON object');
	const p = patch as Record<string, unknown>;
	for (const [key, value] of Object.entries(p)) {
		if (key === 'faults') {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'faults must be an object');
			for (const [fk, fv] of Object.entries(value)) {
				const check = (FAULT_CHECKS as Record<string, Check>)[fk];
				if (!check) throw new ApiError(400, `Unknown faults key '${fk}'. Known: ${Object.keys(FAULT_CHECKS).join(', ')}`);
				const problem = check(fv);
				if (problem) throw new ApiError(400, `faults.${fk} ${problem}`);
			}
			continue;
		}
		const check = (CHECKS as Record<string, Check>)[key];
		if (!check) throw new ApiError(400, `Unknown config key '${key}'. Known: ${[...Object.keys(CHECKS), 'faults'].join(', ')}`);
		const problem = check(value);
		if (problem) throw new ApiError(400, `${key} ${problem}`);
	}
	for (const [key, value] of Object.entries(p)) {
		if (key === 'faults') Object.assign(config.faults, value);
		else (config as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
	}
	return config;
}

/** A deep copy (for "reset config to what it was at start"). */
export function cloneConfig(config: SandboxConfig): SandboxConfig {
	return { ...config, faults: { ...config.faults, ...(config.faults.paths ? { paths: [...config.faults.paths] } : {}) }, memberCids: [...config.memberCids], forbiddenPaths: [...config.forbiddenPaths], deniedScopes: [...config.deniedScopes] };
}

/** Restores `target` in place from `source` (keeps object identity: sandbox.config stays valid). */
export function restoreConfig(target: SandboxConfig, source: SandboxConfig): void {
	const copy = cloneConfig(source);
	const faults = target.faults;
	for (const k of Object.keys(faults)) delete (faults as unknown as Record<string, unknown>)[k];
	Object.assign(faults, copy.faults);
	Object.assign(target, { ...copy, faults });
}
