/** Orion's answers: the IOC API's `{success, message, error}` shape, and OAuth2 errors on the token call. */
import { ApiError, reply, type Reply } from '../core/envelope';
import type { Handler, RequestContext } from '../core/router';
import type { OrionFailure, OrionOperation } from './state';

export class OrionError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly code: string,
	) {
		super(message);
	}
}

export function orionFailure(status: number, message: string, error: string, headers?: Record<string, string | number>): Reply {
	return reply(status, { success: false, message, error, PandaAlertId: null }, headers);
}

function injected(failure: OrionFailure): Reply {
	const status = failure.status;
	const code = failure.error ?? (status === 429 ? 'TooManyRequests' : status >= 500 ? 'ServiceUnavailable' : 'Refused');
	const message =
		failure.message ?? (status === 429 ? 'Too many requests' : status >= 500 ? 'The service is temporarily unavailable' : 'The request was refused');
	return orionFailure(status, message, code, failure.headers);
}

/**
 * An Orion route's handler: errors become Orion-shaped answers, and a failure a test injected for
 * this operation answers before the work, or after it (`afterApply`).
 */
export function orionRoute(operation: OrionOperation, handler: Handler): Handler {
	return async (ctx: RequestContext) => {
		const failure = ctx.state.orion.takeFailure(operation);
		if (failure && !failure.afterApply) return injected(failure);
		let answer: Reply;
		try {
			answer = await handler(ctx);
		} catch (error) {
			if (error instanceof OrionError) answer = orionFailure(error.status, error.message, error.code);
			else if (error instanceof ApiError) answer = orionFailure(error.status, error.message, 'BadRequest');
			else throw error;
		}
		return failure ? injected(failure) : answer;
	};
}

/** Dates as the API reads them: Unix milliseconds; values below 10^11 are seconds and are converted. */
export function epochMs(raw: unknown, name: string): number {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^\d+$/.test(text)) throw new OrionError(400, `'${name}' must be a Unix timestamp in milliseconds`, 'InvalidDate');
	const value = Number(text);
	return value < 1e11 ? value * 1000 : value;
}
