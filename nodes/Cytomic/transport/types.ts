import type { IDataObject } from 'n8n-workflow';

export interface OrionRequest {
	method: 'GET' | 'POST';
	/** Relative to the credential's API base URL, e.g. `/iocs/IPIoc/getter/`. */
	path: string;
	qs?: IDataObject;
	/** JSON, sent as `application/json-patch+json`. */
	body?: unknown;
	/**
	 * Safe to send again after a server error, a timeout or a dropped connection: GET and lookups
	 * are; imports and deletes are not (the operation finds out what happened instead). A long search
	 * that timed out is not sent again either. Default: true for GET.
	 */
	retryTransient?: boolean;
	/** Overrides the Request Options timeout (a retrospective search runs up to 90 s). */
	timeoutMs?: number;
	/** Added to the error's description when the request got no answer (timeout or dropped connection). */
	noAnswerHint?: string;
}

export interface OrionResponse<T> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}
