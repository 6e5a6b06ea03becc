import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { FALCON_CLOUDS, checkedBaseUrl, isFalconCloud } from './clouds';

/** The stored fields of the CrowdStrike Falcon API credential, as the transport and the credential read them. */
export interface FalconCredentialData {
	cloud: string;
	customBaseUrl?: string;
	clientId: string;
	clientSecret: string;
	memberCid?: string;
	sessionToken?: string;
	expiresAt?: string;
	resolvedBaseUrl?: string;
	issuedFor?: string;
}

export function asFalconCredential(data: ICredentialDataDecryptedObject): FalconCredentialData {
	return data as unknown as FalconCredentialData;
}

/** Where the token call goes first: the chosen cloud, the custom URL, or US-1 for autodiscovery. */
export function configuredBaseUrl(credential: FalconCredentialData): string {
	if (credential.cloud === 'custom') return checkedBaseUrl(credential.customBaseUrl ?? '', 'Custom Base URL (for Cloud "Custom URL")', 'https://api.us-2.crowdstrike.com or the sandbox http://127.0.0.1:8787');
	if (isFalconCloud(credential.cloud)) return FALCON_CLOUDS[credential.cloud];
	return FALCON_CLOUDS['us-1'];
}

/**
 * The settings a stored token was issued for. When a user edits the credential, a token issued for
 * another client, cloud or member CID must not be reused.
 */
export function issuedFor(credential: FalconCredentialData): string {
	return [credential.cloud, credential.customBaseUrl ?? '', credential.clientId, credential.memberCid ?? ''].join('|');
}

/** The base URL requests are signed for: the host that issued the stored token (autodiscovered cloud, token redirect), else the configured one. */
export function signedBaseUrl(credential: FalconCredentialData): string {
	const current = credential.issuedFor === issuedFor(credential);
	return current && credential.resolvedBaseUrl ? credential.resolvedBaseUrl : configuredBaseUrl(credential);
}
