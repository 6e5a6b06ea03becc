import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readRequestPolicy, type RequestPolicy } from '../request-policy';

export { readRequestPolicy, type RequestPolicy };

/** The Request Options collection a node shows below its operation's fields, with its vendor's defaults. */
export function requestOptionsProperty(defaults: RequestPolicy, retriesDescription: string): INodeProperties {
	return {
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
				default: defaults.concurrency,
				description:
					'How many requests may be in flight at once when items are handled one by one or in batches. The API rate limit is respected whatever the value.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 20 },
				default: defaults.maxRetries,
				description: retriesDescription,
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: defaults.maxWaitMs / 1000,
				description: 'The longest the node waits for the rate limit to free up before it gives up with an error',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: defaults.timeoutMs,
				description: 'How long one request may take before it counts as failed',
			},
		],
	};
}

/** The policy an execution's Request Options ask for. */
export function policyOf(options: IDataObject | undefined, defaults: RequestPolicy): RequestPolicy {
	return readRequestPolicy(options, defaults);
}
