/**
 * The Orion token service (auth.pandasecurity.com/oauth/token): OAuth2 password grant, the
 * application's client ID and secret as HTTP Basic, scope orion.api. Plus the 'orion' bearer scheme.
 */
import { randomBytes } from 'node:crypto';

import { reply, type Reply } from '../core/envelope';
import type { Handler, Router } from '../core/router';
import { basicCredentials, bearerToken } from '../core/tokens';
import type { OrionFailure } from './state';

export const ORION_SCOPE = 'orion.api';
export const ORION_TOKEN_PATH = '/orion/oauth/token';
export const ORION_UNAUTHORIZED_MESSAGE = 'Authorization has been denied for this request.';

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
	return reply(status, { error, error_description: description }, headers);
}

/** RFC 6749 2.3.1 form-urlencodes the ID and secret before Basic; clients that do are accepted too. */
function formDecoded(value: string): string {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}

const tokenHandler: Handler = (ctx) => {
	const orion = ctx.state.orion;
	const failure: OrionFailure | undefined = orion.takeFailure('token');
	if (failure) return oauthError(failure.status, 'temporarily_unavailable', failure.message ?? 'The token service is unavailable', failure.headers);
	const header = typeof ctx.headers.authorization === 'string' ? ctx.headers.authorization : undefined;
	const basic = basicCredentials(header);
	if (!basic) {
		return oauthError(401, 'invalid_client', 'Client authentication is required: send the client ID and secret as HTTP Basic', {
			'WWW-Authenticate': 'Basic realm="orion"',
		});
	}
	if (!orion.checkClient(basic.id, basic.secret) && !orion.checkClient(formDecoded(basic.id), formDecoded(basic.secret))) {
		return oauthError(401, 'invalid_client', 'Invalid client credentials', { 'WWW-Authenticate': 'Basic realm="orion"' });
	}
	if (ctx.bodyKind !== 'form') return oauthError(400, 'invalid_request', 'The body must be form-encoded (application/x-www-form-urlencoded)');
	const form = (ctx.body ?? {}) as Record<string, string | undefined>;
	if (form.grant_type !== 'password') {
		return oauthError(400, 'unsupported_grant_type', `Grant type '${form.grant_type ?? ''}' is not supported: use 'password'`);
	}
	const scopes = (form.scope ?? '').split(/\s+/).filter(Boolean);
	if (!scopes.includes(ORION_SCOPE)) return oauthError(400, 'invalid_scope', `The scope '${ORION_SCOPE}' is required`);
	if (!form.username || !form.password || !orion.checkUser(form.username, form.password)) {
		return oauthError(400, 'invalid_grant', 'Invalid username or password');
	}
	const lifetime = ctx.config.tokenLifetimeSeconds;
	const { token } = orion.tokens.issue({ clientId: orion.credentials.clientId, username: form.username, scope: ORION_SCOPE }, lifetime);
	// A refresh token is handed out as the real service does; the sandbox does not take the refresh grant.
	const refreshToken = randomBytes(32).toString('base64url');
	return reply(200, { access_token: token, expires_in: Math.ceil(lifetime), token_type: 'Bearer', refresh_token: refreshToken, scope: ORION_SCOPE });
};

export function registerOrionOAuth(router: Router): void {
	router.authScheme('orion', {
		authenticate(ctx) {
			const header = ctx.headers.authorization;
			const principal = ctx.state.orion.tokens.validate(bearerToken(typeof header === 'string' ? header : undefined));
			return principal?.scope === ORION_SCOPE ? principal : undefined;
		},
		reject() {
			return reply(401, { message: ORION_UNAUTHORIZED_MESSAGE }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
		},
	});
	router.post(ORION_TOKEN_PATH, tokenHandler, {
		auth: false,
		rateLimit: 'token',
		tokenCall: true,
		poweredBy: 'orion-auth',
		operation: 'orionToken',
		// Rate-limit and injected failures as OAuth2 errors (RFC 6749 section 5.2 shape).
		refusal: (status, message, headers) => oauthError(status, status >= 500 || status === 429 ? 'temporarily_unavailable' : 'invalid_request', message, headers as Record<string, string>),
	});
}
