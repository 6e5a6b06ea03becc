/**
 * Scan Completed: Quick Scan volumes whose status became `done`. A scan has only its submission
 * time (`created_timestamp`), and a scan submitted earlier may finish later, so the watermark is
 * held back to the oldest scan still running (unless it has been running for longer than
 * RUNNING_MAX_AGE_MS), and the done scans after it are remembered as seen.
 */
import type { IDataObject } from 'n8n-workflow';

import { requestFor } from '../../api';
import { getScans, quickScan } from '../../api/quick-scan';
import { collectByOffset, type FalconClient } from '../../transport';
import { advance, queryFrom, startState, timeOf, unseen, type TriggerState } from '../../../common/polling';
import { andFql, fqlTime } from '../fql';
import { START_PAGE, type EventRun, type FalconTriggerEvent, type Polled } from './types';

/** The API's largest page for scan queries. */
const PAGE_SIZE = 5000;

/** A scan still running after this long no longer holds the trigger back (Quick Scan takes seconds to minutes). */
export const RUNNING_MAX_AGE_MS = 6 * 3_600_000;

/** At most this many done scans after a running one are read when the trigger is activated (to know which are old). */
const START_LIMIT = 5000;

const DONE = "status:'done'";
const NOT_DONE = "status:!'done'";

async function queryIds(client: FalconClient, filter: string, sort: 'asc' | 'desc', limit: number): Promise<string[]> {
	// QuerySubmissionsMixin0 documents its sort as a direction on the submission time.
	const { resources } = await collectByOffset<string>(client, requestFor(quickScan.querySubmissions, { query: { sort, filter } }), { returnAll: false, limit }, PAGE_SIZE);
	return resources.map(String);
}

async function scansOf(client: FalconClient, ids: string[]): Promise<Array<{ id: string; record: IDataObject }>> {
	if (ids.length === 0) return [];
	const byId = new Map((await getScans(client, ids)).scans.map((scan) => [String(scan.id).toLowerCase(), scan]));
	return ids.flatMap((id) => {
		const record = byId.get(id.toLowerCase());
		return record ? [{ id, record }] : [];
	});
}

/** The submission time of the oldest scan still running (not older than RUNNING_MAX_AGE_MS), if any. */
async function oldestRunning(run: EventRun, since: number): Promise<number | undefined> {
	const from = Math.max(since, run.now - RUNNING_MAX_AGE_MS);
	const ids = await queryIds(run.client, `${NOT_DONE}+created_timestamp:>=${fqlTime(from)}`, 'asc', 1);
	const [oldest] = await scansOf(run.client, ids);
	return oldest ? timeOf(oldest.record.created_timestamp) : undefined;
}

/** The scans with their submission time; without a readable time, `fallback` (or left out). */
function timed(scans: Array<{ id: string; record: IDataObject }>, fallback: number | undefined): Array<{ id: string; ts: number; record: IDataObject }> {
	return scans.flatMap(({ id, record }) => {
		const ts = timeOf(record.created_timestamp) ?? fallback;
		return ts === undefined ? [] : [{ id, ts, record }];
	});
}

async function pollDone(run: EventRun, state: TriggerState): Promise<Polled> {
	const max = run.maxItems;
	// Running scans first: a scan that finishes between the two queries is then found by the second.
	const floor = await oldestRunning(run, state.since);
	const filter = andFql(run.filter, DONE, `created_timestamp:>=${fqlTime(queryFrom(state))}`);
	const ids = await queryIds(run.client, filter, 'asc', Object.keys(state.seen).length + max);
	const found = timed(await scansOf(run.client, unseen(ids, state.seen, max)), state.since);
	return { items: found.map(({ record }) => record), state: advance(state, found, { floor, lookbackMs: run.lookbackMs }) };
}

export const scanCompleted: FalconTriggerEvent = {
	async latest(run) {
		const [first] = await scansOf(run.client, await queryIds(run.client, andFql(run.filter, DONE), 'desc', 1));
		return first?.record;
	},

	async start(run, base) {
		// Where a poll would stand now: after the newest done scan, or at the oldest running one with
		// the done scans after it seen. Nothing is emitted.
		const floor = await oldestRunning(run, run.now - RUNNING_MAX_AGE_MS);
		if (floor !== undefined) {
			const ids = await queryIds(run.client, andFql(run.filter, DONE, `created_timestamp:>=${fqlTime(floor)}`), 'asc', START_LIMIT);
			return advance({ ...base, since: floor, seen: {} }, timed(await scansOf(run.client, ids), floor), { floor, lookbackMs: run.lookbackMs });
		}
		const ids = await queryIds(run.client, andFql(run.filter, DONE), 'desc', START_PAGE);
		const newest = timed(await scansOf(run.client, ids), undefined);
		return startState(base, newest, { lookbackMs: run.lookbackMs, complete: ids.length < START_PAGE });
	},

	async poll(run, state) {
		return await pollDone(run, state);
	},
};
