import {
	sleep,
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { backoffMs, retryAfterMs } from '../../common/retry-timing';
import { SessionGate } from '../../common/session-gate';
import { RequestSpacer } from '../../common/spacing';
import { asFalconCredential, issuedFor } from '../shared/credential-fields';
import { classifyHttpError, headerValue, statusFailure, type Classified } from '../../common/http-failure';
import { falconApiError, type FailureDetails } from './errors';
import { DEFAULT_POLICY, type RequestPolicy } from './policy';
import type { FalconEnvelope, FalconRawResponse, FalconRequest } from './types';

export const FALCON_CREDENTIAL = 'crowdStrikeFalconApi';

export type FalconContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

type Failure =
	| { kind: 'rateLimited'; details: FailureDetails }
	| { kind: 'transient'; details: FailureDetails; requestSent: boolean }
	| { kind: 'rejected'; details: FailureDetails }
	| { kind: 'fatal'; error: Error };

const MAX_TRANSIENT_WAIT_MS = 30_000;
/** How often a request held back by a 429 pause checks whether the pause was lifted. */
const PAUSE_CHECK_MS = 100;

/** The shared classification in the terms this client retries by. */
function asFailure(failure: Classified): Failure {
	if (failure.kind === 'fatal') return failure;
	const details: FailureDetails = { statusCode: failure.statusCode, headers: failure.headers, body: failure.body, reason: failure.reason };
	if (failure.kind === 'rateLimited' || failure.kind === 'rejected') return { kind: failure.kind, details };
	return { kind: 'transient', details, requestSent: failure.requestSent };
}

function envelopeOf<T>(response: FalconRawResponse): FalconEnvelope<T> {
	const body = response.body as Partial<FalconEnvelope<T>>;
	return { meta: body.meta ?? {}, resources: body.resources ?? [], errors: body.errors ?? null };
}

function isEnvelope(body: unknown): boolean {
	return body !== null && typeof body === 'object' && !Buffer.isBuffer(body);
}

/**
 * The one way a Falcon request is made. One client per node execution: it shares the rate-limit
 * state among the requests of that execution, never across executions or workers.
 */
export class FalconClient {
	private remaining = Number.POSITIVE_INFINITY;

	private pausedUntil = 0;

	private readonly session: SessionGate;

	private readonly spacer: RequestSpacer;

	constructor(
		private readonly ctx: FalconContext,
		readonly policy: RequestPolicy = DEFAULT_POLICY,
	) {
		this.session = new SessionGate(async () => {
			const credential = asFalconCredential(await ctx.getCredentials(FALCON_CREDENTIAL));
			return { stored: { token: credential.sessionToken, issuedFor: credential.issuedFor, expiresAt: credential.expiresAt }, settings: issuedFor(credential) };
		});
		this.spacer = new RequestSpacer(policy.concurrency);
	}

	async request<T = IDataObject>(request: FalconRequest): Promise<FalconEnvelope<T>> {
		return envelopeOf<T>(await this.send(request));
	}

	/** The full answer: status, headers and body (a Buffer for binary requests). */
	async send(request: FalconRequest): Promise<FalconRawResponse> {
		const outcome = await this.exchange(request);
		if ('response' in outcome) return outcome.response;
		throw outcome.error;
	}

	/**
	 * A write that must not be repeated blindly. When the server fails or the connection drops after
	 * the request went out, the answer is `unconfirmed`: the operation finds out what happened itself.
	 */
	async write<T = IDataObject>(request: FalconRequest): Promise<{ envelope: FalconEnvelope<T> } | { unconfirmed: NodeApiError }> {
		const outcome = await this.exchange({ ...request, idempotent: false });
		if ('response' in outcome) return { envelope: envelopeOf<T>(outcome.response) };
		if (outcome.unconfirmed) return { unconfirmed: outcome.error };
		throw outcome.error;
	}

	private async exchange(
		request: FalconRequest,
	): Promise<{ response: FalconRawResponse } | { error: NodeApiError; unconfirmed: boolean }> {
		const idempotent = request.idempotent ?? request.method === 'GET';
		for (let attempt = 0; ; attempt++) {
			await this.pace();
			const failure = await this.session.run(async () => await this.attempt(request));
			if ('response' in failure) return failure;
			if (failure.kind === 'fatal') throw failure.error;
			const waitMs = this.retryWait(failure, attempt, idempotent);
			if (waitMs === undefined) {
				return { error: this.finalError(request, failure, attempt, idempotent), unconfirmed: failure.kind === 'transient' && !idempotent && failure.requestSent };
			}
			if (failure.kind === 'rateLimited') await this.waitOutRateLimit(waitMs);
			else await sleep(waitMs);
		}
	}

	private async attempt(request: FalconRequest): Promise<{ response: FalconRawResponse } | Failure> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.path,
			qs: request.qs,
			body: request.body as IHttpRequestOptions['body'],
			headers: request.headers as IHttpRequestOptions['headers'],
			arrayFormat: 'repeat',
			returnFullResponse: true,
			// Every answer comes back with its headers (rate-limit waits need them), except a 401,
			// which must throw: that is what makes n8n renew the token and send the request again.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			timeout: this.policy.timeoutMs,
			...(request.binary ? { encoding: 'arraybuffer', json: false } : { json: true }),
		};
		let response: FalconRawResponse;
		const sentAt = Date.now();
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, FALCON_CREDENTIAL, options)) as FalconRawResponse;
		} catch (error) {
			return asFailure(classifyHttpError(error));
		}
		this.spacer.answered(Date.now() - sentAt);
		this.observe(response.statusCode, response.headers);
		const { statusCode, headers, body } = response;
		if (statusCode >= 400) {
			if (request.acceptStatus?.includes(statusCode) && isEnvelope(body)) return { response };
			return asFailure(statusFailure(statusCode, headers, body));
		}
		if (request.binary) return { response: { ...response, body: Buffer.from(body as ArrayBuffer) } };
		if (isEnvelope(body)) return { response };
		return { kind: 'transient', details: { statusCode, headers, reason: 'the API answered with malformed JSON' }, requestSent: true };
	}

	private retryWait(failure: Failure, attempt: number, idempotent: boolean): number | undefined {
		if (attempt >= this.policy.maxRetries || failure.kind === 'fatal' || failure.kind === 'rejected') return undefined;
		if (failure.kind === 'rateLimited') {
			const told = retryAfterMs(headerValue(failure.details.headers, 'x-ratelimit-retryafter'));
			const waitMs = (told ?? backoffMs(attempt, 1000, 60_000)) + Math.round(Math.random() * 100);
			return waitMs <= this.policy.maxWaitMs ? waitMs : undefined;
		}
		// A write is sent again only when it certainly never reached the server.
		if (!idempotent && failure.requestSent) return undefined;
		return backoffMs(attempt, this.policy.retryBaseMs, Math.min(this.policy.maxWaitMs, MAX_TRANSIENT_WAIT_MS));
	}

	private finalError(request: FalconRequest, failure: Exclude<Failure, { kind: 'fatal' }>, attempt: number, idempotent: boolean) {
		const node = this.ctx.getNode();
		if (failure.kind === 'rateLimited') {
			const prefix = attempt >= this.policy.maxRetries
				? `Still rate limited after ${attempt} retries: `
				: `Rate limited for longer than the Max Wait of ${this.policy.maxWaitMs / 1000} s: `;
			return falconApiError(node, request, failure.details, prefix);
		}
		if (failure.kind === 'transient' && !idempotent && failure.requestSent) {
			return falconApiError(node, request, failure.details, 'The API did not confirm this write, it may or may not have been applied: ');
		}
		const prefix = failure.kind === 'transient' && attempt > 0 ? `Failed after ${attempt} retries: ` : '';
		return falconApiError(node, request, failure.details, prefix);
	}

	/**
	 * Reads the rate-limit headers of an answer other than a 429 (a 429 is waited out as its
	 * RetryAfter says). Such an answer arriving during a 429 pause, with room left for every request
	 * this execution may have in flight, shows that the 429 was not the account's limit running out:
	 * the other requests stop waiting.
	 */
	private observe(statusCode: number, headers: FailureDetails['headers']) {
		if (statusCode === 429) return;
		const remaining = Number(headerValue(headers, 'x-ratelimit-remaining'));
		if (!Number.isFinite(remaining)) return;
		this.remaining = remaining;
		if (remaining > this.policy.concurrency) this.pausedUntil = 0;
	}

	/** A 429: this request waits as long as it was told; the others wait too, until an answer shows room (see `observe`). */
	private async waitOutRateLimit(waitMs: number) {
		const until = Date.now() + waitMs;
		this.pausedUntil = Math.max(this.pausedUntil, until);
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
