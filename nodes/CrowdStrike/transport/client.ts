import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { ApiClient, policyOf, type ApiContext } from '../../common/transport';
import { falconAdapter } from './adapter';
import type { FalconEnvelope, FalconMeta, FalconRawResponse, FalconRequest } from './types';

export type FalconContext = ApiContext;

/**
 * The envelope's meta, read in both shapes the spec allows: quickscanpro.MetaInfo declares msa.MetaInfo
 * as a property `MetaInfo` (Go struct embedding leaking into the swagger; the service puts its fields
 * in `meta` itself), and Quick Scan Pro answers carry their `quota` next to `meta` as well as in it.
 */
function metaOf(body: { meta?: FalconMeta; quota?: unknown }): FalconMeta {
	const meta = body.meta ?? {};
	const embedded = isObject(meta.MetaInfo) ? (meta.MetaInfo as FalconMeta) : undefined;
	const quota = meta.quota ?? (isObject(body.quota) ? (body.quota as IDataObject) : undefined);
	if (!embedded && quota === meta.quota) return meta;
	return { ...embedded, ...meta, ...(quota ? { quota } : {}) };
}

function isObject(value: unknown): boolean {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function envelopeOf<T>(response: FalconRawResponse): FalconEnvelope<T> {
	const body = response.body as Partial<FalconEnvelope<T>>;
	return { meta: metaOf(body as { meta?: FalconMeta }), resources: body.resources ?? [], errors: body.errors ?? null, status: response.statusCode };
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
