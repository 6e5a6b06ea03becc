import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FalconClient } from './client';
import { requestPolicy } from './policy';

/** The client for one execution of a Falcon node, paced and retried as its Request Options say. */
export function falconClient(ctx: IExecuteFunctions): FalconClient {
	return new FalconClient(ctx, requestPolicy(ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject));
}
