import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import type { RequestPolicy } from '../request-policy';
import type { StoredToken } from '../session-gate';
import type { ApiRequest, Headers, RawResponse } from './types';

export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * What one vendor's API differs in. Everything else (the exchange loop, retries, waits, the token
 * gate, error building) is the transport core's, the same for every vendor.
 */
export interface VendorAdapter {
	/** The n8n credential type every request is authenticated with. */
	credentialType: string;
	/** The vendor's name as messages say it: "CrowdStrike", "Cytomic Orion". */
	vendor: string;
	defaults: RequestPolicy;
	/** The token the credential stores, and the settings it has now (a token issued for others is not used). */
	readStoredToken(ctx: ApiContext): Promise<{ stored: StoredToken; settings: string }>;
	/** The base URL the credential signs requests for: a redirect is followed only within its origin. */
	baseUrl(ctx: ApiContext): Promise<string>;
	/** The first request of an execution goes alone even with a fresh token (see SessionGate). */
	firstGoesAlone?: boolean;
	/** The header a 429 says when to come back in, and the one that tells the requests left. */
	rateLimitHeaders: { retryAfter: string; remaining?: string };
	/** How the body and headers of a request are sent. */
	encode(request: ApiRequest): Partial<IHttpRequestOptions>;
	/** A success answer's body as the client hands it on, or `undefined` when it is malformed. */
	decode(response: RawResponse, request: ApiRequest): unknown;
	/** Whether an answer with an accepted error status (`acceptStatus`) carries a body the operation can read. */
	readableErrorBody(body: unknown): boolean;
	/** The vendor's own words for a failure, from its answer's body. */
	messages(body: unknown): string[];
	traceId(body: unknown, headers: Headers | undefined): string | undefined;
	/**
	 * A status this vendor's API never answers means the credential's address is wrong: the error
	 * then says so in these words instead of the bare status text.
	 */
	explainStatus?(statusCode: number, url: string): { message: string; hint: string } | undefined;
}
