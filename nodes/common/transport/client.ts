import { sleep, type IHttpRequestOptions, type NodeApiError } from 'n8n-workflow';

import { isByteStream, readErrorBody } from '../byte-stream';
import { AnswerOverdue, withinTime } from '../bounded-time';
import { classifyHttpError, headerValue, statusFailure, type HttpFailure } from '../http-failure';
import type { RequestPolicy } from '../request-policy';
import { backoffMs, retryAfterMs } from '../retry-timing';
import { SessionGate } from '../session-gate';
import { RequestSpacer } from '../spacing';
import { REDIRECT_STATUSES, SIGNED_REQUEST_OPTIONS, sameOrigin } from '../urls';
import type { ApiContext, VendorAdapter } from './adapter';
import { apiError, listMessages } from './errors';
import type { ApiRequest, FailureDetails, RawResponse } from './types';
import { without } from '../objects';

type Failure = HttpFailure | { kind: 'fatal'; error: Error };

type Exchanged = { response: RawResponse } | { error: NodeApiError; unconfirmed: boolean };

/** The longest wait between two tries after a server error or a dropped connection. */
const MAX_TRANSIENT_WAIT_MS = 30_000;
/** How often a request held back by a 429 pause checks whether the pause was lifted. */
const PAUSE_CHECK_MS = 100;
/** Same-origin redirects followed for one request. */
const MAX_REDIRECTS = 3;
/**
 * How long an answer may take to be read, past its Timeout (n8n-core's idle timeout), before it
 * counts as timed out (see bounded-time.ts); a request that may fetch the token first gets the
 * token call's bound on top.
 */
const ANSWER_GRACE_MS = 1_000;
const TOKEN_CALL_ALLOWANCE_MS = 20_000;
/** After a failed token call, how long the others wait at least before one of them asks again. */
const TOKEN_HOLD_MS = 1_000;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * The one way a request is made, for every vendor: through n8n's `httpRequestWithAuthentication`
 * (so the credential fetches, keeps and renews the token), paced, retried and turned into errors
 * the same way. One client per node execution: it shares the rate-limit state among that
 * execution's requests, never across executions or workers.
 */
export class ApiClient {
	private remaining = Number.POSITIVE_INFINITY;

	private pausedUntil = 0;

	private tokenFailuresInARow = 0;

	private readonly session: SessionGate;

	private readonly spacer: RequestSpacer;

	constructor(
		protected readonly ctx: ApiContext,
		protected readonly adapter: VendorAdapter,
		readonly policy: RequestPolicy = adapter.defaults,
	) {
		this.session = new SessionGate(async () => await adapter.readStoredToken(ctx), { firstGoesAlone: adapter.firstGoesAlone });
		this.spacer = new RequestSpacer(policy.concurrency, { minGapMs: policy.maxRequestsPerMinute ? 60_000 / policy.maxRequestsPerMinute : 0 });
	}

	/** The full answer: status, headers and decoded body. Any failure left after the retries is thrown. */
	async send(request: ApiRequest): Promise<RawResponse> {
		const outcome = await this.exchange(request);
		if ('response' in outcome) return outcome.response;
		throw outcome.error;
	}

	/**
	 * A write that must not be repeated blindly. When the server fails or the connection drops after
	 * the request went out, the answer is `unconfirmed`: the operation finds out what happened itself.
	 */
	async sendWrite(request: ApiRequest): Promise<{ response: RawResponse } | { unconfirmed: NodeApiError }> {
		const outcome = await this.exchange({ ...request, idempotent: false, read: false });
		if ('response' in outcome) return outcome;
		if (outcome.unconfirmed) return { unconfirmed: outcome.error };
		throw outcome.error;
	}

	private async exchange(request: ApiRequest): Promise<Exchanged> {
		const idempotent = request.idempotent ?? request.method === 'GET';
		const budget = { waitedMs: 0, deadline: Date.now() + this.policy.maxTotalWaitMs };
		for (let attempt = 0; ; attempt++) {
			await this.pace(budget.deadline);
			const result = await this.session.run(async (leading) => await this.attempt(request, leading));
			if ('response' in result) return result;
			if (result.kind === 'fatal') throw result.error;
			const waitMs = this.retryWait(result, attempt, idempotent);
			const overBudget = waitMs !== undefined && Date.now() + waitMs > budget.deadline;
			// Token calls are retried for the execution as a whole: Max Retries failed calls in a row, not per request.
			if (result.token) this.tokenFailuresInARow++;
			const tokenGivenUp = result.token === true && this.tokenFailuresInARow > this.policy.maxRetries;
			if (waitMs === undefined || overBudget || tokenGivenUp) {
				const unconfirmed = !idempotent && !request.read && result.requestSent && (result.kind === 'transient' || result.kind === 'timeout' || result.kind === 'connection');
				const explained = await this.explained(request, result);
				const error = this.finalError(request, result, { attempt, unconfirmed, explained, overBudget: overBudget ? { waitedMs: budget.waitedMs, nextWaitMs: waitMs ?? 0 } : undefined });
				// No token for longer than the policy allows: the other requests of this execution do not ask again.
				if (result.token) this.session.tokenFailed({ refusal: error });
				return { error, unconfirmed };
			}
			if (result.token) this.session.tokenFailed({ retryInMs: waitMs });
			const waitStart = Date.now();
			if (result.kind === 'rateLimited') await this.waitOutRateLimit(waitMs);
			else await sleep(waitMs);
			budget.waitedMs += Date.now() - waitStart;
		}
	}

	private async attempt(request: ApiRequest, leading: boolean): Promise<{ response: RawResponse } | Failure> {
		const timeoutMs = request.timeoutMs ?? this.policy.timeoutMs;
		let options: IHttpRequestOptions = {
			method: request.method,
			url: request.path,
			qs: request.qs,
			arrayFormat: 'repeat',
			returnFullResponse: true,
			// Every answer comes back with its headers (rate-limit waits need them), except a 401,
			// which must throw: that is what makes n8n renew the token and send the request again.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			timeout: timeoutMs,
			...this.adapter.encode(request),
			...SIGNED_REQUEST_OPTIONS,
		};
		const limitMs = 2 * timeoutMs + ANSWER_GRACE_MS + (leading ? TOKEN_CALL_ALLOWANCE_MS : 0);
		let response: RawResponse;
		const sentAt = Date.now();
		for (let hop = 0; ; hop++) {
			try {
				const pending = this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, this.adapter.credentialType, options) as Promise<RawResponse>;
				response = await withinTime(pending, limitMs);
			} catch (error) {
				if (error instanceof AnswerOverdue) return { kind: 'timeout', reason: `no answer read within ${seconds(limitMs)}`, requestSent: true };
				const failure = classifyHttpError(error);
				// Held before the others hear of this answer, so that none of them asks for a token meanwhile (see exchange).
				if (failure.kind !== 'fatal' && failure.token) this.session.tokenFailed({ retryInMs: failure.retryAfterMs ?? TOKEN_HOLD_MS });
				return failure;
			}
			if (!REDIRECT_STATUSES.includes(response.statusCode)) break;
			const followed = await this.redirected(request, options, response, hop);
			if ('kind' in followed) return followed;
			options = followed;
		}
		this.spacer.answered(Date.now() - sentAt);
		// A streamed (file) request's error answer is read whole, so that it reads as any other.
		if (request.binary && response.statusCode >= 400 && isByteStream(response.body)) response = { ...response, body: await readErrorBody(response.body) };
		this.tokenFailuresInARow = 0;
		this.observe(response);
		const { statusCode, headers, body } = response;
		if (statusCode >= 400) {
			if (request.acceptStatus?.includes(statusCode) && this.adapter.readableErrorBody(body)) return { response };
			return statusFailure(statusCode, headers, body);
		}
		const decoded = this.adapter.decode(response, request);
		if (decoded !== undefined) return { response: { ...response, body: decoded } };
		return { kind: 'transient', statusCode, headers, reason: `${this.adapter.vendor} answered with malformed JSON`, requestSent: true };
	}

	/**
	 * A redirect answer: the next request's options when it leads to the same origin as the
	 * credential's base URL (so the credential goes nowhere else), otherwise a refusal naming where
	 * it led. A 303 is followed with a GET, the others with the same method and body.
	 */
	private async redirected(request: ApiRequest, options: IHttpRequestOptions, response: RawResponse, hop: number): Promise<IHttpRequestOptions | HttpFailure> {
		const refused = (reason: string): HttpFailure => ({ kind: 'rejected', statusCode: response.statusCode, headers: response.headers, reason, requestSent: true });
		const location = headerValue(response.headers, 'location');
		if (!location) return refused(`${this.adapter.vendor} answered with a redirect (HTTP ${response.statusCode}) without a Location`);
		const base = await this.adapter.baseUrl(this.ctx);
		let target: URL;
		try {
			// Resolved against the URL the request went to: the base URL and the path, as n8n-core joins them.
			target = new URL(location, /^https?:/i.test(options.url) ? options.url : `${base}${options.url}`);
		} catch {
			return refused(`${this.adapter.vendor} answered with a redirect (HTTP ${response.statusCode}) to an invalid Location`);
		}
		if (!sameOrigin(target.href, base)) {
			return refused(
				`${this.adapter.vendor} redirected ${request.method} ${request.path} to another host, ${target.host} (HTTP ${response.statusCode}); not followed: the credential is only sent to ${new URL(base).host}`,
			);
		}
		if (hop >= MAX_REDIRECTS) return refused(`${this.adapter.vendor} redirected ${request.method} ${request.path} more than ${MAX_REDIRECTS} times`);
		const rest = without(options, 'qs');
		if (response.statusCode !== 303) return { ...rest, url: target.href };
		return { ...without(rest, 'body'), method: 'GET', url: target.href };
	}

	private retryWait(failure: HttpFailure, attempt: number, idempotent: boolean): number | undefined {
		if (attempt >= this.policy.maxRetries || failure.kind === 'rejected') return undefined;
		if (failure.kind === 'rateLimited') {
			const told = failure.retryAfterMs ?? retryAfterMs(headerValue(failure.headers, this.adapter.rateLimitHeaders.retryAfter));
			return (told ?? backoffMs(attempt, 1000, 60_000)) + Math.round(Math.random() * 100);
		}
		// A write is sent again only when it certainly never reached the server.
		if (!idempotent && failure.requestSent) return undefined;
		return failure.retryAfterMs ?? backoffMs(attempt, this.policy.retryBaseMs, Math.min(this.policy.maxTotalWaitMs, MAX_TRANSIENT_WAIT_MS));
	}

	private finalError(
		request: ApiRequest,
		failure: HttpFailure,
		end: { attempt: number; unconfirmed: boolean; explained?: { message: string; hint: string }; overBudget?: { waitedMs: number; nextWaitMs: number } },
	): NodeApiError {
		const { attempt, unconfirmed, explained, overBudget } = end;
		if (explained) return this.error(request, failure, '', explained.hint, explained.message);
		const timeoutMs = request.timeoutMs ?? this.policy.timeoutMs;
		const details: FailureDetails =
			failure.kind === 'timeout' && failure.reason === 'no answer within the timeout' ? { ...failure, reason: `no answer within ${seconds(timeoutMs)}` } : failure;
		let prefix = '';
		if (overBudget) {
			const what = failure.kind === 'rateLimited' ? 'Rate limited' : 'Failed';
			const limit = `would go past the Max Total Wait of ${seconds(this.policy.maxTotalWaitMs)}`;
			prefix =
				attempt === 0
					? `${what}, and the wait before trying again (${seconds(overBudget.nextWaitMs)}) ${limit}: `
					: `${what} after waiting ${seconds(overBudget.waitedMs)} over ${attempt + 1} tries; the next wait (${seconds(overBudget.nextWaitMs)}) ${limit}: `;
		} else if (failure.kind === 'rateLimited') {
			prefix = `Still rate limited after ${attempt} retries: `;
		} else if (unconfirmed) {
			prefix = `${this.adapter.vendor} did not confirm this write, it may or may not have been applied: `;
		} else if (failure.kind !== 'rejected' && attempt > 0) {
			prefix = `Failed after ${attempt} retries: `;
		}
		const noAnswer = failure.kind === 'timeout' || failure.kind === 'connection';
		return this.error(request, details, prefix, noAnswer ? request.noAnswerHint : undefined);
	}

	/** The vendor adapter's words for a status its API never answers (a wrong address), if any. */
	private async explained(request: ApiRequest, failure: HttpFailure): Promise<{ message: string; hint: string } | undefined> {
		if (!this.adapter.explainStatus || failure.token === true || failure.statusCode === undefined) return undefined;
		const base = await this.adapter.baseUrl(this.ctx).catch(() => undefined);
		return base === undefined ? undefined : this.adapter.explainStatus(failure.statusCode, `${base}${request.path}`);
	}

	/** An error for a failed request, in the vendor's words (or in `message`, when given). */
	error(request: ApiRequest, details: FailureDetails, prefix = '', hint?: string, message?: string): NodeApiError {
		const messages = this.adapter.messages(details.body);
		const what = messages.length > 0 ? listMessages(messages) : (details.reason ?? `HTTP ${details.statusCode ?? 'error'}`);
		const token = (details as HttpFailure).token === true;
		return apiError(this.ctx.getNode(), {
			message: message ?? `${prefix}${what}`,
			// A failed token call: the request itself never went out.
			request: token ? undefined : request,
			statusCode: details.statusCode,
			vendor: this.adapter.vendor,
			traceId: this.adapter.traceId(details.body, details.headers),
			hint,
		});
	}

	/**
	 * Reads the rate-limit headers of an answer other than a 429 (a 429 is waited out as its
	 * RetryAfter says). Such an answer arriving during a 429 pause, with room left for every request
	 * this execution may have in flight, shows that the 429 was not the account's limit running out:
	 * the other requests stop waiting.
	 */
	private observe(response: RawResponse) {
		const header = this.adapter.rateLimitHeaders.remaining;
		if (response.statusCode === 429 || header === undefined) return;
		const remaining = Number(headerValue(response.headers, header));
		if (!Number.isFinite(remaining)) return;
		this.remaining = remaining;
		if (remaining > this.policy.concurrency) this.pausedUntil = 0;
	}

	/** A 429: this request waits as long as it was told; the others wait too, until an answer shows room (see `observe`). */
	private async waitOutRateLimit(waitMs: number) {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
		await sleep(waitMs);
	}

	/** Waits out a 429 pause (not past the request's own deadline), checking now and then whether it was lifted, and slows down near the limit. */
	private async pace(deadline: number) {
		for (let wait = Math.min(this.pausedUntil, deadline) - Date.now(); wait > 0; wait = Math.min(this.pausedUntil, deadline) - Date.now()) {
			await sleep(Math.min(wait, PAUSE_CHECK_MS));
		}
		if (this.remaining <= 5) await sleep(500);
		else if (this.remaining <= 10) await sleep(200);
		await this.spacer.turn();
	}
}
