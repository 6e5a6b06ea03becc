import type { IDataObject } from 'n8n-workflow';

import { headerValue, jsonBody } from '../../common/http-failure';
import type { RequestPolicy } from '../../common/request-policy';
import type { ApiRequest, Headers, RawResponse, VendorAdapter } from '../../common/transport';
import { asFalconCredential, issuedFor, signedBaseUrl } from '../shared/credential-fields';

export const FALCON_CREDENTIAL = 'crowdStrikeFalconApi';

/**
 * Concurrency 6: at 6,000 requests a minute (100 a second, CrowdStrike's default limit per CID)
 * and 50 ms of latency, 5 in flight would be just enough if n8n took no time between an answer
 * and the next request; it takes a few milliseconds, so one more keeps the pace, and the rate limit
 * (the spacing between starts) keeps it from going faster.
 */
export const FALCON_DEFAULT_POLICY: RequestPolicy = {
	concurrency: 6,
	maxRetries: 5,
	maxTotalWaitMs: 120_000,
	timeoutMs: 30_000,
	retryBaseMs: 500,
	maxRequestsPerMinute: 6_000,
};

function bodyObject(body: unknown): IDataObject | undefined {
	const json = jsonBody(body);
	return json && !Array.isArray(json) ? (json as IDataObject) : undefined;
}

/** CrowdStrike's envelope: `{meta, resources, errors}`; every JSON answer is an object. */
function isEnvelope(body: unknown): boolean {
	return body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && !Array.isArray(body);
}

export const falconAdapter: VendorAdapter = {
	credentialType: FALCON_CREDENTIAL,
	vendor: 'CrowdStrike',
	defaults: FALCON_DEFAULT_POLICY,
	async readStoredToken(ctx) {
		const credential = asFalconCredential(await ctx.getCredentials(FALCON_CREDENTIAL));
		return { stored: { token: credential.sessionToken, issuedFor: credential.issuedFor, expiresAt: credential.expiresAt }, settings: issuedFor(credential) };
	},
	async baseUrl(ctx) {
		return signedBaseUrl(asFalconCredential(await ctx.getCredentials(FALCON_CREDENTIAL)));
	},
	rateLimitHeaders: { retryAfter: 'x-ratelimit-retryafter', remaining: 'x-ratelimit-remaining' },
	encode(request: ApiRequest) {
		return {
			body: request.body as IDataObject,
			headers: request.headers,
			...(request.binary ? { encoding: 'stream' as const, json: false } : { json: true }),
		};
	},
	decode(response: RawResponse, request: ApiRequest) {
		if (request.binary) return response.body;
		return isEnvelope(response.body) ? response.body : undefined;
	},
	readableErrorBody: isEnvelope,
	messages(body: unknown): string[] {
		const errors = bodyObject(body)?.errors;
		if (!Array.isArray(errors)) return [];
		return errors.map((entry) => (entry as IDataObject | null)?.message).filter((message): message is string => typeof message === 'string' && message !== '');
	},
	traceId(body: unknown, headers: Headers | undefined): string | undefined {
		const traceId = (bodyObject(body)?.meta as IDataObject | undefined)?.trace_id;
		return typeof traceId === 'string' && traceId !== '' ? traceId : headerValue(headers, 'x-cs-traceid');
	},
};
