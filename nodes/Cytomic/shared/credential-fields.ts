import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkedBaseUrl } from '../../common/urls';

export const ORION_TOKEN_URL = 'https://auth.pandasecurity.com/oauth/token';
export const ORION_API_BASE_URL = 'https://api.orion.cytomic.ai/api/v1/applications';
export const ORION_SCOPE = 'orion.api';

/** The stored fields of the Cytomic Orion API credential, as the credential and the transport read them. */
export interface OrionCredentialData {
	authUrl: string;
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
	accessToken?: string;
	issuedFor?: string;
	/** ISO time the stored token ends, when the token service said (`expires_in`); empty otherwise. */
	expiresAt?: string;
}

export function asOrionCredential(data: ICredentialDataDecryptedObject): OrionCredentialData {
	return data as unknown as OrionCredentialData;
}

/** The token endpoint: https, or plain http on a loopback host (the sandbox). */
export function tokenUrlOf(credential: OrionCredentialData): string {
	return checkedBaseUrl(credential.authUrl || ORION_TOKEN_URL, 'Token URL', ORION_TOKEN_URL);
}

/** The API base URL every request is relative to: https, or plain http on a loopback host. */
export function apiBaseUrlOf(credential: OrionCredentialData): string {
	return checkedBaseUrl(credential.baseUrl || ORION_API_BASE_URL, 'API Base URL', ORION_API_BASE_URL);
}

/**
 * The settings a stored token was issued for. After the user edits the credential (another
 * token URL, API, application or user), the stored token is not reused. No secret is part of it.
 */
export function issuedFor(credential: OrionCredentialData): string {
	return JSON.stringify([credential.authUrl ?? '', credential.baseUrl ?? '', credential.clientId ?? '', credential.username ?? '']);
}
