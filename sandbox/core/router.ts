import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxState } from '../state';
import type { SandboxConfig } from '../types';
import type { BodyKind } from './body';
import type { EnvelopeContext, Reply } from './envelope';
import type { MultipartFile } from './multipart';
import type { QueryAccessor, QueryMap } from './query';
import type { Principal } from './tokens';

/** What a handler receives. */
export interface RequestContext extends EnvelopeContext {
	method: string;
	/** Path without the query string. */
	path: string;
	/** Values of `:name` path segments. */
	params: Record<string, string>;
	/** Typed query accessors (multi values: repeated keys and/or comma-separated). */
	query: QueryAccessor;
	rawQuery: QueryMap;
	headers: IncomingHttpHeaders;
	/** Parsed body: JSON value, form fields (first values), text, or undefined. */
	body: unknown;
	bodyKind: BodyKind;
	/** Form-urlencoded / multipart fields, every value. */
	form?: QueryMap;
	/** Multipart files (views into the request body). */
	files?: MultipartFile[];
	rawBody: Buffer;
	/** Who the bearer token belongs to (routes with auth). */
	principal?: Principal;
	/** Source IP. */
	ip: string;
	config: SandboxConfig;
	state: SandboxState;
	/** Base URL of this sandbox. */
	baseUrl: string;
	operation?: string;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface RouteOptions {
	/** operationId (shown in the request log). */
	operation?: string;
	/** Auth scheme name (default 'falcon': bearer token from /oauth2/token); false: no auth. */
	auth?: string | false;
	/** 'client' (per-principal window, config.rateLimitPerMinute), 'token' (per IP, token calls), or false. Default: 'client' when auth, else false. */
	rateLimit?: 'client' | 'token' | false;
	/** Eligible for fault injection (default true). */
	faults?: boolean;
	/** A token call (/oauth2/*): faults only when config.faults.includeTokenCalls. */
	tokenCall?: boolean;
	/** `meta.powered_by` of this route's answers; false when the answer's meta model has none. */
	poweredBy?: string | false;
	/**
	 * Error statuses whose answer model (in the spec, or its known extra statuses) carries
	 * `resources`: their error answers add `resources: []`; every other error answers meta + errors.
	 */
	errorResources?: readonly number[];
	/**
	 * How the pipeline's own refusals of this route (rate limit 429, injected 5xx and 429) are
	 * shaped, for an API whose error body is not Falcon's envelope (Cytomic Orion). Default: Falcon's.
	 */
	refusal?: (status: number, message: string, headers?: Record<string, string | number>) => Reply;
}

export interface Route {
	method: string;
	path: string;
	handler: Handler;
	options: RouteOptions;
	pattern?: { regex: RegExp; names: string[] };
}

/** An authentication scheme: finds the principal of a request, or builds its rejection. */
export interface AuthScheme {
	authenticate(ctx: RequestContext): Principal | undefined;
	/** The answer for a request without valid credentials (typically 401). */
	reject(ctx: RequestContext): Reply;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { route: undefined; allowed: string[] };

/**
 * Method + path -> handler. Paths are exact (`/iocs/entities/indicators/v1`) or hold `:name`
 * segments (`/orion/api/v1/applications/iocs/:iocType`). A trailing slash is optional when matching.
 */
export class Router {
	private readonly exact = new Map<string, Route>();
	private readonly patterns: Route[] = [];
	private readonly schemes = new Map<string, AuthScheme>();
	readonly routes: Route[] = [];

	add(method: string, path: string, handler: Handler, options: RouteOptions = {}): this {
		const m = method.toUpperCase();
		const route: Route = { method: m, path, handler, options };
		const normalized = normalizePath(path);
		if (normalized.includes('/:')) {
			const names: string[] = [];
			const regex = new RegExp(
				'^' +
					normalized
						.split('/')
						.map((seg) => {
							if (seg.startsWith(':')) {
								names.push(seg.slice(1));
								return '([^/]+)';
							}
							return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
						})
						.join('/') +
					'$',
			);
			route.pattern = { regex, names };
			this.patterns.push(route);
		} else {
			const key = `${m} ${normalized}`;
			if (this.exact.has(key)) throw new Error(`Route already registered: ${key}`);
			this.exact.set(key, route);
		}
		this.routes.push(route);
		return this;
	}

	get(path: string, handler: Handler, options?: RouteOptions): this {
		return this.add('GET', path, handler, options);
	}

	post(path: string, handler: Handler, options?: RouteOptions): this {
		return this.add('POST', path, handler, options);
	}

	put(path: string, handler: Handler, options?: RouteOptions): this {
		return this.add('PUT', path, handler, options);
	}

	patch(path: string, handler: Handler, options?: RouteOptions): this {
		return this.add('PATCH', path, handler, options);
	}

	delete(path: string, handler: Handler, options?: RouteOptions): this {
		return this.add('DELETE', path, handler, options);
	}

	/** Registers an auth scheme usable as `{auth: name}` (e.g. 'orion'). */
	authScheme(name: string, scheme: AuthScheme): this {
		this.schemes.set(name, scheme);
		return this;
	}

	scheme(name: string): AuthScheme | undefined {
		return this.schemes.get(name);
	}

	match(method: string, rawPath: string): RouteMatch {
		const path = normalizePath(rawPath);
		const m = method.toUpperCase();
		const hit = this.exact.get(`${m} ${path}`) ?? (m === 'HEAD' ? this.exact.get(`GET ${path}`) : undefined);
		if (hit) return { route: hit, params: {} };
		for (const r of this.patterns) {
			if (r.method !== m) continue;
			const mm = r.pattern?.regex.exec(path);
			if (mm) {
				const params: Record<string, string> = {};
				r.pattern?.names.forEach((n, i) => (params[n] = decodeURIComponent(mm[i + 1])));
				return { route: r, params };
			}
		}
		const allowed: string[] = [];
		for (const r of this.routes) {
			if (normalizePath(r.path) === path || r.pattern?.regex.test(path)) allowed.push(r.method);
		}
		return { route: undefined, allowed };
	}
}

function normalizePath(path: string): string {
	return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
