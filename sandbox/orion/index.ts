/**
 * Cytomic Orion, under /orion: the token service at /orion/oauth/token and the API under
 * /orion/api/v1/applications (IOC API and alerts). State: state.orion (sandbox/orion/state.ts).
 */
import type { ServiceRegistrar } from '../types';
import { orionFailure } from './http';
import { alertsRoute } from './alerts';
import { iocRoutes } from './iocs';
import { registerOrionOAuth } from './oauth';

export { DEFAULT_ORION_CLIENT_ID, DEFAULT_ORION_CLIENT_SECRET, DEFAULT_ORION_PASSWORD, DEFAULT_ORION_USERNAME } from './seed';
export { OrionState, type OrionCredentials, type OrionFailure, type OrionAlert } from './state';
export { ORION_TOKEN_PATH, ORION_SCOPE } from './oauth';

export const ORION_API_PREFIX = '/orion/api/v1/applications';

const poweredBy = 'orion-api';

/** Rate-limit and injected failures of the IOC API and alerts, in Orion's shape (decision D8). */
const refusal = (status: number, message: string, headers?: Record<string, string | number>) =>
	orionFailure(status, message, status === 429 ? 'TooManyRequests' : status >= 500 ? 'ServiceUnavailable' : 'Refused', headers);

export const registerOrion: ServiceRegistrar = (router) => {
	registerOrionOAuth(router);
	for (const route of iocRoutes()) {
		router.add(route.method, route.path, route.handler, { auth: 'orion', operation: route.operation, poweredBy, refusal });
	}
	router.get(alertsRoute.path, alertsRoute.handler, { auth: 'orion', operation: alertsRoute.operation, poweredBy, refusal });
};
