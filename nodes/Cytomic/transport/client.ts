import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INodeProperties,
	type IPollFunctions,
	type NodeApiError,
} from 'n8n-workflow';

import { backoffMs, retryAfterMs } from '../../common/retry-timing';
import { SessionGate } from '../../common/session-gate';
import { RequestSpacer } from '../../common/spacing';
import { asOrionCredential, issuedFor } from '../shared/credential-fields';
import { orionApiError } from './errors';
import { classifyHttpError, headerValue, jsonBody, statusFailure, type HttpFailure } from '../../common/http-failure';
import { readRequestPolicy, type RequestPolicy } from '../../common/request-policy';
import type { OrionRequest, OrionResponse } from './types';

export const ORION_CREDENTIAL = 'cytomicOrionApi';

export type OrionContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const ORION_DEFAULT_POLICY: RequestPolicy = {
	concurrency: 3,
	maxRetries: 4,
	timeoutMs: 60_000,
	maxWaitMs: 120_000,
	retryBaseMs: 500,
};

/** The Request Options collection below the operation's fields (defaults as ORION_DEFAULT_POLICY). */
export const orionRequestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 3,
			description: 'How many requests may be in flight at once when items are handled in batches or one by one',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 4,
			description:
				'How often a request is retried after a rate limit (429), a server error or a dropped connection. Imports and deletes are not sent again blindly: after an unconfirmed attempt the node looks up what the platform holds and resends only what is missing.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60000,
			description: 'How long one request may take before it counts as failed (a Retrospective Search has its own timeout)',
		},
	],
};

const MAX_TRANSIENT_WAIT_MS = 30_000;

type Attempt<T> = { response: OrionResponse<T> } | HttpFailure | { kind: 'fatal'; error: Error };

/**
 * The one way an Orion request is made. One client per node execution; requests go through
 * n8n's `httpRequestWithAuthentication`, so the credential fetches, keeps and renews the token.
 */
export class OrionClient {
	private pausedUntil = 0;

	private readonly session: SessionGate;

	private readonly spacer: RequestSpacer;

	constructor(
		private readonly ctx: OrionContext,
		readonly policy: RequestPolicy = ORION_DEFAULT_POLICY,
	) {
		this.session = new SessionGate(async () => {
			const credential = asOrionCredential(await ctx.getCredentials(ORION_CREDENTIAL));
			return { stored: { token: credential.accessToken, issuedFor: credential.issuedFor, expiresAt: credential.expiresAt }, settings: issuedFor(credential) };
		}, { firstGoesAlone: true });
		this.spacer = new RequestSpacer(policy.concurrency);
	}

	/** The answer's body; any failure after the retries the request allows is thrown as a NodeApiError. */
	async request<T = unknown>(request: OrionRequest): Promise<T> {
		const outcome = await this.exchange<T>(request, false);
		if ('response' in outcome) return outcome.response.body;
		throw outcome.error;
	}

	/**
	 * A write that must not be repeated blindly: a server error, timeout or dropped connection after
	 * the request went out answers `unconfirmed`, and the operation finds out what happened.
	 */
	async write<T = unknown>(request: OrionRequest): Promise<{ body: T } | { unconfirmed: NodeApiError }> {
		const outcome = await this.exchange<T>({ ...request, retryTransient: false }, true);
		if ('response' in outcome) return { body: outcome.response.body };
		if (outcome.unconfirmed) return { unconfirmed: outcome.error };
		throw outcome.error;
	}

	private async exchange<T>(
		request: OrionRequest,
		isWrite: boolean,
	): Promise<{ response: OrionResponse<T> } | { error: NodeApiError; unconfirmed: boolean }> {
		const retryTransient = request.retryTransient ?? request.method === 'GET';
		for (let attempt = 0; ; attempt++) {
			for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await sleep(wait);
			await this.spacer.turn();
			const result = await this.session.run(async () => await this.attempt<T>(request));
			if ('response' in result) return result;
			if (result.kind === 'fatal') throw result.error;
			const waitMs = this.retryWait(result, attempt, retryTransient);
			if (waitMs === undefined) {
				const unconfirmed = result.kind !== 'rejected' && result.kind !== 'rateLimited' && result.requestSent;
				return { error: this.finalError(request, result, attempt, isWrite), unconfirmed };
			}
			if (result.kind === 'rateLimited') this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
			else await sleep(waitMs);
		}
	}

	private async attempt<T>(request: OrionRequest): Promise<Attempt<T>> {
		const hasBody = request.body !== undefined;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.path,
			qs: request.qs,
			headers: {
				Accept: 'application/json',
				...(hasBody ? { 'Content-Type': 'application/json-patch+json' } : {}),
			},
			...(hasBody ? { body: JSON.stringify(request.body) } : {}),
			json: true,
			returnFullResponse: true,
			// Error statuses come back as answers (status, headers, body kept); a 401 is still thrown, so
			// that n8n renews the token and sends the request again.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			timeout: request.timeoutMs ?? this.policy.timeoutMs,
		};
		const sentAt = Date.now();
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, ORION_CREDENTIAL, options)) as OrionResponse<unknown>;
			this.spacer.answered(Date.now() - sentAt);
			if (response.statusCode >= 400) return statusFailure(response.statusCode, response.headers, response.body);
			const body = jsonBody(response.body);
			if (body === undefined) {
				return {
					kind: 'transient',
					statusCode: response.statusCode,
					headers: response.headers,
					reason: 'Cytomic Orion answered with malformed JSON',
					requestSent: true,
				};
			}
			return { response: { ...response, body: body as T } };
		} catch (error) {
			return classifyHttpError(error);
		}
	}

	private retryWait(failure: HttpFailure, attempt: number, retryTransient: boolean): number | undefined {
		if (attempt >= this.policy.maxRetries || failure.kind === 'rejected') return undefined;
		if (failure.kind === 'rateLimited') {
			const told = retryAfterMs(headerValue(failure.headers, 'retry-after'));
			const waitMs = (told ?? backoffMs(attempt, 1000, 60_000)) + Math.round(Math.random() * 100);
			return waitMs <= this.policy.maxWaitMs ? waitMs : undefined;
		}
		if (!retryTransient && failure.requestSent) return undefined;
		return backoffMs(attempt, this.policy.retryBaseMs, Math.min(this.policy.maxWaitMs, MAX_TRANSIENT_WAIT_MS));
	}

	private finalError(request: OrionRequest, failure: HttpFailure, attempt: number, isWrite: boolean): NodeApiError {
		const node = this.ctx.getNode();
		const timeoutMs = request.timeoutMs ?? this.policy.timeoutMs;
		const noAnswer = failure.kind === 'timeout' || failure.kind === 'connection';
		const hint = noAnswer ? request.noAnswerHint : undefined;
		if (failure.kind === 'timeout') {
			failure = { ...failure, reason: `no answer within ${Math.round(timeoutMs / 100) / 10} s` };
		}
		if (failure.kind === 'rateLimited') {
			const prefix = attempt >= this.policy.maxRetries ? `Still rate limited after ${attempt} retries: ` : 'Rate limited for longer than the node may wait: ';
			return orionApiError(node, request, failure, prefix);
		}
		if (isWrite && failure.kind !== 'rejected' && failure.requestSent) {
			return orionApiError(node, request, failure, 'Cytomic Orion did not confirm this request, it may or may not have been applied: ', hint);
		}
		const prefix = failure.kind !== 'rejected' && attempt > 0 ? `Failed after ${attempt} retries: ` : '';
		return orionApiError(node, request, failure, prefix, hint);
	}
}

/** The client for one execution of an Orion node, paced and retried as its Request Options say. */
export function orionClient(ctx: IExecuteFunctions): OrionClient {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return new OrionClient(ctx, readRequestPolicy(options, ORION_DEFAULT_POLICY));
}
