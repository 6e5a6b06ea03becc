export const FALCON_CLOUDS = {
	'us-1': 'https://api.crowdstrike.com',
	'us-2': 'https://api.us-2.crowdstrike.com',
	'eu-1': 'https://api.eu-1.crowdstrike.com',
	'us-gov-1': 'https://api.laggar.gcw.crowdstrike.com',
	'us-gov-2': 'https://api.us-gov-2.crowdstrike.mil',
} as const;

export type FalconCloud = keyof typeof FALCON_CLOUDS;

export function isFalconCloud(value: unknown): value is FalconCloud {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FALCON_CLOUDS, value);
}

export { checkedBaseUrl, isLoopbackHost } from '../../common/urls';

/** CrowdStrike's own API hosts: the only targets a token-call redirect may lead to. */
export function isCrowdStrikeHost(hostname: string): boolean {
	return /(^|\.)crowdstrike\.(com|mil)$/i.test(hostname);
}
