/**
 * Control API under /_sandbox/ (no auth, never rate limited, no faults, not logged): the same
 * controls as the in-process handle, for out-of-process users (real n8n, benchmarks, curl).
 */
import type { FeedSeed } from './falcon/ioc-management/seed';
import { applyConfigPatch } from './config';
import { ApiError, reply } from './core/envelope';
import { Router } from './core/router';
import type { RequestLogEntry } from './core/request-log';
import type { Sandbox } from './types';
import { registerTriggerEventRoutes } from './admin-events';

export interface AdminControls {
	handle: () => Sandbox;
	resetConfig: () => void;
	routes: () => Array<{ method: string; path: string; operation?: string }>;
	startedAt: number;
}

export function createAdminRouter(c: AdminControls): Router {
	const admin = new Router();
	const opts = { auth: false as const, rateLimit: false as const, faults: false, poweredBy: 'sandbox-admin' };

	admin.get(
		'/_sandbox/health',
		() => {
			const h = c.handle();
			return reply(200, {
				status: 'ok',
				url: h.url,
				uptimeSeconds: Math.round((Date.now() - c.startedAt) / 1000),
				indicators: h.state.iocs.size,
				requestsLogged: h.requests.length,
				liveTokens: h.state.falconAuth.tokens.liveCount,
				routes: c.routes().length,
			});
		},
		opts,
	);

	admin.get(
		'/_sandbox/requests',
		(ctx) => {
			let list: RequestLogEntry[] = c.handle().requests;
			const method = ctx.query.string('method')?.toUpperCase();
			const path = ctx.query.string('path');
			const operation = ctx.query.string('operation');
			if (method) list = list.filter((r) => r.method === method);
			if (path) list = list.filter((r) => r.path.startsWith(path));
			if (operation) list = list.filter((r) => r.operation === operation);
			const limit = ctx.query.int('limit', { min: 1 });
			if (limit !== undefined) list = list.slice(-limit);
			return reply(200, { count: list.length, requests: list });
		},
		opts,
	);

	admin.delete(
		'/_sandbox/requests',
		() => {
			const h = c.handle();
			const cleared = h.requests.length;
			h.clearRequests();
			return reply(200, { cleared });
		},
		opts,
	);

	admin.get('/_sandbox/config', () => reply(200, c.handle().config), opts);

	admin.patch(
		'/_sandbox/config',
		(ctx) => {
			if (ctx.body === undefined) throw new ApiError(400, 'A JSON body with the config fields to change is required');
			applyConfigPatch(c.handle().config, ctx.body);
			return reply(200, c.handle().config);
		},
		opts,
	);

	admin.post(
		'/_sandbox/reset',
		(ctx) => {
			const body = (ctx.body ?? {}) as { config?: boolean };
			if (body.config === true) c.resetConfig();
			c.handle().reset();
			return reply(200, { ok: true, indicators: c.handle().state.iocs.size, configReset: body.config === true });
		},
		opts,
	);

	admin.post('/_sandbox/expire-tokens', () => reply(200, { expired: c.handle().expireTokens() }), opts);

	admin.post(
		'/_sandbox/seed/indicators',
		(ctx) => {
			const body = (ctx.body ?? {}) as { count?: unknown };
			const count = body.count ?? ctx.query.int('count');
			if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
				throw new ApiError(400, 'count must be an integer between 1 and 1000000');
			}
			const started = Date.now();
			const ids = c.handle().seedIndicators(count);
			return reply(200, { created: ids.length, total: c.handle().state.iocs.size, ms: Date.now() - started });
		},
		opts,
	);

	admin.post(
		'/_sandbox/seed/feed',
		(ctx) => {
			const seed = (ctx.body ?? {}) as Partial<FeedSeed>;
			if (typeof seed.count !== 'number' || !Number.isInteger(seed.count) || seed.count < 1 || seed.count > 1_000_000) {
				throw new ApiError(400, 'count must be an integer between 1 and 1000000');
			}
			if (typeof seed.source !== 'string' || seed.source === '') throw new ApiError(400, 'source is required');
			if (typeof seed.sha256Prefix !== 'string' || !/^[0-9a-f]{0,16}$/.test(seed.sha256Prefix)) throw new ApiError(400, 'sha256Prefix must be up to 16 lower-case hex digits');
			const started = Date.now();
			const ids = c.handle().seedFeed(seed as FeedSeed);
			return reply(200, { created: ids.length, total: c.handle().state.iocs.size, ms: Date.now() - started });
		},
		opts,
	);

	registerTriggerEventRoutes(admin, c.handle, opts);

	admin.get(
		'/_sandbox/credentials',
		() => {
			const h = c.handle();
			return reply(200, { falcon: { ...h.falcon, baseUrl: h.url, cloud: 'Custom URL' }, cid: h.config.cid, memberCids: h.config.memberCids });
		},
		opts,
	);

	admin.get('/_sandbox/routes', () => reply(200, { routes: c.routes() }), opts);

	return admin;
}
