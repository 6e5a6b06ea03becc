/**
 * Control API under /_sandbox/ (no auth, never rate limited, no faults, not logged): the same
 * controls as the in-process handle, for out-of-process users (real n8n, benchmarks, curl).
 */
import type { FeedSeed } from './falcon/ioc-management/seed';
import { applyConfigPatch } from './config';
import { ApiError, reply } from './core/envelope';
import { Router } from './core/router';
import { scanResource } from './falcon/quick-scan-pro/records';
import type { RequestLogEntry } from './core/request-log';
import type { Sandbox } from './types';
import { ALERT_STATUSES, PATTERNS, SEVERITY_SCORES } from './falcon/alerts/model';
import type { NewAlert } from './falcon/alerts/store';

const NEW_ALERT_TEXT = ['sha256', 'filename', 'device_id', 'hostname'] as const;

/** What is wrong with a POST /_sandbox/falcon/alerts body, or undefined. */
function newAlertProblem(body: Record<string, unknown>): string | undefined {
	for (const key of Object.keys(body)) {
		if (![...NEW_ALERT_TEXT, 'severity_name', 'status', 'pattern', 'timestamp'].includes(key)) return `Unknown alert field '${key}'`;
	}
	for (const key of NEW_ALERT_TEXT) if (body[key] !== undefined && (typeof body[key] !== 'string' || body[key] === '')) return `${key} must be a non-empty string`;
	if (body.sha256 !== undefined && !/^[a-f0-9]{64}$/i.test(String(body.sha256))) return 'sha256 must be 64 hexadecimal characters';
	if (body.severity_name !== undefined && !Object.keys(SEVERITY_SCORES).includes(String(body.severity_name))) return `severity_name must be one of ${Object.keys(SEVERITY_SCORES).join(', ')}`;
	if (body.status !== undefined && !(ALERT_STATUSES as readonly string[]).includes(String(body.status))) return `status must be one of ${ALERT_STATUSES.join(', ')}`;
	if (body.pattern !== undefined && !Object.keys(PATTERNS).includes(String(body.pattern))) return `pattern must be one of ${Object.keys(PATTERNS).join(', ')}`;
	if (body.timestamp !== undefined && (typeof body.timestamp !== 'number' || !Number.isFinite(body.timestamp))) return 'timestamp must be Unix milliseconds';
	return undefined;
}

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

	admin.post(
		'/_sandbox/orion/alerts',
		(ctx) => {
			const body = (ctx.body ?? {}) as Record<string, unknown>;
			if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'A JSON object with the alert fields to set is expected');
			if (body.timestamp !== undefined && (typeof body.timestamp !== 'number' || !Number.isFinite(body.timestamp))) {
				throw new ApiError(400, 'timestamp must be Unix milliseconds');
			}
			if (body.status !== undefined && !['Pending', 'InProgress', 'Closed'].includes(String(body.status))) {
				throw new ApiError(400, 'status must be Pending, InProgress or Closed');
			}
			return reply(201, c.handle().state.orion.addAlert(body));
		},
		opts,
	);

	admin.post(
		'/_sandbox/quick-scan-pro/scans',
		(ctx) => {
			const body = (ctx.body ?? {}) as Record<string, unknown>;
			if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'A JSON object {content? | sha256?, fileName?, verdict?} is expected');
			const { content, sha256, fileName, verdict } = body;
			if (verdict !== undefined && verdict !== 'malicious' && verdict !== 'clean') throw new ApiError(400, "verdict must be 'malicious' or 'clean'");
			if (fileName !== undefined && (typeof fileName !== 'string' || fileName.length > 255)) throw new ApiError(400, 'fileName must be a string of at most 255 characters');
			const store = c.handle().state.quickScanPro;
			const now = Date.now();
			let hash: string;
			if (typeof content === 'string' && content !== '') hash = store.putFile(Buffer.from(content, 'utf8'), (fileName as string | undefined) ?? 'sample.txt', 'sandbox-admin', now).sha256;
			else if (typeof sha256 === 'string' && /^[a-f0-9]{64}$/i.test(sha256)) hash = sha256.toLowerCase();
			else throw new ApiError(400, 'Give the file as content (text), or its sha256 (64 hexadecimal characters)');
			const entry = store.addFinished({ sha256: hash, fileName: (fileName as string | undefined) ?? '', verdict: verdict as 'malicious' | 'clean' | undefined, at: now });
			return reply(201, scanResource(entry, now));
		},
		opts,
	);

	admin.post(
		'/_sandbox/falcon/alerts',
		(ctx) => {
			const body = (ctx.body ?? {}) as Record<string, unknown>;
			if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'A JSON object with the alert fields to set is expected');
			const problem = newAlertProblem(body);
			if (problem) throw new ApiError(400, problem);
			try {
				return reply(201, c.handle().state.alerts.create(body as NewAlert));
			} catch (error) {
				throw new ApiError(404, (error as Error).message);
			}
		},
		opts,
	);

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
