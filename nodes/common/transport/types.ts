import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

export type Headers = Record<string, string | string[] | undefined>;

/** One request as an operation asks for it, relative to the credential's API base URL. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	/**
	 * Safe to send again after a server error, a timeout or a dropped connection: GET and look-ups
	 * by POST are; writes are not, unless the operation knows better. Default: true for GET.
	 */
	idempotent?: boolean;
	/** A read that is not sent again once it went out (a long search): its failure is not an unconfirmed write. */
	read?: boolean;
	/** Error statuses whose answer the operation reads itself (a batch write answering 400 per entry). */
	acceptStatus?: number[];
	/** A file answer (a sample download): the body comes back as the response stream, read with common/byte-stream.ts. */
	binary?: boolean;
	/** Overrides the Request Options timeout (a long search). */
	timeoutMs?: number;
	/** Added to the error's description when the request got no answer (timeout or dropped connection). */
	noAnswerHint?: string;
}

export interface RawResponse {
	statusCode: number;
	headers: Headers;
	body: unknown;
}

/** What an answer or a failed attempt tells about a failure, as the error message is built from it. */
export interface FailureDetails {
	statusCode?: number;
	headers?: Headers;
	body?: unknown;
	reason?: string;
}
