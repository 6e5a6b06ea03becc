/**
 * New Quarantined File (by `date_created`) and Quarantined File Updated (by `date_updated`, emitted
 * when the file's state changed: released, deleted, quarantined again). The query answers ids in
 * time order; the records come from GetQuarantineFiles.
 */
import type { IDataObject } from 'n8n-workflow';

import { requestFor } from '../../api';
import { getAllQuarantinedFiles, quarantine } from '../../api/quarantine';
import { collectByOffset, type FalconClient } from '../../transport';
import { advance, isNew, queryFrom, rememberStates, startState, timeOf, unseen, type Handled, type TriggerState } from '../../../common/polling';
import { andFql, fqlTime } from '../fql';
import { START_PAGE, type EventRun, type FalconTriggerEvent, type Polled } from './types';

/** The API's largest page for quarantine queries. */
const PAGE_SIZE = 5000;

async function queryIds(client: FalconClient, filter: string, sort: string, limit: number): Promise<string[]> {
	const { resources } = await collectByOffset<string>(client, requestFor(quarantine.queryFiles, { query: { sort, filter } }), { returnAll: false, limit }, PAGE_SIZE);
	return resources.map(String);
}

/** The records of the ids, in the ids' order; ids the API no longer knows are left out. */
async function recordsOf(client: FalconClient, ids: string[]): Promise<Array<{ id: string; record: IDataObject }>> {
	if (ids.length === 0) return [];
	const byId = new Map((await getAllQuarantinedFiles(client, ids)).map((record) => [String(record.id).toLowerCase(), record]));
	return ids.flatMap((id) => {
		const record = byId.get(id.toLowerCase());
		return record ? [{ id, record }] : [];
	});
}

const newerFirst = (field: string) => `${field}|desc`;
const olderFirst = (field: string) => `${field}|asc`;

/** The newest `limit` matching files and where a trigger starting now stands (after the newest of them). */
async function startAt(run: EventRun, base: TriggerState, field: string): Promise<{ state: TriggerState; records: Array<{ id: string; record: IDataObject }> }> {
	const ids = await queryIds(run.client, run.filter, newerFirst(field), START_PAGE);
	const records = await recordsOf(run.client, ids);
	const handled = records.flatMap(({ id, record }) => {
		const ts = timeOf(record[field]);
		return ts === undefined ? [] : [{ id, ts }];
	});
	return { state: startState(base, handled, { lookbackMs: run.lookbackMs, complete: ids.length < START_PAGE }), records };
}

/** The files in the look-back window that were not handled at their current time, oldest first. */
async function after(run: EventRun, state: TriggerState, field: string): Promise<Array<Handled & { record: IDataObject }>> {
	const seenCount = Object.keys(state.seen).length;
	const filter = andFql(run.filter, `${field}:>=${fqlTime(queryFrom(state))}`);
	const ids = await queryIds(run.client, filter, olderFirst(field), seenCount + run.maxItems);
	// A seen id comes back when the file changed again since: its record tells (its time moved on).
	const again = ids.filter((id) => Object.prototype.hasOwnProperty.call(state.seen, id));
	const candidates = new Set([...unseen(ids, state.seen, run.maxItems), ...again]);
	const fetched = await recordsOf(run.client, ids.filter((id) => candidates.has(id)));
	return fetched
		.map(({ id, record }) => ({ id, record, ts: timeOf(record[field]) ?? state.since }))
		.filter(({ id, ts }) => isNew(state, id, ts))
		.slice(0, run.maxItems);
}

export const newQuarantinedFile: FalconTriggerEvent = {
	async latest(run) {
		const [first] = await recordsOf(run.client, await queryIds(run.client, run.filter, newerFirst('date_created'), 1));
		return first?.record;
	},

	async start(run, base) {
		return (await startAt(run, base, 'date_created')).state;
	},

	async poll(run, state): Promise<Polled> {
		const found = await after(run, state, 'date_created');
		return { items: found.map(({ record }) => record), state: advance(state, found, run) };
	},
};

function stateOf(record: IDataObject): string {
	return String(record.state ?? '');
}

/**
 * A state change: the state differs from the one this trigger last saw, or, for a file it never
 * saw, the file was updated after it was quarantined.
 */
function changed(record: IDataObject, previous: string | undefined): boolean {
	if (previous !== undefined) return previous !== stateOf(record);
	const created = timeOf(record.date_created);
	const updated = timeOf(record.date_updated);
	return created !== undefined && updated !== undefined && updated > created;
}

export const quarantinedFileUpdated: FalconTriggerEvent = {
	async latest(run) {
		const records = await recordsOf(run.client, await queryIds(run.client, run.filter, newerFirst('date_updated'), 20));
		const updated = records.find(({ record }) => changed(record, undefined)) ?? records[0];
		return updated ? { ...updated.record, previous_state: null } : undefined;
	},

	async start(run, base) {
		const { state, records } = await startAt(run, base, 'date_updated');
		return { ...state, states: rememberStates(undefined, records.map(({ id, record }) => [id, stateOf(record)])) };
	},

	async poll(run, state): Promise<Polled> {
		const found = await after(run, state, 'date_updated');
		const items: IDataObject[] = [];
		for (const { id, record } of found) {
			const previous = state.states?.[id];
			if (changed(record, previous)) items.push({ ...record, previous_state: previous ?? null });
		}
		const states = rememberStates(state.states, found.map(({ id, record }) => [id, stateOf(record)]));
		return { items, state: { ...advance(state, found, run), states } };
	},
};
