/**
 * The request pipeline: route -> body -> auth -> rate limit -> faults -> handler -> latency -> answer -> log.
 * Admin routes (/_sandbox/...) skip auth, rate limits, faults, latency and the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../state';
import type { SandboxConfig } from '../types';
import { BodyTooLargeError, type ParsedBody, parseBody, readBody } from './body';
import { ApiError, type EnvelopeContext, fail, gatewayError, newTraceId, type Reply } from './envelope';
import { emitExchange, hasExchangeListeners, type ExchangeListener } from './exchange';
import { FAULT_MESSAGES, type FaultDecision, type FaultInjector } from './faults';
import { isFqlError } from './fql';
import { delay } from './latency';
import { parseQuery, QueryAccessor } from './query';
import { rateLimitHeaders, retryAfterValue, type SlidingWindowLimiter } from './rate-limiter';
import { redactBody, redactHeaders, type RequestLog } from './request-log';
import type { RequestContext, Route, Router } from './router';

export const ADMIN_PREFIX = '/_sandbox';
export const RATE_LIMIT_MESSAGE = 'API rate limit exceeded.';

export interface Pipeline {
	router: Router;
	admin: Router;
	config: SandboxConfig;
	state: SandboxState;
	log: RequestLog;
	faults: FaultInjector;
	limiters: {
		client: SlidingWindowLimiter;
		badToken: SlidingWindowLimiter;
		token: SlidingWindowLimiter;
	};
	baseUrl: () => string;
	/** This sandbox's own exchange listeners (sandbox.onExchange). */
	exchangeListeners?: Set<ExchangeListener>;
}

interface Outcome {
	reply: Reply;
	fault?: FaultDecision;
	extraDelayMs: number;
}

export function createRequestListener(p: Pipeline): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		handle(p, req, res).catch((err: unknown) => {
			// Last resort: never leave a request hanging.
			if (!res.headersSent && !res.destroyed) {
				res.statusCode = 500;
				res.setHeader('Content-Type', 'application/json');
				res.end(JSON.stringify({ errors: [{ code: 500, message: `Sandbox error: ${(err as Error).message}` }] }));
			}
		});
	};
}

async function handle(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const startedAt = process.hrtime.bigint();
	const at = new Date();
	const traceId = newTraceId();
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	const path = url.pathname;
	const method = (req.method ?? 'GET').toUpperCase();
	const isAdmin = path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
	const router = isAdmin ? p.admin : p.router;
	const match = router.match(method, path);
	const route: Route | undefined = match.route;
	const rawQuery = parseQuery(url.search);
	const poweredBy = route?.options.poweredBy;
	const base: EnvelopeContext = {
		traceId,
		startedAt,
		poweredBy: poweredBy === false ? undefined : (poweredBy ?? (isAdmin ? 'sandbox-admin' : 'crowdstrike-api')),
		...(route?.options.errorResources ? { errorResources: route.options.errorResources } : {}),
	};
	const ip = req.socket.remoteAddress ?? 'unknown';

	let parsed: ParsedBody = { kind: 'none', value: undefined, raw: Buffer.alloc(0) };
	let unparsed: Buffer | undefined;
	let outcome: Outcome;
	let ctx: RequestContext | undefined;
	try {
		const raw = await readBody(req, p.config.maxBodyBytes);
		unparsed = raw;
		parsed = parseBody(raw, req.headers['content-type']);
		unparsed = undefined;
		ctx = {
			...base,
			method,
			path,
			params: match.route ? match.params : {},
			query: new QueryAccessor(rawQuery),
			rawQuery,
			headers: req.headers,
			body: parsed.value,
			bodyKind: parsed.kind,
			form: parsed.form,
			files: parsed.files,
			rawBody: parsed.raw,
			ip,
			config: p.config,
			state: p.state,
			baseUrl: p.baseUrl(),
			operation: route?.options.operation,
		};
		outcome = await dispatch(p, ctx, route, match.route ? [] : match.allowed, isAdmin);
	} catch (err) {
		outcome = { reply: errorReply(base, err), extraDelayMs: 0 };
		if (err instanceof BodyTooLargeError) {
			outcome.reply.headers = { ...outcome.reply.headers, Connection: 'close' };
			req.resume();
		}
	}

	const { reply, fault } = outcome;
	if (fault?.kind === 'drop') {
		req.socket.destroy();
		record(p, isAdmin, req, method, path, rawQuery, parsed, 0, at, startedAt, traceId, ctx, fault);
		report(p, { req, method, path, rawQuery, parsed, unparsed, reply: undefined, isAdmin, fault, operation: route?.options.operation });
		return;
	}
	// Latency runs from the request's arrival, as a real API's server time is part of its round trip:
	// this single thread's own work (and requests that arrived together queueing for it) must not
	// come on top, which a fleet of servers answering in parallel would never add.
	// The answer's encoding is server time too, so it happens inside the latency, not after it.
	const payload = encodeReply(reply);
	const handledMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
	const wait = isAdmin ? 0 : p.config.latencyMs - handledMs + outcome.extraDelayMs;
	if (wait > 0) await delay(wait);
	send(res, method, reply, payload, traceId, fault);
	record(p, isAdmin, req, method, path, rawQuery, parsed, reply.status, at, startedAt, traceId, ctx, fault);
	report(p, { req, method, path, rawQuery, parsed, unparsed, reply, isAdmin, fault, operation: route?.options.operation });
}

/** Tells the exchange listeners (contract tests) what was asked and what was answered. */
function report(
	p: Pipeline,
	x: {
		req: IncomingMessage;
		method: string;
		path: string;
		rawQuery: Record<string, string[]>;
		parsed: ParsedBody;
		unparsed?: Buffer;
		reply?: Reply;
		isAdmin: boolean;
		fault?: FaultDecision;
		operation?: string;
	},
): void {
	if (!hasExchangeListeners(p.exchangeListeners)) return;
	const { parsed, reply } = x;
	let response: unknown;
	let responseText: string | undefined;
	if (reply) {
		if (reply.raw !== undefined) {
			responseText = String(reply.raw);
			const isJson = (reply.contentType ?? 'application/json').includes('json');
			if (isJson) {
				try {
					response = JSON.parse(responseText);
					responseText = undefined;
				} catch {
					// Not JSON (a malformed fault): kept as text.
				}
			}
		} else if (reply.json !== undefined) {
			// A copy, so that later changes to stored documents do not show in what was answered.
			response = JSON.parse(JSON.stringify(reply.json));
		}
	}
	let body: unknown;
	switch (parsed.kind) {
		case 'form':
		case 'multipart':
			body = parsed.form ?? {};
			break;
		case 'binary':
			body = undefined;
			break;
		default:
			body = parsed.value;
	}
	emitExchange(
		{
			sandboxUrl: p.baseUrl(),
			method: x.method,
			path: x.path,
			query: x.rawQuery,
			headers: x.req.headers,
			...(x.req.headers['content-type'] ? { contentType: String(x.req.headers['content-type']) } : {}),
			bodyKind: x.unparsed !== undefined && x.unparsed.length > 0 ? 'invalid' : parsed.kind,
			body: x.unparsed !== undefined && x.unparsed.length > 0 ? x.unparsed.toString('utf8') : body,
			files: (parsed.files ?? []).map((f) => f.field),
			status: reply?.status ?? 0,
			...(response !== undefined ? { response } : {}),
			...(responseText !== undefined ? { responseText } : {}),
			...(reply?.contentType ? { responseContentType: reply.contentType } : {}),
			...(x.fault ? { fault: x.fault.kind } : {}),
			...(x.operation ? { operation: x.operation } : {}),
			admin: x.isAdmin,
		},
		p.exchangeListeners,
	);
}

async function dispatch(p: Pipeline, ctx: RequestContext, route: Route | undefined, allowed: string[], isAdmin: boolean): Promise<Outcome> {
	if (!route) {
		if (allowed.length > 0) {
			return { reply: fail(ctx, 405, `Method ${ctx.method} not allowed on ${ctx.path}`, { headers: { Allow: allowed.join(', ') } }), extraDelayMs: 0 };
		}
		return { reply: fail(ctx, 404, `Not Found: no route for ${ctx.method} ${ctx.path}`), extraDelayMs: 0 };
	}
	const opts = route.options;
	let rateHeaders: Record<string, string | number> = {};
	const retryUnit = p.config.retryAfterUnit;

	// 1. auth
	if (opts.auth !== false && !isAdmin) {
		const schemeName = opts.auth ?? 'falcon';
		const scheme = p.router.scheme(schemeName);
		if (!scheme) return { reply: fail(ctx, 500, `Sandbox misconfiguration: unknown auth scheme '${schemeName}'`), extraDelayMs: 0 };
		const principal = scheme.authenticate(ctx);
		if (!principal) {
			const d = p.limiters.badToken.hit(ctx.ip, p.config.badTokenRateLimitPerMinute);
			const headers = rateLimitHeaders(d, retryUnit);
			if (!d.allowed) return { reply: refuse(opts, ctx, 429, RATE_LIMIT_MESSAGE, headers), extraDelayMs: 0 };
			const rejected = scheme.reject(ctx);
			rejected.headers = { ...headers, ...rejected.headers };
			return { reply: rejected, extraDelayMs: 0 };
		}
		ctx.principal = principal;
		// An API client without the scope (or a tenant without the licence) for this API.
		if (p.config.forbiddenPaths.some((prefix) => ctx.path.startsWith(prefix))) {
			return { reply: gatewayError(ctx, 403, 'access denied, authorization failed'), extraDelayMs: 0 };
		}
	}

	// 2. rate limit
	const kind = opts.rateLimit ?? (opts.auth !== false ? 'client' : false);
	if (kind && !isAdmin) {
		const d =
			kind === 'token'
				? p.limiters.token.hit(ctx.ip, p.config.tokenRateLimitPerMinute)
				: p.limiters.client.hit(`client:${ctx.principal?.clientId ?? ctx.ip}`, p.config.rateLimitPerMinute);
		rateHeaders = rateLimitHeaders(d, retryUnit);
		if (!d.allowed) return { reply: refuse(opts, ctx, 429, RATE_LIMIT_MESSAGE, rateHeaders), extraDelayMs: 0 };
	}

	// 3. faults
	let fault: FaultDecision | undefined;
	if (!isAdmin && opts.faults !== false && p.faults.appliesTo(ctx.path, opts.tokenCall === true)) fault = p.faults.decide();
	if (fault) {
		switch (fault.kind) {
			case 'drop':
				return { reply: { status: 0 }, fault, extraDelayMs: 0 };
			case '5xx': {
				const status = fault.status ?? 500;
				const message = FAULT_MESSAGES[status] ?? 'Server Error';
				const r = opts.refusal ? opts.refusal(status, message, rateHeaders) : fail(ctx, status, message, { headers: rateHeaders });
				return { reply: r, fault, extraDelayMs: 0 };
			}
			case '429': {
				const headers = {
					...rateHeaders,
					'X-RateLimit-Remaining': 0,
					'X-RateLimit-RetryAfter': retryAfterValue(Date.now() + 1000, retryUnit),
				};
				return { reply: refuse(opts, ctx, 429, RATE_LIMIT_MESSAGE, headers), fault, extraDelayMs: 0 };
			}
			default:
				break;
		}
	}

	// 4. handler
	let reply: Reply;
	try {
		reply = await route.handler(ctx);
	} catch (err) {
		reply = errorReply(ctx, err);
	}
	reply.headers = { ...rateHeaders, ...reply.headers };
	if (fault?.kind === 'malformed') {
		const text = reply.raw !== undefined ? String(reply.raw) : JSON.stringify(reply.json ?? {});
		reply = { status: 200, raw: `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}\u0000{"truncated`, headers: reply.headers };
	}
	return { reply, fault, extraDelayMs: fault?.kind === 'slow' ? p.config.faults.slowMs : 0 };
}

/** A refusal by the pipeline itself: Falcon's gateway envelope, or the route's own shape. */
function refuse(opts: Route['options'], ctx: EnvelopeContext, status: number, message: string, headers: Record<string, string | number>): Reply {
	return opts.refusal ? opts.refusal(status, message, headers) : gatewayError(ctx, status, message, headers);
}

function errorReply(ctx: EnvelopeContext, err: unknown): Reply {
	if (err instanceof ApiError) return fail(ctx, err.status, err.errors, { headers: err.headers });
	if (err instanceof BodyTooLargeError) {
		return gatewayError(ctx, 413, `Request body too large: the limit is ${err.limit} bytes`);
	}
	if (isFqlError(err)) return fail(ctx, 400, err.message);
	return fail(ctx, 500, `Internal Server Error: ${(err as Error)?.message ?? String(err)}`);
}

function encodeReply(reply: Reply): Buffer {
	const body = reply.raw !== undefined ? reply.raw : reply.json === undefined ? '' : JSON.stringify(reply.json);
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function send(res: ServerResponse, method: string, reply: Reply, buf: Buffer, traceId: string, fault?: FaultDecision): void {
	if (res.destroyed || res.writableEnded) return;
	res.statusCode = reply.status;
	res.setHeader('Content-Type', reply.contentType ?? 'application/json; charset=utf-8');
	res.setHeader('X-Cs-Traceid', traceId);
	if (fault) res.setHeader('X-Sandbox-Fault', fault.kind);
	for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, String(v));
	res.setHeader('Content-Length', buf.length);
	res.end(method === 'HEAD' ? undefined : buf);
}

function record(
	p: Pipeline,
	isAdmin: boolean,
	req: IncomingMessage,
	method: string,
	path: string,
	query: Record<string, string[]>,
	parsed: ParsedBody,
	status: number,
	at: Date,
	startedAt: bigint,
	traceId: string,
	ctx: RequestContext | undefined,
	fault?: FaultDecision,
): void {
	if (isAdmin) return;
	p.log.limit = p.config.requestLogLimit;
	p.log.add({
		method,
		path,
		query,
		headers: redactHeaders(req.headers),
		body: loggedBody(parsed),
		status,
		at: at.toISOString(),
		durationMs: Number(process.hrtime.bigint() - startedAt) / 1e6,
		traceId,
		...(ctx?.operation ? { operation: ctx.operation } : {}),
		...(ctx?.principal ? { clientId: ctx.principal.clientId } : {}),
		...(fault ? { fault: fault.kind } : {}),
	});
}

function loggedBody(parsed: ParsedBody): unknown {
	switch (parsed.kind) {
		case 'none':
			return undefined;
		case 'form':
			return redactBody(parsed.value);
		case 'multipart':
			return {
				...(redactBody(parsed.value) as Record<string, unknown>),
				files: (parsed.files ?? []).map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.size })),
			};
		case 'binary':
			return { binary: true, size: parsed.raw.length };
		default:
			return redactBody(parsed.value);
	}
}
