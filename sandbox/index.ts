/**
 * The embedded sandbox: a local emulator of the CrowdStrike Falcon API (and, as services are
 * added, Cytomic Orion) served over real HTTP on loopback. No runtime dependencies.
 *
 *   const sandbox = await startSandbox({ latencyMs: 50 });
 *   // sandbox.url, sandbox.falcon.clientId / clientSecret, sandbox.requests, sandbox.close()
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminRouter } from './admin';
import { buildConfig, cloneConfig, restoreConfig } from './config';
import { type ExchangeListener } from './core/exchange';
import { FaultInjector } from './core/faults';
import { SlidingWindowLimiter } from './core/rate-limiter';
import { RequestLog } from './core/request-log';
import { Router } from './core/router';
import { createRequestListener } from './core/server';
import { DEFAULT_FALCON_CLIENT_ID, DEFAULT_FALCON_CLIENT_SECRET } from './falcon/seed-data';
import { SERVICES } from './services';
import { createState, expireAllTokens, resetState } from './state';
import type { Sandbox, SandboxOptions } from './types';

export type { SandboxState } from './state';
export type { ClientCredentials, FaultConfig, RequestLogEntry, Sandbox, SandboxConfig, SandboxOptions, ServiceRegistrar } from './types';
export { SERVICES } from './services';
export { onExchange, type Exchange, type ExchangeListener } from './core/exchange';
export * from './falcon/seed-data';
export { DEFAULT_ORION_CLIENT_ID, DEFAULT_ORION_CLIENT_SECRET, DEFAULT_ORION_PASSWORD, DEFAULT_ORION_USERNAME } from './orion/seed';
export type { OrionCredentials } from './orion/state';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const config = buildConfig(options);
	const initialConfig = cloneConfig(config);
	const falcon = {
		clientId: options.falcon?.clientId ?? DEFAULT_FALCON_CLIENT_ID,
		clientSecret: options.falcon?.clientSecret ?? DEFAULT_FALCON_CLIENT_SECRET,
	};
	const state = createState({ config, falcon, orion: options.orion });
	const router = new Router();
	for (const register of [...SERVICES, ...(options.services ?? [])]) register(router, state, config);

	const log = new RequestLog(config.requestLogLimit);
	const faults = new FaultInjector(() => config.faults);
	const limiters = {
		client: new SlidingWindowLimiter(),
		badToken: new SlidingWindowLimiter(),
		token: new SlidingWindowLimiter(),
	};
	const exchangeListeners = new Set<ExchangeListener>();
	const host = options.host ?? '127.0.0.1';
	let url = '';
	let handle: Sandbox | undefined;

	const admin = createAdminRouter({
		handle: () => handle as Sandbox,
		resetConfig: () => restoreConfig(config, initialConfig),
		routes: () => router.routes.map((r) => ({ method: r.method, path: r.path, ...(r.options.operation ? { operation: r.options.operation } : {}) })),
		startedAt: Date.now(),
	});

	const server: Server = createServer(
		createRequestListener({ router, admin, config, state, log, faults, limiters, baseUrl: () => url, exchangeListeners }),
	);
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 70_000;
	server.requestTimeout = 0;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	handle = {
		url,
		port,
		host,
		falcon,
		orion: state.orion.credentials,
		config,
		get requests() {
			return log.entries;
		},
		state,
		expireTokens: () => expireAllTokens(state),
		clearRequests: () => log.clear(),
		reset: () => {
			resetState(state);
			log.clear();
			limiters.client.clear();
			limiters.badToken.clear();
			limiters.token.clear();
			faults.reset();
		},
		seedIndicators: (count: number) => state.iocs.seedSynthetic(count),
		seedFeed: (seed) => state.iocs.seedFeed(seed),
		onExchange: (listener: ExchangeListener) => {
			exchangeListeners.add(listener);
			return () => exchangeListeners.delete(listener);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	return handle;
}
