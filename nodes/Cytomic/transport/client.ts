import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { ApiClient, policyOf, requestOptionsProperty, type ApiContext } from '../../common/transport';
import { ORION_DEFAULT_POLICY, orionAdapter } from './adapter';
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
		return (await this.send(request)).body as T;
	}

	/** A write the API may not confirm: the operation then finds out what happened (see `writeReconciled`). */
	async write<T = unknown>(request: OrionRequest): Promise<{ body: T } | { unconfirmed: NodeApiError }> {
		const outcome = await this.sendWrite(request);
		return 'response' in outcome ? { body: outcome.response.body as T } : outcome;
	}
}

/** The client for one execution of an Orion node, paced and retried as its Request Options say. */
export function orionClient(ctx: IExecuteFunctions): OrionClient {
	return new OrionClient(ctx, policyOf(ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject, ORION_DEFAULT_POLICY));
}
