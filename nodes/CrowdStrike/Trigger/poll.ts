import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { checkParameter, invalidParameter, pollCycle, readLookbackMs } from '../../common/polling';
import { fqlSchema } from '../shared/schemas';
import { FalconClient, requestPolicy } from '../transport';
import { DEFAULT_MAX_ITEMS } from './description';
import { EVENTS, type EventRun } from './events';

/**
 * Where a trigger activated while nothing matches starts: a little before now, so that an item
 * the API dates slightly behind this machine's clock is still new.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

const maxItemsSchema = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(5000, 'must be at most 5000');

/** One poll of the CrowdStrike Falcon Trigger: parameters checked before any request, then the event. */
export async function pollFalcon(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const eventName = this.getNodeParameter('event') as string;
	const event = EVENTS[eventName];
	if (event === undefined) invalidParameter(node, 'Event', `"${eventName}" is not an event of this trigger`);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const now = Date.now();
	const run: EventRun = {
		filter: checkParameter(node, fqlSchema, this.getNodeParameter('filter', ''), 'Filter'),
		maxItems: checkParameter(node, maxItemsSchema, options.maxItems ?? DEFAULT_MAX_ITEMS, 'Max Items per Poll'),
		lookbackMs: readLookbackMs(node, options),
		client: new FalconClient(this, requestPolicy(this.getNodeParameter('requestOptions', {}) as IDataObject)),
		now,
		node,
		parameter: (name, fallback) => this.getNodeParameter(name, fallback),
	};
	return await pollCycle(
		this,
		eventName,
		{
			latest: async () => await event.latest(run),
			start: async (base) => await event.start(run, base),
			poll: async (state) => await event.poll(run, state),
		},
		now - CLOCK_SKEW_MS,
	);
}
