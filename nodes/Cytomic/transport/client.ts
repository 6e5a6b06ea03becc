import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { ApiClient, apiError, policyOf, requestOptionsProperty, type ApiContext } from '../../common/transport';
import { ORION_API_BASE_URL, apiBaseUrlOf, asOrionCredential } from '../shared/credential-fields';
import { ORION_CREDENTIAL, ORION_DEFAULT_POLICY, orionAdapter } from './adapter';
import type { OrionRequest } from './types';

export type OrionContext = ApiContext;

/** The Request Options collection below the operation's fields (defaults as ORION_DEFAULT_POLICY). */
export const orionRequestOptions = requestOptionsProperty(
	ORION_DEFAULT_POLICY,
	'How often a request is retried after a rate limit (429), a server error or a dropped connection. Imports and deletes are not sent again blindly: after an unconfirmed attempt the node looks up what the platform holds and resends only what is missing.',
);

/** The Orion side of the transport core: answers are Orion's JSON bodies. */
export class OrionClient extends ApiClient {
	constructor(ctx: OrionContext, policy = ORION_DEFAULT_POLICY) {
		super(ctx, orionAdapter, policy);
	}

	/** The answer's body; any failure after the retries the request allows is thrown as a NodeApiError. */
	async request<T = unknown>(request: OrionRequest): Promise<T> {
		try {
			return (await this.send(request)).body as T;
		} catch (error) {
			throw await this.explained(error, request);
		}
	}

	/** A write the API may not confirm: the operation then finds out what happened (see `writeReconciled`). */
	async write<T = unknown>(request: OrionRequest): Promise<{ body: T } | { unconfirmed: NodeApiError }> {
		try {
			const outcome = await this.sendWrite(request);
			return 'response' in outcome ? { body: outcome.response.body as T } : outcome;
		} catch (error) {
			throw await this.explained(error, request);
		}
	}

	/**
	 * A 404 means nothing answers at that address: the Orion API answers 404 to none of its
	 * operations, so the credential's API Base URL is wrong. The error says which URL answered and
	 * what the base URL looks like, instead of a bare "Not Found".
	 */
	private async explained(error: unknown, request: OrionRequest): Promise<unknown> {
		if (!(error instanceof NodeApiError) || error.httpCode !== '404') return error;
		let base: string;
		try {
			base = apiBaseUrlOf(asOrionCredential(await this.ctx.getCredentials(ORION_CREDENTIAL)));
		} catch {
			return error;
		}
		return apiError(this.ctx.getNode(), {
			message: `Cytomic Orion answered 404 Not Found at ${base}${request.path}: check the credential's API Base URL`,
			request,
			statusCode: 404,
			vendor: orionAdapter.vendor,
			hint: `The API Base URL is where the Orion API answers, up to /api/v1/applications, e.g. ${ORION_API_BASE_URL}; the credential has ${base}`,
		});
	}
}

/** The client for one execution of an Orion node, paced and retried as its Request Options say. */
export function orionClient(ctx: IExecuteFunctions): OrionClient {
	return new OrionClient(ctx, policyOf(ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject, ORION_DEFAULT_POLICY));
}
