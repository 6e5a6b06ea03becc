import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest } from './transport';

export type ParamLocation = 'query' | 'body' | 'formData' | 'path' | 'header';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/**
 * One operation of a service collection, as the vendor's spec declares it (for Falcon, FalconPy's
 * `_endpoint` tables list it too): its operation id, method, path, and where each parameter goes.
 * `params` names every parameter a node may send; a JSON body is the parameter `body` in `body`.
 */
export interface ApiOperation {
	collection: string;
	operationId: string;
	method: HttpMethod;
	path: string;
	params: Readonly<Record<string, ParamLocation>>;
	/**
	 * Safe to send again after the request went out and its answer was lost. The spec does not say;
	 * GET always is, and so are the look-ups by POST and the writes that leave the same state twice.
	 */
	idempotent?: boolean;
	/** Parameters the spec requires: sent even when empty (an empty FQL filter means "everything"). */
	required?: readonly string[];
	/** The content types the operation takes (the spec's `consumes`) when that is not only JSON. */
	consumes?: readonly string[];
	/** The spec's models (gofalcon's names): the JSON body's, and the answer's for each status. */
	models?: { readonly body?: string; readonly responses: Readonly<Record<number, string>> };
}

type NamesIn<O extends ApiOperation, L extends ParamLocation> = {
	[K in keyof O['params']]: O['params'][K] extends L ? K : never;
}[keyof O['params']] &
	string;

/** What a call sends, by where the spec puts it; only parameters the operation declares there type-check. */
export interface CallArgs<O extends ApiOperation> {
	query?: Partial<Record<NamesIn<O, 'query'>, unknown>>;
	path?: Partial<Record<NamesIn<O, 'path'>, string>>;
	body?: 'body' extends NamesIn<O, 'body'> ? unknown : never;
	/** multipart/form-data (the spec's formData parameters, a file among them). */
	form?: NamesIn<O, 'formData'> extends never ? never : FormData;
}

/** How the transport treats this one call (beyond the operation's own defaults). */
export type CallOptions = Pick<ApiRequest, 'idempotent' | 'acceptStatus' | 'binary' | 'timeoutMs' | 'noAnswerHint' | 'read'>;

/** Declares a collection's operations, keeping their literal parameter names for `CallArgs`. */
export function operations<const T extends Record<string, Omit<ApiOperation, 'collection'>>>(
	collection: string,
	table: T,
): { [K in keyof T]: T[K] & { collection: string } } {
	return Object.fromEntries(Object.entries(table).map(([name, operation]) => [name, { ...operation, collection }])) as {
		[K in keyof T]: T[K] & { collection: string };
	};
}

function withoutEmpty(query: IDataObject, required: readonly string[] = []): IDataObject | undefined {
	const kept = Object.entries(query).filter(([name, value]) => value !== undefined && (value !== '' || required.includes(name)));
	return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The transport request for a call: the operation's method and path, each parameter where the spec puts it. */
export function requestFor<O extends ApiOperation>(operation: O, args: CallArgs<O> = {}, options: CallOptions = {}): ApiRequest {
	let path = operation.path;
	for (const [name, value] of Object.entries(args.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
	return {
		method: operation.method,
		path,
		qs: args.query ? withoutEmpty(args.query as IDataObject, operation.required) : undefined,
		body: args.form ?? args.body,
		...options,
		idempotent: options.idempotent ?? operation.idempotent,
	};
}
