import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { FALCON_CLOUDS, isCrowdStrikeHost, isFalconCloud, isLoopbackHost } from '../nodes/CrowdStrike/shared/clouds';
import {
	asFalconCredential,
	configuredBaseUrl,
	issuedFor,
	signedBaseUrl,
} from '../nodes/CrowdStrike/shared/credential-fields';
import { answerFailure, requestToken, tokenCallError, tokenExpiresAt, tokenHeader, type TokenResponse } from '../nodes/common/token-call';
import { rememberSecrets } from '../nodes/common/transport/scrub';
import { SIGNED_REQUEST_OPTIONS } from '../nodes/common/urls';
import { ioc } from '../nodes/CrowdStrike/api/ioc';
import { TOKEN_PATH } from '../nodes/CrowdStrike/api/oauth2';

const MAX_TOKEN_REDIRECTS = 3;

/** CrowdStrike's documented token lifetime, used when an answer does not say. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 1799;

/** CrowdStrike's own words for a failed token call, without anything the request carried (scrubbed, cut). */
function tokenFailure(response: TokenResponse, clientId: string): Error {
	const body = typeof response.body === 'object' ? response.body : undefined;
	const errors = (body?.errors as IDataObject[] | undefined) ?? [];
	const told = errors[0]?.message;
	const message = typeof told === 'string' && told !== '' ? told : `HTTP ${response.statusCode}`;
	const traceId = (body?.meta as IDataObject | undefined)?.trace_id ?? tokenHeader(response, 'x-cs-traceid');
	const trace = traceId ? ` (trace id ${String(traceId)})` : '';
	return tokenCallError(`CrowdStrike refused a token for client ID ${clientId}: ${message}${trace}`, answerFailure(response));
}

function redirectTarget(response: TokenResponse, from: string): string {
	const location = tokenHeader(response, 'location');
	if (!location) throw tokenCallError('CrowdStrike answered the token call with a redirect but no location', { status: response.statusCode, retryable: false });
	const target = new URL(location, from);
	const sameLoopback = isLoopbackHost(new URL(from).hostname) && isLoopbackHost(target.hostname);
	if (!(target.protocol === 'https:' && isCrowdStrikeHost(target.hostname)) && !sameLoopback) {
		throw tokenCallError(`Refusing to follow a token redirect to ${target.origin}: not a CrowdStrike API host`, { status: response.statusCode, retryable: false });
	}
	return target.origin;
}

/** The cloud an autodiscovery answer names (X-Cs-Region), or an error for a name that is no Falcon cloud. */
function discoveredCloud(response: TokenResponse): string | undefined {
	const region = tokenHeader(response, 'x-cs-region');
	if (region === undefined || region.trim() === '') return undefined;
	const cloud = region.trim().toLowerCase();
	if (isFalconCloud(cloud)) return FALCON_CLOUDS[cloud];
	throw tokenCallError(
		`CrowdStrike's token answer names the region "${region.slice(0, 40)}" (X-Cs-Region), which is not a Falcon cloud this credential knows: choose the Cloud in the credential instead of Autodiscover`,
		{ status: response.statusCode, retryable: false },
	);
}

export class CrowdStrikeFalconApi implements ICredentialType {
	name = 'crowdStrikeFalconApi';

	displayName = 'CrowdStrike Falcon API';

	documentationUrl = 'https://github.com/edr-soar/n8n-nodes-edr-soar/blob/main/docs/credentials.md#crowdstrike-falcon-api';

	icon: Icon = { light: 'file:../icons/crowdstrike.svg', dark: 'file:../icons/crowdstrike.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Resolved Base URL',
			name: 'resolvedBaseUrl',
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
			displayName: 'Issued For',
			name: 'issuedFor',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Cloud',
			name: 'cloud',
			type: 'options',
			options: [
				{ name: 'Autodiscover', value: 'autodiscover', description: 'Ask US-1 and use the cloud CrowdStrike names in its answer' },
				{ name: 'Custom URL', value: 'custom', description: 'Another API host, or the embedded sandbox' },
				{ name: 'EU-1', value: 'eu-1' },
				{ name: 'US-1', value: 'us-1' },
				{ name: 'US-2', value: 'us-2' },
				{ name: 'US-GOV-1', value: 'us-gov-1' },
				{ name: 'US-GOV-2', value: 'us-gov-2' },
			],
			default: 'us-1',
			description: 'The Falcon cloud your API client belongs to',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.us-3.crowdstrike.com',
			description: 'Required for Cloud "Custom URL". Must use https://, except for loopback hosts such as the sandbox (http://127.0.0.1:8787).',
			displayOptions: { show: { cloud: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
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
			displayName: 'Member CID',
			name: 'memberCid',
			type: 'string',
			default: '',
			description: 'For MSSP (Flight Control) parents acting on a child CID. Leave empty otherwise.',
		},
	];

	/** One token call (the transport retries it: see nodes/common/token-call.ts). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const credential = asFalconCredential(credentials);
		rememberSecrets(credential.clientSecret);
		let baseUrl = configuredBaseUrl(credential);
		const form = new URLSearchParams({ client_id: credential.clientId, client_secret: credential.clientSecret });
		if (credential.memberCid) form.set('member_cid', credential.memberCid);

		for (let hop = 0; hop <= MAX_TOKEN_REDIRECTS; hop++) {
			const response = await requestToken(this, { url: `${baseUrl}${TOKEN_PATH}`, form: form.toString(), vendor: 'CrowdStrike' });
			if ([301, 302, 303, 307, 308].includes(response.statusCode)) {
				baseUrl = redirectTarget(response, baseUrl);
				continue;
			}
			const body = typeof response.body === 'object' && response.body !== null ? response.body : undefined;
			const token = body?.access_token;
			if (response.statusCode >= 300 || typeof token !== 'string' || token === '') {
				throw tokenFailure(response, credential.clientId);
			}
			rememberSecrets(token);
			if (credential.cloud === 'autodiscover') baseUrl = discoveredCloud(response) ?? baseUrl;
			return {
				sessionToken: token,
				expiresAt: tokenExpiresAt(body?.expires_in, DEFAULT_TOKEN_LIFETIME_SECONDS),
				resolvedBaseUrl: baseUrl,
				issuedFor: issuedFor(credential),
			};
		}
		throw tokenCallError(`CrowdStrike redirected the token call more than ${MAX_TOKEN_REDIRECTS} times`, { retryable: false });
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const credential = asFalconCredential(credentials);
		const current = credential.issuedFor === issuedFor(credential);
		// A token issued for other settings is not sent: the API answers 401 and n8n fetches a new one.
		const token = current ? credential.sessionToken : '';
		rememberSecrets(token);
		return {
			...requestOptions,
			...SIGNED_REQUEST_OPTIONS,
			// The host that issued the token: the autodiscovered cloud, or where a token redirect led.
			baseURL: signedBaseUrl(credential),
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token ?? ''}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: ioc.iocTypeQuery.path,
			qs: { limit: 1 },
			...SIGNED_REQUEST_OPTIONS,
		},
	};
}
