import { sleep, type IHttpRequestOptions, type NodeApiError } from 'n8n-workflow';

import { isByteStream, readErrorBody } from '../byte-stream';
import { classifyHttpError, headerValue, statusFailure, type HttpFailure } from '../http-failure';
import type { RequestPolicy } from '../request-policy';
import { backoffMs, retryAfterMs } from '../retry-timing';
import { SessionGate } from '../session-gate';
import { RequestSpacer } from '../spacing';
import type { ApiContext, VendorAdapter } from './adapter';
import { apiError } from './errors';
import type { ApiRequest, FailureDetails, RawResponse } from './types';

type Failure = HttpFailure | { kind: 'fatal'; error: Error };

type Exchanged = { response: RawResponse } | { error: NodeApiError; unconfirmed: boolean };

/** The longest wait between two tries after a server error or a dropped connection. */
const MAX_TRANSIENT_WAIT_MS = 30_000;
/** How often a request held back by a 429 pause checks whether the pause was lifted. */
const PAUSE_CHECK_MS = 100;

/**
 * The one way a request is made, for every vendor: through n8n's `httpRequestWithAuthentication`
 * (so the credential fetches, keeps and renews the token), paced, retried and turned into errors
 * the same way. One client per node execution: it shares the rate-limit state among that
 * execution's requests, never across executions or workers.
 */
export class ApiClient {
	private remaining = Number.POSITIVE_INFINITY;

	private pausedUntil = 0;

	private readonly session: SessionGate;

	private readonly spacer: RequestSpacer;

	constructor(
		protected readonly ctx: ApiContext,
		protected readonly adapter: VendorAdapter,
		readonly policy: RequestPolicy = adapter.defaults,
	) {
		this.session = new SessionGate(async () => await adapter.readStoredToken(ctx), { firstGoesAlone: adapter.firstGoesAlone });
		this.spacer = new RequestSpacer(policy.concurrency);
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
		for (let attempt = 0; ; attempt++) {
			await this.pace();
			const result = await this.session.run(async () => await this.attempt(request));
			if ('response' in result) return result;
			if (result.kind === 'fatal') throw result.error;
			const waitMs = this.retryWait(result, attempt, idempotent);
			if (waitMs === undefined) {
				const unconfirmed = !idempotent && !request.read && result.requestSent && (result.kind === 'transient' || result.kind === 'timeout' || result.kind === 'connection');
				return { error: this.finalError(request, result, attempt, unconfirmed), unconfirmed };
			}
			if (result.kind === 'rateLimited') await this.waitOutRateLimit(waitMs);
			else await sleep(waitMs);
		}
	}

	private async attempt(request: ApiRequest): Promise<{ response: RawResponse } | Failure> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.path,
			qs: request.qs,
			arrayFormat: 'repeat',
			returnFullResponse: true,
			// Every answer comes back with its headers (rate-limit waits need them), except a 401,
			// which must throw: that is what makes n8n renew the token and send the request again.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			timeout: request.timeoutMs ?? this.policy.timeoutMs,
			...this.adapter.encode(request),
		};
		let response: RawResponse;
		const sentAt = Date.now();
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, this.adapter.credentialType, options)) as RawResponse;
		} catch (error) {
			return classifyHttpError(error);
		}
		this.spacer.answered(Date.now() - sentAt);
		// A streamed (file) request's error answer is read whole, so that it reads as any other.
		if (request.binary && response.statusCode >= 400 && isByteStream(response.body)) response = { ...response, body: await readErrorBody(response.body) };
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

	private retryWait(failure: HttpFailure, attempt: number, idempotent: boolean): number | undefined {
		if (attempt >= this.policy.maxRetries || failure.kind === 'rejected') return undefined;
		if (failure.kind === 'rateLimited') {
			const told = retryAfterMs(headerValue(failure.headers, this.adapter.rateLimitHeaders.retryAfter));
			const waitMs = (told ?? backoffMs(attempt, 1000, 60_000)) + Math.round(Math.random() * 100);
			return waitMs <= this.policy.maxWaitMs ? waitMs : undefined;
		}
		// A write is sent again only when it certainly never reached the server.
		if (!idempotent && failure.requestSent) return undefined;
		return backoffMs(attempt, this.policy.retryBaseMs, Math.min(this.policy.maxWaitMs, MAX_TRANSIENT_WAIT_MS));
	}

	private finalError(request: ApiRequest, failure: HttpFailure, attempt: number, unconfirmed: boolean): NodeApiError {
		const timeoutMs = request.timeoutMs ?? this.policy.timeoutMs;
		const details: FailureDetails =
			failure.kind === 'timeout' ? { ...failure, reason: `no answer within ${Math.round(timeoutMs / 100) / 10} s` } : failure;
		let prefix = '';
		if (failure.kind === 'rateLimited') {
			prefix =
				attempt >= this.policy.maxRetries
					? `Still rate limited after ${attempt} retries: `
					: `Rate limited for longer than the Max Wait of ${this.policy.maxWaitMs / 1000} s: `;
		} else if (unconfirmed) {
			prefix = `${this.adapter.vendor} did not confirm this write, it may or may not have been applied: `;
		} else if (failure.kind !== 'rejected' && attempt > 0) {
			prefix = `Failed after ${attempt} retries: `;
		}
		const noAnswer = failure.kind === 'timeout' || failure.kind === 'connection';
		return this.error(request, details, prefix, noAnswer ? request.noAnswerHint : undefined);
	}

	/** An error for a failed request, in the vendor's words. */
	error(request: ApiRequest, details: FailureDetails, prefix = '', hint?: string): NodeApiError {
		const messages = this.adapter.messages(details.body);
		const what = messages.length > 0 ? messages.join('; ') : (details.reason ?? `HTTP ${details.statusCode ?? 'error'}`);
		return apiError(this.ctx.getNode(), {
			message: `${prefix}${what}`,
			request,
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

	/** Waits out a 429 pause, checking now and then whether it was lifted, and slows down near the limit. */
	private async pace() {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await sleep(Math.min(wait, PAUSE_CHECK_MS));
		}
		if (this.remaining <= 5) await sleep(500);
		else if (this.remaining <= 10) await sleep(200);
		await this.spacer.turn();
	}
}
