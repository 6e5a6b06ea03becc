/**
 * Falcon OAuth2 client credentials: POST /oauth2/token, POST /oauth2/revoke, and the 'falcon'
 * bearer auth scheme every other Falcon route uses.
 */
import { ApiError, gatewayError, metaOnly, reply } from '../core/envelope';
import type { Handler, RequestContext } from '../core/router';
import { basicCredentials, bearerToken, TokenStore } from '../core/tokens';
import type { ClientCredentials, ServiceRegistrar } from '../types';

export const INVALID_BEARER_MESSAGE = 'access denied, invalid bearer token';

/** API clients and their tokens (state.falconAuth). */
export class FalconAuthState {
	readonly tokens = new TokenStore();
	private readonly clients = new Map<string, string>();

	constructor(readonly defaultClient: ClientCredentials) {
		this.clients.set(defaultClient.clientId, defaultClient.clientSecret);
	}

	/** Adds another API client (e.g. to test a second account). */
	addClient(clientId: string, clientSecret: string): void {
		this.clients.set(clientId, clientSecret);
	}

	checkSecret(clientId: string, clientSecret: string): boolean {
		return this.clients.has(clientId) && this.clients.get(clientId) === clientSecret;
	}

	expireTokens(): number {
		return this.tokens.expireTokens();
	}

	reset(): void {
		this.tokens.reset();
	}
}

function redirect(ctx: RequestContext, target: string): ReturnType<Handler> {
	let location = target;
	try {
		const u = new URL(target);
		if (u.pathname === '/' || u.pathname === '') location = `${u.origin}${ctx.path}`;
	} catch {
		// not absolute: use as is
	}
	return gatewayError(ctx, 308, 'Permanent Redirect', { Location: location });
}

const tokenHandler: Handler = (ctx) => {
	if (ctx.config.redirectTokenTo) return redirect(ctx, ctx.config.redirectTokenTo);
	if (ctx.bodyKind !== 'form' && ctx.bodyKind !== 'multipart') {
		throw new ApiError(400, 'The token request body must be form-encoded (application/x-www-form-urlencoded): client_id, client_secret');
	}
	const form = (ctx.body ?? {}) as Record<string, string | undefined>;
	const clientId = form.client_id?.trim();
	const clientSecret = form.client_secret;
	if (!clientId || !clientSecret) throw new ApiError(400, 'client_id and client_secret are required');
	const auth = ctx.state.falconAuth;
	if (!auth.checkSecret(clientId, clientSecret)) {
		return gatewayError(ctx, 401, `Failed to generate access token for clientID=${clientId}, please check credentials`);
	}
	const memberCid = form.member_cid?.trim();
	if (memberCid) {
		const normalized = memberCid.split('-')[0].toUpperCase();
		if (!ctx.config.memberCids.some((c) => c.toUpperCase() === normalized)) {
			return gatewayError(
				ctx,
				403,
				`Failed to generate access token for clientID=${clientId}: member_cid '${memberCid}' is not a child CID of this account`,
			);
		}
	}
	const lifetime = ctx.config.tokenLifetimeSeconds;
	const { token } = auth.tokens.issue({ clientId, ...(memberCid ? { memberCid } : {}) }, lifetime);
	// expires_in is an int64 (domain.AccessTokenResponseV1): a sub-second test lifetime is rounded up.
	return reply(201, { access_token: token, token_type: 'bearer', expires_in: Math.ceil(lifetime) }, { 'X-Cs-Region': ctx.config.region });
};

const revokeHandler: Handler = (ctx) => {
	if (ctx.config.redirectTokenTo) return redirect(ctx, ctx.config.redirectTokenTo);
	const basic = basicCredentials(typeof ctx.headers.authorization === 'string' ? ctx.headers.authorization : undefined);
	if (!basic || !ctx.state.falconAuth.checkSecret(basic.id, basic.secret)) {
		return gatewayError(ctx, 401, 'access denied, invalid client credentials (HTTP Basic client_id:client_secret)');
	}
	const form = (ctx.body ?? {}) as Record<string, string | undefined>;
	const token = typeof form.token === 'string' ? form.token.trim() : '';
	if (!token) throw new ApiError(400, 'token is required');
	ctx.state.falconAuth.tokens.revoke(token);
	return metaOnly(ctx, 200);
};

export const registerFalconOAuth: ServiceRegistrar = (router) => {
	router.authScheme('falcon', {
		authenticate(ctx) {
			const header = ctx.headers.authorization;
			return ctx.state.falconAuth.tokens.validate(bearerToken(typeof header === 'string' ? header : undefined));
		},
		reject(ctx) {
			return gatewayError(ctx, 401, INVALID_BEARER_MESSAGE);
		},
	});
	const options = { auth: false as const, rateLimit: 'token' as const, tokenCall: true, poweredBy: 'csapi' };
	router.post('/oauth2/token', tokenHandler, { ...options, operation: 'oauth2AccessToken' });
	router.post('/oauth2/revoke', revokeHandler, { ...options, operation: 'oauth2RevokeToken' });
};
