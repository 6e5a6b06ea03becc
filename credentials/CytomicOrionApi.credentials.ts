import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	ORION_API_BASE_URL,
	ORION_SCOPE,
	ORION_TOKEN_URL,
	apiBaseUrlOf,
	asOrionCredential,
	issuedFor,
	tokenUrlOf,
	type OrionCredentialData,
} from '../nodes/Cytomic/shared/credential-fields';
import { answerFailure, requestToken, tokenCallError, tokenExpiresAt, type TokenResponse } from '../nodes/common/token-call';
import { rememberBasic, rememberSecrets } from '../nodes/common/transport/scrub';
import { SIGNED_REQUEST_OPTIONS } from '../nodes/common/urls';
import { requestFor } from '../nodes/common/api-operation';
import { orion } from '../nodes/Cytomic/api/orion';

/** Lists the hash IOCs imported in the first second of 1970: proves the token and the IOC API, returns nothing. */
const PROBE = requestFor(orion.getIocsByDate, { path: { iocType: 'FileHashIoc' }, query: { from: 0, to: 1000, includeDeleted: false } });

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The token service's own words for a refusal, without anything the request carried (scrubbed, cut). */
function tokenFailure(response: TokenResponse, credential: OrionCredentialData): Error {
	const body = typeof response.body === 'object' && response.body !== null ? response.body : undefined;
	const reason =
		[text(body?.error), text(body?.error_description) ?? text(body?.message)].filter(Boolean).join(': ') ||
		(response.statusCode >= 300 && response.statusCode < 400
			? `HTTP ${response.statusCode} redirect (not followed: check the Token URL)`
			: response.statusCode < 300
				? 'the answer holds no access_token'
				: `HTTP ${response.statusCode}`);
	return tokenCallError(
		`Cytomic Orion refused a token for client ID "${credential.clientId}" and user "${credential.username}": ${reason}`,
		answerFailure(response),
	);
}

export class CytomicOrionApi implements ICredentialType {
	name = 'cytomicOrionApi';

	displayName = 'Cytomic Orion API';

	documentationUrl = 'https://github.com/edr-soar/n8n-nodes-edr-soar/blob/main/docs/credentials.md#cytomic-orion-api';

	icon: Icon = { light: 'file:../icons/cytomic.svg', dark: 'file:../icons/cytomic.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Issued For',
			name: 'issuedFor',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Token URL',
			name: 'authUrl',
			type: 'string',
			default: ORION_TOKEN_URL,
			required: true,
			description: 'The OAuth2 token endpoint. Must use https://, except for loopback hosts such as the sandbox.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: ORION_API_BASE_URL,
			required: true,
			description:
				'Where the Orion API answers, up to /api/v1/applications. Must use https://, except for loopback hosts such as the sandbox.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: "The authorized application's client ID (Orion console: Settings → Authorized applications)",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: "The authorized application's user name",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password the Orion console showed once when the application was authorized',
		},
	];

	/**
	 * OAuth2 password grant; n8n keeps the token in the hidden field and calls this again after a 401.
	 * One token call (the transport retries it: see nodes/common/token-call.ts).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const credential = asOrionCredential(credentials);
		rememberSecrets(credential.clientSecret, credential.password);
		const url = tokenUrlOf(credential);
		apiBaseUrlOf(credential);
		const form = new URLSearchParams({
			grant_type: 'password',
			username: credential.username ?? '',
			password: credential.password ?? '',
			scope: ORION_SCOPE,
		});
		// As the vendor's own clients send it: ID and secret as they are (not form-encoded first).
		const basic = rememberBasic(credential.clientId ?? '', credential.clientSecret ?? '');
		const response = await requestToken(this, { url, form: form.toString(), headers: { Authorization: `Basic ${basic}` }, vendor: 'Cytomic Orion' });
		const body = typeof response.body === 'object' && response.body !== null ? response.body : undefined;
		const token = body?.access_token;
		if (response.statusCode >= 300 || typeof token !== 'string' || token === '') throw tokenFailure(response, credential);
		rememberSecrets(token);
		// No lifetime is documented: `expires_in` when the service gives one, else unknown (renewed on a 401).
		return { accessToken: token, issuedFor: issuedFor(credential), expiresAt: tokenExpiresAt(body?.expires_in) };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const credential = asOrionCredential(credentials);
		// A token issued for other settings is not sent: the API answers 401 and n8n fetches a new one.
		const token = credential.issuedFor === issuedFor(credential) ? (credential.accessToken ?? '') : '';
		rememberSecrets(token);
		return {
			...requestOptions,
			...SIGNED_REQUEST_OPTIONS,
			baseURL: apiBaseUrlOf(credential),
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	/** PROBE, with the JSON answer asked for. */
	test: ICredentialTestRequest = {
		request: {
			method: PROBE.method,
			url: PROBE.path,
			qs: PROBE.qs,
			headers: { Accept: 'application/json' },
			...SIGNED_REQUEST_OPTIONS,
		},
	};
}
