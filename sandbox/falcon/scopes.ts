/**
 * API client scopes: the sandbox's client has every scope except those `config.deniedScopes`
 * names. A request needing a missing one answers as the API gateway does, 403 with meta and errors.
 */
import { gatewayError, type Reply } from '../core/envelope';
import type { RequestContext } from '../core/router';

export const AUTHORIZATION_FAILED = 'access denied, authorization failed';

/** The 403 answer when the client lacks `scope` (e.g. `devices:write`), or undefined when it has it. */
export function deniedScope(ctx: RequestContext, scope: string): Reply | undefined {
	return ctx.config.deniedScopes.includes(scope) ? gatewayError(ctx, 403, AUTHORIZATION_FAILED) : undefined;
}
