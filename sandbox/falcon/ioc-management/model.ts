/** IOC Management: the indicator record and the API's enumerations and limits. */

export const IOC_TYPES = ['sha256', 'md5', 'domain', 'ipv4', 'ipv6'] as const;
export type IocType = (typeof IOC_TYPES)[number];

export const ACTIONS = ['no_action', 'allow', 'prevent_no_ui', 'prevent', 'detect'] as const;
export type IocAction = (typeof ACTIONS)[number];

export const MOBILE_ACTIONS = ['no_action', 'allow', 'detect', 'prevent'] as const;

export const PLATFORMS = ['windows', 'mac', 'linux', 'ios', 'android'] as const;

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;

export const SEVERITY_NUMBER: Record<string, number> = {
	informational: 10,
	low: 20,
	medium: 50,
	high: 70,
	critical: 90,
};

/** Actions allowed for network indicators (the blocking ones apply to hashes only). */
export const NETWORK_ACTIONS: readonly string[] = ['no_action', 'detect'];

const DESKTOP = ['windows', 'mac', 'linux'];
const HASHES_ONLY = { sha256: DESKTOP, md5: DESKTOP };
const EVERY_TYPE = { sha256: DESKTOP, md5: DESKTOP, domain: [...DESKTOP, 'ios', 'android'], ipv4: [...DESKTOP, 'ios', 'android'], ipv6: [...DESKTOP, 'ios', 'android'] };

/**
 * What action_get_v1 answers per action: api.ActionV1 is `{id, platforms_by_type, severities}`
 * (the indicator types and platforms the action applies to, and the severities it takes). There is
 * no name or description in the API's record.
 */
export const ACTION_RECORDS: Record<IocAction, { platforms_by_type: Record<string, string[]>; severities: string[] }> = {
	no_action: { platforms_by_type: EVERY_TYPE, severities: [] },
	allow: { platforms_by_type: HASHES_ONLY, severities: [] },
	prevent_no_ui: { platforms_by_type: HASHES_ONLY, severities: [...SEVERITIES] },
	prevent: { platforms_by_type: HASHES_ONLY, severities: [...SEVERITIES] },
	detect: { platforms_by_type: EVERY_TYPE, severities: [...SEVERITIES] },
};

/** Limits the API enforces. */
export const MAX_INDICATORS_PER_REQUEST = 2000;
export const MAX_SEARCH_LIMIT = 2000;
export const DEFAULT_SEARCH_LIMIT = 100;
export const MAX_OFFSET_WINDOW = 10_000;
export const MAX_SOURCE_LENGTH = 256;
export const MAX_DESCRIPTION_LENGTH = 4096;
export const MAX_DOMAIN_LENGTH = 200;
export const MAX_IDS_PER_REQUEST = 2000;

export interface IndicatorMetadata {
	filename?: string;
	av_hits?: number;
	signed?: boolean;
	[key: string]: unknown;
}

/** An indicator as the API answers it. */
export interface Indicator {
	id: string;
	type: IocType;
	value: string;
	action: IocAction;
	mobile_action?: string;
	severity: string;
	platforms: string[];
	applied_globally: boolean;
	host_groups: string[];
	expiration?: string;
	expired: boolean;
	deleted: boolean;
	source?: string;
	description?: string;
	tags: string[];
	metadata: IndicatorMetadata;
	created_by: string;
	created_on: string;
	modified_by: string;
	modified_on: string;
	from_parent: boolean;
}

/** How the store keeps an indicator: the public record plus precomputed sort/filter keys. */
export interface IocEntry {
	doc: Indicator;
	seq: number;
	createdMs: number;
	modifiedMs: number;
	expirationMs: number | null;
}

export function severityNumber(severity: string | undefined): number | null {
	return severity ? (SEVERITY_NUMBER[severity] ?? null) : null;
}
