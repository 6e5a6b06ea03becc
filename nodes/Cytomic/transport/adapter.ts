import { jsonBody } from '../../common/http-failure';
import type { RequestPolicy } from '../../common/request-policy';
import type { ApiRequest, RawResponse, VendorAdapter } from '../../common/transport';
import { ORION_API_BASE_URL, apiBaseUrlOf, asOrionCredential, issuedFor } from '../shared/credential-fields';
import { orionMessage } from './errors';

export const ORION_CREDENTIAL = 'cytomicOrionApi';

export const ORION_DEFAULT_POLICY: RequestPolicy = {
	concurrency: 3,
	maxRetries: 4,
	timeoutMs: 60_000,
	maxTotalWaitMs: 120_000,
	retryBaseMs: 500,
};

export const orionAdapter: VendorAdapter = {
	credentialType: ORION_CREDENTIAL,
	vendor: 'Cytomic Orion',
	defaults: ORION_DEFAULT_POLICY,
	async readStoredToken(ctx) {
		const credential = asOrionCredential(await ctx.getCredentials(ORION_CREDENTIAL));
		return { stored: { token: credential.accessToken, issuedFor: credential.issuedFor, expiresAt: credential.expiresAt }, settings: issuedFor(credential) };
	},
	async baseUrl(ctx) {
		return apiBaseUrlOf(asOrionCredential(await ctx.getCredentials(ORION_CREDENTIAL)));
	},
	// The Orion API answers 404 to none of its operations: a 404 means the API Base URL is wrong.
	explainStatus(statusCode, url) {
		if (statusCode !== 404) return undefined;
		return {
			message: `Cytomic Orion answered 404 Not Found at ${url}: check the credential's API Base URL`,
			hint: `The API Base URL is where the Orion API answers, up to /api/v1/applications, e.g. ${ORION_API_BASE_URL}`,
		};
	},
	// Orion's tokens can be revoked before their end: the first request finds out for the others.
	firstGoesAlone: true,
	rateLimitHeaders: { retryAfter: 'retry-after' },
	encode(request: ApiRequest) {
		const hasBody = request.body !== undefined;
		return {
			headers: { Accept: 'application/json', ...(hasBody ? { 'Content-Type': 'application/json-patch+json' } : {}), ...request.headers },
			...(hasBody ? { body: JSON.stringify(request.body) } : {}),
			json: true,
		};
	},
	decode(response: RawResponse) {
		return jsonBody(response.body);
	},
	readableErrorBody: (body) => jsonBody(body) !== undefined,
	messages(body: unknown): string[] {
		const message = orionMessage(body);
		return message ? [message] : [];
	},
	traceId: () => undefined,
};
