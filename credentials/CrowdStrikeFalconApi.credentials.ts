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
} from '../nodes/CrowdStrike/shared/credential-fields';

const MAX_TOKEN_REDIRECTS = 3;

interface TokenResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: IDataObject | string | undefined;
}

function header(response: TokenResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** CrowdStrike's own words for a failed token call, without anything the request carried. */
function tokenFailure(response: TokenResponse, clientId: string): Error {
	const body = typeof response.body === 'object' ? response.body : undefined;
	const errors = (body?.errors as IDataObject[] | undefined) ?? [];
	const message = (errors[0]?.message as string | undefined) ?? `HTTP ${response.statusCode}`;
	const traceId = (body?.meta as IDataObject | undefined)?.trace_id ?? header(response, 'x-cs-traceid');
	const trace = traceId ? ` (trace id ${String(traceId)})` : '';
	return new Error(`CrowdStrike refused a token for client ID ${clientId}: ${message}${trace}`);
}

function redirectTarget(response: TokenResponse, from: string): string {
	const location = header(response, 'location');
	if (!location) throw new Error('CrowdStrike answered the token call with a redirect but no location');
	const target = new URL(location, from);
	const sameLoopback = isLoopbackHost(new URL(from).hostname) && isLoopbackHost(target.hostname);
	if (!(target.protocol === 'https:' && isCrowdStrikeHost(target.hostname)) && !sameLoopback) {
		throw new Error(`Refusing to follow a token redirect to ${target.origin}: not a CrowdStrike API host`);
	}
	return target.origin;
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
			placeholder: 'https://api.us-3.crowdstrike.com',
			description: 'Must use https://, except for loopback hosts such as the sandbox (http://127.0.0.1:8787)',
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

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const credential = asFalconCredential(credentials);
		let baseUrl = configuredBaseUrl(credential);
		const form = new URLSearchParams({ client_id: credential.clientId, client_secret: credential.clientSecret });
		if (credential.memberCid) form.set('member_cid', credential.memberCid);

		for (let hop = 0; hop <= MAX_TOKEN_REDIRECTS; hop++) {
			const response = await requestToken(this, `${baseUrl}/oauth2/token`, form.toString());
			if ([301, 302, 307, 308].includes(response.statusCode)) {
				baseUrl = redirectTarget(response, baseUrl);
				continue;
			}
			const body = typeof response.body === 'object' ? response.body : undefined;
			const token = body?.access_token;
			if (response.statusCode >= 300 || typeof token !== 'string' || token === '') {
				throw tokenFailure(response, credential.clientId);
			}
			const region = header(response, 'x-cs-region')?.toLowerCase();
			if (credential.cloud === 'autodiscover' && isFalconCloud(region)) baseUrl = FALCON_CLOUDS[region];
			const lifetimeSeconds = Number(body?.expires_in) > 0 ? Number(body?.expires_in) : 1799;
			return {
				sessionToken: token,
				expiresAt: new Date(Date.now() + lifetimeSeconds * 1000).toISOString(),
				resolvedBaseUrl: baseUrl,
				issuedFor: issuedFor(credential),
			};
		}
		throw new Error(`CrowdStrike redirected the token call more than ${MAX_TOKEN_REDIRECTS} times`);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const credential = asFalconCredential(credentials);
		const current = credential.issuedFor === issuedFor(credential);
		// A token issued for other settings is not sent: the API answers 401 and n8n fetches a new one.
		const token = current ? credential.sessionToken : '';
		return {
			...requestOptions,
			// The host that issued the token: the autodiscovered cloud, or where a token redirect led.
			baseURL: current && credential.resolvedBaseUrl ? credential.resolvedBaseUrl : configuredBaseUrl(credential),
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token ?? ''}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/iocs/queries/ioc-types/v1',
			qs: { limit: 1 },
		},
	};
}

async function requestToken(helper: IHttpRequestHelper, url: string, form: string): Promise<TokenResponse> {
	try {
		return (await helper.helpers.httpRequest({
			method: 'POST',
			url,
			body: form,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		})) as TokenResponse;
	} catch (error) {
		// The raw client error carries the request body, and with it the client secret.
		const reason = (error as { code?: string; message?: string }).code ?? 'network error';
		throw new Error(`Could not reach the CrowdStrike token endpoint at ${new URL(url).origin}: ${reason}`);
	}
}
