/**
 * New Alert (by `created_timestamp`) and Alert Updated (by `updated_timestamp`, emitted when the
 * alert's status changed: new, in progress, closed, reopened). Alerts come whole from the combined
 * search (PostCombinedAlertsV1) and its `after` cursor; composite IDs tell them apart.
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { requestFor } from '../../api';
import { ALERT_PAGE, alerts } from '../../api/alerts';
import { ALERT_SEVERITIES, ALERT_STATUSES, minimumSeverityFql, type AlertSeverity } from '../../shared/alerts';
import { collectByCursor, type FalconClient } from '../../transport';
import { advance, checkParameter, isNew, queryFrom, rememberStates, startState, timeOf, type Handled, type TriggerState } from '../../../common/polling';
import { andFql, fqlTime } from '../fql';
import { START_PAGE, type EventRun, type FalconTriggerEvent, type Polled } from './types';

type Found = Handled & { record: IDataObject };

const severitySchema = z.enum(ALERT_SEVERITIES, { errorMap: () => ({ message: `must be one of ${ALERT_SEVERITIES.join(', ')}` }) });
const statusesSchema = z.array(z.enum(ALERT_STATUSES, { errorMap: () => ({ message: `must be among ${ALERT_STATUSES.join(', ')}` }) }));

/** The user's filter and the minimum severity (checked before any request). */
function baseFilter(run: EventRun): string {
	const minimum: AlertSeverity = checkParameter(run.node, severitySchema, run.parameter('minSeverity', 'Informational'), 'Minimum Severity');
	return andFql(run.filter, minimumSeverityFql(minimum));
}

/** Matching alerts in `sort` order, at most `limit`, each with its time in `field`. */
async function search(client: FalconClient, filter: string, sort: string, limit: number, field: string): Promise<Array<{ id: string; ts: number | undefined; record: IDataObject }>> {
	const request = requestFor(alerts.combined, { body: { sort, ...(filter ? { filter } : {}) } });
	const { resources } = await collectByCursor<IDataObject>(client, request, { returnAll: false, limit }, ALERT_PAGE, { where: 'body' });
	return resources.map((record) => ({ id: String(record.composite_id), ts: timeOf(record[field]), record }));
}

/** The newest matching alerts and where a trigger starting now stands (after the newest of them, their window handled). */
async function startAt(run: EventRun, base: TriggerState, field: string): Promise<{ state: TriggerState; newest: Found[] }> {
	const read = await search(run.client, baseFilter(run), `${field}|desc`, START_PAGE, field);
	const newest = read.filter((entry): entry is Found => entry.ts !== undefined);
	return { state: startState(base, newest, { lookbackMs: run.lookbackMs, complete: read.length < START_PAGE }), newest };
}

/** The alerts in the look-back window not handled at their current time, oldest first. */
async function after(run: EventRun, state: TriggerState, field: string): Promise<Found[]> {
	const filter = andFql(baseFilter(run), `${field}:>=${fqlTime(queryFrom(state))}`);
	const limit = Object.keys(state.seen).length + run.maxItems;
	return (await search(run.client, filter, `${field}|asc`, limit, field))
		.map((entry) => ({ ...entry, ts: entry.ts ?? state.since }))
		// Seen at this very time: already handled. An alert updated again has a later time.
		.filter(({ id, ts }) => isNew(state, id, ts))
		.slice(0, run.maxItems);
}

export const newAlert: FalconTriggerEvent = {
	async latest(run) {
		return (await search(run.client, baseFilter(run), 'created_timestamp|desc', 1, 'created_timestamp'))[0]?.record;
	},

	async start(run, base) {
		return (await startAt(run, base, 'created_timestamp')).state;
	},

	async poll(run, state): Promise<Polled> {
		const found = await after(run, state, 'created_timestamp');
		return { items: found.map(({ record }) => record), state: advance(state, found, run) };
	},
};

const statusOf = (record: IDataObject): string => String(record.status ?? '');

/**
 * A status change: the status differs from the one this trigger last saw, or, for an alert it
 * never saw, the alert is no longer `new` (its status was set since it was raised).
 */
function changed(record: IDataObject, previous: string | undefined): boolean {
	return previous !== undefined ? previous !== statusOf(record) : statusOf(record) !== 'new';
}

/** The statuses Alert Updated emits (To Status); empty: any. */
function wanted(run: EventRun): Set<string> {
	return new Set(checkParameter(run.node, statusesSchema, run.parameter('toStatuses', []), 'To Status'));
}

export const alertUpdated: FalconTriggerEvent = {
	async latest(run) {
		const recent = await search(run.client, baseFilter(run), 'updated_timestamp|desc', 20, 'updated_timestamp');
		const statuses = wanted(run);
		const updated = recent.find(({ record }) => changed(record, undefined) && (statuses.size === 0 || statuses.has(statusOf(record)))) ?? recent[0];
		return updated ? { ...updated.record, previous_status: null } : undefined;
	},

	async start(run, base) {
		wanted(run);
		const { state, newest } = await startAt(run, base, 'updated_timestamp');
		return { ...state, states: rememberStates(undefined, newest.map(({ id, record }) => [id, statusOf(record)])) };
	},

	async poll(run, state): Promise<Polled> {
		const statuses = wanted(run);
		const found = await after(run, state, 'updated_timestamp');
		const items: IDataObject[] = [];
		for (const { id, record } of found) {
			const previous = state.states?.[id];
			if (changed(record, previous) && (statuses.size === 0 || statuses.has(statusOf(record)))) items.push({ ...record, previous_status: previous ?? null });
		}
		const states = rememberStates(state.states, found.map(({ id, record }) => [id, statusOf(record)]));
		return { items, state: { ...advance(state, found, run), states } };
	},
};
