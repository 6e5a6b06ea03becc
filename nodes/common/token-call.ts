/**
 * The token call every credential of this package makes, and what its failures tell the transport.
 *
 * A credential's preAuthentication asks once; the transport (nodes/common/transport/client.ts)
 * retries with the node's policy (429 waits as the answer says, 5xx backoff, the Max Total Wait)
 * and lets one request of an execution ask at a time (session-gate.ts). n8n wraps what
 * preAuthentication throws in a NodeApiError; as an ExecutionBaseError, its `context` survives the
 * wrapping (n8n-workflow 2.x copies it), and that is how the transport reads the failure.
 */
import { ExecutionBaseError, type IDataObject, type IHttpRequestHelper } from 'n8n-workflow';

import { AnswerOverdue, withinTime } from './bounded-time';
import { retryAfterMs } from './retry-timing';
import { vendorText } from './transport/scrub';

/** How long one token call may take (n8n-core's idle timeout, then the bound on reading its answer). */
const TOKEN_CALL_TIMEOUT_MS = 15_000;
const TOKEN_ANSWER_LIMIT_MS = TOKEN_CALL_TIMEOUT_MS + 4_000;

/** The longest lifetime a token answer is believed: a larger `expires_in` is cut to it (the API renews on a 401 anyway). */
const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export interface TokenCallFailure {
	/** The token endpoint's HTTP status; none when it gave no answer. */
	status?: number;
	/** How long the answer said to wait (429 RetryAfter / Retry-After). */
	retryAfterMs?: number;
	/** A 429, a 408, a 5xx or no answer: asking again later may work. A refusal (400/401/403) will not. */
	retryable: boolean;
}

/** A failed token call, with what the transport needs to retry it (or not). Its message is scrubbed and cut. */
export class TokenCallError extends ExecutionBaseError {
	constructor(message: string, failure: TokenCallFailure) {
		super(vendorText(message));
		this.context.tokenCall = { ...failure } as IDataObject;
	}
}

/**
 * The error a credential's preAuthentication throws for a failed token call. There is no node to
 * build a NodeApiError for there: n8n wraps this one into a NodeApiError, keeping its context.
 */
export function tokenCallError(message: string, failure: TokenCallFailure): TokenCallError {
	return new TokenCallError(message, failure);
}

/** The token failure an error (as n8n wrapped it) carries, if it is one. */
export function tokenCallFailure(error: unknown): TokenCallFailure | undefined {
	const found = (error as { context?: IDataObject } | undefined)?.context?.tokenCall;
	return found !== null && typeof found === 'object' ? (found as unknown as TokenCallFailure) : undefined;
}

export interface TokenResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: IDataObject | string | undefined;
}

export function tokenHeader(response: TokenResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** What a token answer that holds no token says about asking again. */
export function answerFailure(response: TokenResponse): TokenCallFailure {
	const status = response.statusCode;
	const retryAfter = retryAfterMs(tokenHeader(response, 'x-ratelimit-retryafter') ?? tokenHeader(response, 'retry-after'));
	return { status, retryable: status === 429 || status === 408 || status >= 500, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

/**
 * POSTs a token form and returns the answer whatever its status. Redirects are never followed here
 * (the form and headers carry the secret; the credential decides where a redirect may lead), and
 * the call is bounded in time.
 */
export async function requestToken(
	helper: IHttpRequestHelper,
	call: { url: string; form: string; headers?: Record<string, string>; vendor: string },
): Promise<TokenResponse> {
	try {
		const answer = helper.helpers.httpRequest({
			method: 'POST',
			url: call.url,
			body: call.form,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...call.headers },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			timeout: TOKEN_CALL_TIMEOUT_MS,
		}) as Promise<TokenResponse>;
		return await withinTime(answer, TOKEN_ANSWER_LIMIT_MS);
	} catch (error) {
		// The raw client error carries the request: the secret in its body or headers. Only words
		// leave here (n8n would replace a message holding an error code by a generic one).
		const code = (error as { code?: string }).code ?? '';
		const words = error instanceof AnswerOverdue ? 'no answer in time' : (NETWORK_WORDS[code] ?? 'network error');
		throw tokenCallError(`Could not reach the ${call.vendor} token endpoint at ${new URL(call.url).origin}: ${words}`, { retryable: true });
	}
}

/**
 * When a token ends, from the answer's `expires_in` (seconds): a missing, non-numeric, zero or
 * negative value means the service did not say (`fallbackSeconds`, or '' for unknown); a value
 * beyond a day is cut to a day.
 */
export function tokenExpiresAt(expiresIn: unknown, fallbackSeconds?: number, now = Date.now()): string {
	const told = typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : expiresIn;
	const seconds = typeof told === 'number' && Number.isFinite(told) && told > 0 ? Math.min(told, MAX_TOKEN_LIFETIME_SECONDS) : fallbackSeconds;
	return seconds === undefined ? '' : new Date(now + seconds * 1000).toISOString();
}
