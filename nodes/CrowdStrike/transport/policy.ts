import type { IDataObject } from 'n8n-workflow';

import { policyOf, requestOptionsProperty as requestOptionsFor, type RequestPolicy } from '../../common/transport';
import { FALCON_DEFAULT_POLICY } from './adapter';

export type { RequestPolicy };

export const DEFAULT_POLICY = FALCON_DEFAULT_POLICY;

export function requestPolicy(options: IDataObject | undefined): RequestPolicy {
	return policyOf(options, FALCON_DEFAULT_POLICY);
}

/** The Request Options collection every Falcon node shows below its operation's fields. */
export const requestOptionsProperty = requestOptionsFor(
	FALCON_DEFAULT_POLICY,
	'How often a request is retried after a rate limit (429), a server error or a dropped connection. Writes are never retried in a way that could create duplicates.',
);
