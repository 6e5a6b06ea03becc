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

export const ACTION_DETAILS: Record<IocAction, { name: string; description: string }> = {
	no_action: { name: 'No Action', description: 'Save the indicator for future use, but take no action. No severity required.' },
	allow: { name: 'Allow', description: 'Applies to hashes only. Allow the indicator and do not detect it. Severity does not apply and should not be provided.' },
	prevent_no_ui: { name: 'Block, hide detection', description: 'Applies to hashes only. Block and detect the indicator, but hide it from Activity > Detections. Has a default severity value.' },
	prevent: { name: 'Block', description: 'Applies to hashes only. Block the indicator and show it as a detection at the selected severity.' },
	detect: { name: 'Detect only', description: 'Show the indicator as a detection at the selected severity.' },
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
