import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readRequestPolicy, type RequestPolicy } from '../request-policy';

export { readRequestPolicy, type RequestPolicy };

/** The Request Options fields; their defaults are set per vendor by `requestOptionsProperty`. */
const REQUEST_OPTIONS: INodeProperties[] = [
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
		description: 'How often a request is retried after a rate limit (429), a server error or a dropped connection',
	},
	{
		displayName: 'Max Total Wait (Seconds)',
		// The name it had when it bounded each wait: saved workflows keep their value, now read as the total.
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 120,
		description:
			'The most time one request may spend waiting in all, over all its retries (rate limits, server errors, token calls). A wait that would go past it is not started: the request fails, saying how long it waited.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 30000,
		description: 'How long one request may take before it counts as failed',
	},
];

/** The Request Options collection a node shows below its operation's fields, with its vendor's defaults. */
export function requestOptionsProperty(defaults: RequestPolicy, retriesDescription: string): INodeProperties {
	const vendorDefaults: Record<string, number> = {
		concurrency: defaults.concurrency,
		maxRetries: defaults.maxRetries,
		maxWaitSeconds: defaults.maxTotalWaitMs / 1000,
		timeout: defaults.timeoutMs,
	};
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: REQUEST_OPTIONS.map((option) => ({
			...option,
			default: vendorDefaults[option.name] ?? option.default,
			...(option.name === 'maxRetries' ? { description: retriesDescription } : {}),
		})),
	};
}

/** The policy an execution's Request Options ask for. */
export function policyOf(options: IDataObject | undefined, defaults: RequestPolicy): RequestPolicy {
	return readRequestPolicy(options, defaults);
}
