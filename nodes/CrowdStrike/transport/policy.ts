import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readRequestPolicy, type RequestPolicy } from '../../common/request-policy';

export type { RequestPolicy };

export const DEFAULT_POLICY: RequestPolicy = {
	concurrency: 5,
	maxRetries: 5,
	maxWaitMs: 120_000,
	timeoutMs: 30_000,
	retryBaseMs: 500,
};

export function requestPolicy(options: IDataObject | undefined): RequestPolicy {
	return readRequestPolicy(options, DEFAULT_POLICY);
}

/** The Request Options collection every Falcon node shows below its operation's fields. */
export const requestOptionsProperty: INodeProperties = {
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
			default: 5,
			description:
				'How many requests may be in flight at once when items are handled one by one or in batches. The API rate limit is respected whatever the value.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description:
				'How often a request is retried after a rate limit (429), a server error or a dropped connection. Writes are never retried in a way that could create duplicates.',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: 120,
			description: 'The longest the node waits for the rate limit to free up before it gives up with an error',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long one request may take before it counts as failed',
		},
	],
};
