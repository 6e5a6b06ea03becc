export const FALCON_CLOUDS = {
	'us-1': 'https://api.crowdstrike.com',
	'us-2': 'https://api.us-2.crowdstrike.com',
	'eu-1': 'https://api.eu-1.crowdstrike.com',
	'us-gov-1': 'https://api.laggar.gcw.crowdstrike.com',
	'us-gov-2': 'https://api.us-gov-2.crowdstrike.mil',
} as const;

export type FalconCloud = keyof typeof FALCON_CLOUDS;

export function isFalconCloud(value: unknown): value is FalconCloud {
	return typeof value === 'string' && value in FALCON_CLOUDS;
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.test(hostname);
}

/** CrowdStrike's own API hosts: the only targets a token-call redirect may lead to. */
export function isCrowdStrikeHost(hostname: string): boolean {
	return /(^|\.)crowdstrike\.(com|mil)$/i.test(hostname);
}

/**
 * A base URL the credential may send secrets to: https anywhere, plain http only on loopback
 * (the embedded sandbox). Returns the URL without a trailing slash, or throws a message fit for the user.
 */
export function checkedBaseUrl(raw: string, fieldName: string): string {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- also used by the credential, which has no node
		throw new Error(`${fieldName} "${raw}" is not a valid URL`);
	}
	 
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new Error(`${fieldName} must use https:// (plain http:// is only allowed for loopback hosts such as the sandbox)`);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
