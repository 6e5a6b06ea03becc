/**
 * What went wrong with a request made through n8n's `httpRequestWithAuthentication`, for every
 * vendor's transport.
 *
 * How n8n-core reports failures (n8n-core / n8n-workflow 2.11):
 * - HTTP error statuses: the transport asks for them as answers (`ignoreHttpStatusErrors` except
 *   401, which n8n needs as an error to renew the token), so status, headers and body are all kept.
 * - Everything else is thrown as a NodeApiError. Its `cause` would be the AxiosError, but
 *   n8n-workflow's ExecutionBaseError declares `cause` as a class field, which resets it after
 *   `super()` for any Error cause: the AxiosError is gone. What remains is `httpCode`,
 *   `context.data` (an object body), and `messages` (the raw client messages, e.g. "timeout of
 *   1000ms exceeded", "connect ECONNREFUSED …"). Both shapes are read, the AxiosError first.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { tokenCallFailure } from './token-call';

export type Headers = Record<string, string | string[] | undefined>;

export interface HttpFailure {
	/**
	 * rateLimited: 429. transient: 408/5xx or a malformed answer. timeout: no answer in time.
	 * connection: no answer at all (refused, reset, dropped). rejected: any other error status.
	 */
	kind: 'rateLimited' | 'transient' | 'timeout' | 'connection' | 'rejected';
	statusCode?: number;
	headers?: Headers;
	body?: unknown;
	reason?: string;
	/** False when the request certainly never reached the server (refused, unknown host): always safe to send again. */
	requestSent: boolean;
	/** The token call failed: the request itself was not sent. */
	token?: boolean;
	/** How long the failure said to wait before asking again, when it said. */
	retryAfterMs?: number;
}

export type Classified = HttpFailure | { kind: 'fatal'; error: Error };

const TRANSIENT_STATUS = new Set([408, 500, 502, 503, 504]);
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|refused the connection|cannot be established|host is unreachable|DNS server returned an error/i;
const TIMED_OUT = /timeout of \d+ms exceeded|ETIMEDOUT|ECONNABORTED|connection timed out/i;
const DROPPED = /ECONNRESET|socket hang up|EPIPE|closed the connection unexpectedly|connection to the server was closed|stream has been aborted|(^|\| )aborted( \||$)/i;
/** An answer that came but whose (compressed) body could not be read: the request was received. */
const UNREADABLE = /Z_DATA_ERROR|Z_BUF_ERROR|incorrect header check|invalid (block type|stored block lengths|distance)|incorrect data check|unexpected end of file/i;

/** An answer with an error status, as a failure. */
export function statusFailure(statusCode: number, headers: Headers | undefined, body: unknown): HttpFailure {
	const failure = { statusCode, headers, body, requestSent: true };
	if (statusCode === 429) return { kind: 'rateLimited', ...failure };
	if (TRANSIENT_STATUS.has(statusCode)) return { kind: 'transient', ...failure };
	return { kind: 'rejected', ...failure };
}

interface AxiosLike {
	isAxiosError?: boolean;
	code?: string;
	message?: string;
	response?: { status: number; headers: Headers; data: unknown };
}

interface N8nErrorLike {
	name?: string;
	message?: string;
	messages?: string[];
	httpCode?: string | null;
	context?: IDataObject;
	cause?: unknown;
}

function fromAxios(axios: AxiosLike): HttpFailure | undefined {
	if (axios.response) return statusFailure(axios.response.status, axios.response.headers, axios.response.data);
	return noAnswer(`${axios.code ?? ''} ${axios.message ?? ''}`, axios.message ?? axios.code ?? 'network error');
}

function noAnswer(text: string, reason: string): HttpFailure | undefined {
	if (/ERR_CANCELED|canceled/i.test(text)) return undefined;
	if (TIMED_OUT.test(text)) return { kind: 'timeout', reason: 'no answer within the timeout', requestSent: true };
	if (UNREADABLE.test(text)) return { kind: 'transient', reason: 'the answer could not be read (corrupt compressed body)', requestSent: true };
	if (NOT_SENT.test(text)) return { kind: 'connection', reason, requestSent: false };
	if (DROPPED.test(text)) return { kind: 'connection', reason, requestSent: true };
	return undefined;
}

export function classifyHttpError(error: unknown): Classified {
	const fatal = { kind: 'fatal' as const, error: error as Error };
	const thrown = error as (N8nErrorLike & AxiosLike) | undefined;
	if (!thrown || typeof thrown !== 'object') return fatal;
	const token = tokenCallFailure(thrown);
	if (token) return fromTokenCall(token, thrown.message ?? 'The token call failed');
	const axios = (thrown.cause as AxiosLike | undefined)?.isAxiosError ? (thrown.cause as AxiosLike) : thrown.isAxiosError ? thrown : undefined;
	if (axios) return fromAxios(axios) ?? fatal;
	if (thrown.name !== 'NodeApiError') return fatal;
	const status = Number(thrown.httpCode);
	if (Number.isInteger(status) && status >= 100) return statusFailure(status, undefined, thrown.context?.data);
	const raw = [...new Set(thrown.messages ?? [])];
	return noAnswer([thrown.message, ...raw].join(' | '), raw.join('; ') || thrown.message || 'network error') ?? fatal;
}

/** A failed token call, as n8n handed it on: the request itself never went out. */
function fromTokenCall(token: NonNullable<ReturnType<typeof tokenCallFailure>>, message: string): HttpFailure {
	const kind = token.status === 429 ? 'rateLimited' : token.retryable ? 'transient' : 'rejected';
	return { kind, statusCode: token.status, reason: message, requestSent: false, token: true, retryAfterMs: token.retryAfterMs };
}

export function headerValue(headers: Headers | undefined, name: string): string | undefined {
	const value = headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** A response body as JSON (object or array), from a parsed body, a JSON string or a Buffer. */
export function jsonBody(body: unknown): JsonObject | unknown[] | undefined {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	return value !== null && typeof value === 'object' ? (value as JsonObject | unknown[]) : undefined;
}
