import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

export interface FalconPagination {
	offset?: number | string;
	limit?: number;
	total?: number;
	after?: string;
}

export interface FalconMeta extends IDataObject {
	trace_id?: string;
	pagination?: FalconPagination;
	quota?: IDataObject;
	writes?: IDataObject;
}

export interface FalconApiErrorEntry extends IDataObject {
	code?: number;
	message?: string;
	id?: string;
}

export interface FalconEnvelope<T = IDataObject> {
	meta: FalconMeta;
	resources: T[] | null;
	errors: FalconApiErrorEntry[] | null;
}

export interface FalconRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	/**
	 * Safe to send again after a server error or a dropped connection. GET and lookups by POST are;
	 * writes are not, unless the operation knows better.
	 */
	idempotent?: boolean;
	/**
	 * Error statuses whose envelope the operation reads itself, e.g. a batch write that answers 400
	 * with one message per indicator.
	 */
	acceptStatus?: number[];
	/** Binary answer (a sample download): the body comes back as a Buffer. */
	binary?: boolean;
}

export interface FalconRawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}
