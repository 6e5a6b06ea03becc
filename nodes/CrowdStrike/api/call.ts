import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { FalconClient, FalconEnvelope, FalconRawResponse } from '../transport';
import { requestFor, type ApiOperation, type CallArgs, type CallOptions } from './operation';

/** Calls an operation and reads CrowdStrike's envelope. */
export async function call<O extends ApiOperation, T = IDataObject>(
	client: FalconClient,
	operation: O,
	args?: CallArgs<O>,
	options?: CallOptions,
): Promise<FalconEnvelope<T>> {
	return await client.request<T>(requestFor(operation, args, options));
}

/** Calls an operation whose answer is not an envelope (a file): status, headers and the body as a Buffer. */
export async function callRaw<O extends ApiOperation>(
	client: FalconClient,
	operation: O,
	args?: CallArgs<O>,
	options?: CallOptions,
): Promise<FalconRawResponse> {
	return await client.send(requestFor(operation, args, { ...options, binary: true }));
}

/** Calls a write that must not be sent again blindly: a lost answer comes back as `unconfirmed`. */
export async function callWrite<O extends ApiOperation, T = IDataObject>(
	client: FalconClient,
	operation: O,
	args?: CallArgs<O>,
	options?: CallOptions,
): Promise<{ envelope: FalconEnvelope<T> } | { unconfirmed: NodeApiError }> {
	return await client.write<T>(requestFor(operation, args, options));
}
