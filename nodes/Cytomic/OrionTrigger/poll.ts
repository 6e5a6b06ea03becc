import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { advance, checkParameter, invalidParameter, isNew, pollCycle, queryFrom, readLookbackMs, startState, type TriggerState } from '../../common/polling';
import { text } from '../../common/values';
import { OrionClient, ORION_DEFAULT_POLICY, readRequestPolicy } from '../transport';
import { ALERT_STATUSES, WINDOW_MS, alertsBetween, type AlertQuery } from './alerts';

const DAY_MS = 86_400_000;

/**
 * How far back the first activation reads, to know which alerts are old. Also the lookback the
 * trigger keeps while no alert comes: when its watermark falls twice this far behind, it moves up
 * to this far behind (so a quiet month costs one request per poll, not one per month of silence,
 * and the saved state changes about once a day, not on every poll). An alert that reaches the API
 * more than a day after its timestamp may then be missed.
 */
export const LOOKBACK_MS = DAY_MS;

/** "Fetch test event" looks this far back for the newest alert (three windows). */
const LATEST_LOOKBACK_MS = 3 * WINDOW_MS;

export const DEFAULT_MAX_ITEMS = 1000;

const statusesSchema = z.array(z.enum(ALERT_STATUSES, { errorMap: () => ({ message: `must be among ${ALERT_STATUSES.join(', ')}` }) }));
const maxItemsSchema = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(30_000, 'must be at most 30000');

function readQuery(ctx: IPollFunctions): AlertQuery {
	const node = ctx.getNode();
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const optional = (value: unknown, field: string) => {
		const given = checkParameter(node, text(500), value ?? '', field).trim();
		return given === '' ? undefined : given;
	};
	return {
		statuses: checkParameter(node, statusesSchema, ctx.getNodeParameter('statuses', []), 'Statuses'),
		machineName: optional(filters.machineName, 'Machine Name'),
		huntingRule: optional(filters.huntingRule, 'Hunting Rule'),
		showExcluded: filters.showExcluded === true,
	};
}

/** Keeps the watermark within two LOOKBACK_MS of now, unless this poll stopped at its item limit. */
function withinLookback(state: TriggerState, now: number, truncated: boolean, lookbackMs: number): TriggerState {
	return truncated || state.since >= now - 2 * LOOKBACK_MS ? state : advance(state, [], { atLeast: now - LOOKBACK_MS, lookbackMs });
}

/** One poll of the Cytomic Orion Trigger (event New Alert). */
export async function pollOrion(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const eventName = this.getNodeParameter('event') as string;
	if (eventName !== 'newAlert') invalidParameter(node, 'Event', `"${eventName}" is not an event of this trigger`);
	const query = readQuery(this);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxItems = checkParameter(node, maxItemsSchema, options.maxItems ?? DEFAULT_MAX_ITEMS, 'Max Items per Poll');
	const lookbackMs = readLookbackMs(node, options);
	const client = new OrionClient(this, readRequestPolicy(this.getNodeParameter('requestOptions', {}) as IDataObject, ORION_DEFAULT_POLICY));
	const now = Date.now();

	return await pollCycle(
		this,
		eventName,
		{
			latest: async () => {
				for (let to = now; to > now - LATEST_LOOKBACK_MS; to -= WINDOW_MS) {
					const alerts = await alertsBetween(client, query, to - WINDOW_MS, to);
					if (alerts.length > 0) return alerts[alerts.length - 1].record;
				}
				return undefined;
			},
			start: async (base) => {
				const alerts = await alertsBetween(client, query, base.since, now);
				return startState(base, alerts, { lookbackMs, complete: true });
			},
			poll: async (state) => {
				const alerts = await alertsBetween(client, query, queryFrom(state), now);
				const fresh = alerts.filter((alert) => isNew(state, alert.id, alert.ts));
				const found = fresh.slice(0, maxItems);
				const truncated = fresh.length > found.length;
				return { items: found.map((alert) => alert.record), state: withinLookback(advance(state, found, { lookbackMs }), now, truncated, lookbackMs) };
			},
		},
		now - LOOKBACK_MS,
	);
}
