import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { ApiClient, policyOf, type ApiContext } from '../../common/transport';
import { falconAdapter } from './adapter';
import type { FalconEnvelope, FalconRawResponse, FalconRequest } from './types';

export type FalconContext = ApiContext;

function envelopeOf<T>(response: FalconRawResponse): FalconEnvelope<T> {
	const body = response.body as Partial<FalconEnvelope<T>>;
	return { meta: body.meta ?? {}, resources: body.resources ?? [], errors: body.errors ?? null, status: response.statusCode };
}

/** The Falcon side of the transport core: answers read as CrowdStrike's envelope. */
export class FalconClient extends ApiClient {
	constructor(ctx: FalconContext, policy = falconAdapter.defaults) {
		super(ctx, falconAdapter, policy);
	}

	async request<T = IDataObject>(request: FalconRequest): Promise<FalconEnvelope<T>> {
		return envelopeOf<T>(await this.send(request));
	}

	/** A write the API may not confirm: the operation then finds out what happened (see `writeReconciled`). */
	async write<T = IDataObject>(request: FalconRequest): Promise<{ envelope: FalconEnvelope<T> } | { unconfirmed: NodeApiError }> {
		const outcome = await this.sendWrite(request);
		return 'response' in outcome ? { envelope: envelopeOf<T>(outcome.response) } : outcome;
	}

	/** The errors of an answer, joined: CrowdStrike's words for what it refused. */
	static messagesOf(envelope: Pick<FalconEnvelope, 'errors'>): string {
		return falconAdapter.messages(envelope).join('; ');
	}
}

/** The client for one execution of a Falcon node, paced and retried as its Request Options say. */
export function falconClient(ctx: IExecuteFunctions): FalconClient {
	return new FalconClient(ctx, policyOf(ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject, falconAdapter.defaults));
}
