import { randomUUID } from 'node:crypto';

/** One entry of the Falcon `errors` array: msa.APIError has exactly these fields. */
export interface ErrorItem {
	code: number;
	message: string;
	id?: string;
}

/** `meta.pagination`: which fields an answer carries depends on its model (msa.Paging, api.IndicatorsQueryPaging, api.DetectsQueryPaging, …). */
export interface Pagination {
	offset?: number | string;
	limit?: number;
	total?: number;
	after?: string;
	next_page?: string;
	/** The scroll cursor's end of validity (deviceapi's paging). */
	expires_at?: number;
}

export interface EnvelopeMeta {
	query_time: number;
	/** Omitted where the answer's meta model has no powered_by (iocapi.responseMeta). */
	powered_by?: string;
	trace_id: string;
	pagination?: Pagination;
	[key: string]: unknown;
}

export interface Envelope<T = unknown> {
	meta: EnvelopeMeta;
	resources?: T[] | null;
	errors?: ErrorItem[] | null;
}

/** What a handler answers. `json` is serialized; `raw` is sent as is. */
export interface Reply {
	status: number;
	json?: unknown;
	raw?: string | Buffer;
	contentType?: string;
	headers?: Record<string, string | number>;
}

/** The little a helper needs to know about the request being answered. */
export interface EnvelopeContext {
	traceId: string;
	startedAt: bigint;
	/** `meta.powered_by`; undefined leaves it out. */
	poweredBy: string | undefined;
	/**
	 * Error statuses whose answer model carries `resources` (the route's `errorResources` option):
	 * `fail()` adds `resources: []` for these, and answers meta + errors only for every other.
	 */
	errorResources?: readonly number[];
}

export interface MetaExtras {
	pagination?: Pagination;
	/** Any further meta keys (e.g. `quota` for Quick Scan). */
	meta?: Record<string, unknown>;
	headers?: Record<string, string | number>;
}

export const GATEWAY = 'crowdstrike-api-gateway';

export function newTraceId(): string {
	return randomUUID();
}

/** Seconds since the request started, as Falcon reports `query_time`. */
export function queryTime(startedAt: bigint): number {
	const ns = Number(process.hrtime.bigint() - startedAt);
	return Math.round(ns / 1e3) / 1e6;
}

export function buildMeta(ctx: EnvelopeContext, extras?: MetaExtras): EnvelopeMeta {
	const meta: EnvelopeMeta = {
		query_time: queryTime(ctx.startedAt),
		...(ctx.poweredBy !== undefined ? { powered_by: ctx.poweredBy } : {}),
		trace_id: ctx.traceId,
	};
	if (extras?.pagination) meta.pagination = extras.pagination;
	if (extras?.meta) Object.assign(meta, extras.meta);
	return meta;
}

/** A full envelope `{meta, resources, errors}`. */
export function envelope<T>(
	ctx: EnvelopeContext,
	resources: T[] | null,
	errors: ErrorItem[] = [],
	extras?: MetaExtras,
): Envelope<T> {
	return { meta: buildMeta(ctx, extras), resources, errors };
}

/** 200 with resources. */
export function ok<T>(ctx: EnvelopeContext, resources: T[], extras?: MetaExtras, errors: ErrorItem[] = []): Reply {
	return reply(200, envelope(ctx, resources, errors, extras), extras?.headers);
}

/** 201 with resources (create endpoints). */
export function created<T>(ctx: EnvelopeContext, resources: T[], extras?: MetaExtras, errors: ErrorItem[] = []): Reply {
	return reply(201, envelope(ctx, resources, errors, extras), extras?.headers);
}

/** Any status with resources and errors (partial successes). */
export function withStatus<T>(
	ctx: EnvelopeContext,
	status: number,
	resources: T[] | null,
	errors: ErrorItem[],
	extras?: MetaExtras,
): Reply {
	return reply(status, envelope(ctx, resources, errors, extras), extras?.headers);
}

/**
 * An error answer: `meta` and `errors` (msa.ReplyMetaOnly, msaspec.ResponseFields), plus
 * `resources: []` when the operation's model for this status has resources (the route's
 * `errorResources`) or `extras.resources` is given.
 */
export function fail(
	ctx: EnvelopeContext,
	status: number,
	message: string | ErrorItem[],
	extras?: MetaExtras & { resources?: unknown[] | null },
): Reply {
	const errors = typeof message === 'string' ? [{ code: status, message }] : message;
	const resources = extras?.resources ?? (ctx.errorResources?.includes(status) ? [] : undefined);
	const meta = buildMeta(ctx, extras);
	return reply(status, resources === undefined ? { meta, errors } : { meta, resources, errors }, extras?.headers);
}

/** An answer of meta and errors only (msa.ReplyMetaOnly), whatever its status. */
export function metaOnly(ctx: EnvelopeContext, status: number, errors: ErrorItem[] = [], extras?: MetaExtras): Reply {
	return reply(status, { meta: buildMeta(ctx, extras), errors }, extras?.headers);
}

/** A gateway answer (401, 429, 413, …): only `meta` and `errors`, as the API gateway sends them. */
export function gatewayError(ctx: EnvelopeContext, status: number, message: string, headers?: Record<string, string | number>): Reply {
	const meta = buildMeta({ ...ctx, poweredBy: ctx.poweredBy === undefined ? undefined : GATEWAY });
	return reply(status, { meta, errors: [{ code: status, message }] }, headers);
}

export function reply(status: number, json: unknown, headers?: Record<string, string | number>): Reply {
	return headers ? { status, json, headers } : { status, json };
}

/**
 * Throw from a handler to answer an error envelope. `errors` may carry several items.
 */
export class ApiError extends Error {
	readonly status: number;
	readonly errors: ErrorItem[];
	readonly headers?: Record<string, string | number>;

	constructor(status: number, message: string | ErrorItem[], headers?: Record<string, string | number>) {
		const errors = typeof message === 'string' ? [{ code: status, message }] : message;
		super(errors.map((e) => e.message).join('; '));
		this.name = 'ApiError';
		this.status = status;
		this.errors = errors;
		this.headers = headers;
	}
}

export function badRequest(message: string): ApiError {
	return new ApiError(400, message);
}

export function notFound(message = 'Not Found'): ApiError {
	return new ApiError(404, message);
}
