/**
 * New or Updated Indicator: IOC Management indicators by `modified_on` (a new indicator's equals
 * its `created_on`), read with the combined endpoint and its `after` cursor.
 */
import type { IDataObject } from 'n8n-workflow';

import { requestFor } from '../../api';
import { ioc } from '../../api/ioc';
import { collectByCursor, type FalconClient } from '../../transport';
import { advance, isNew, queryFrom, startState, timeOf, type TriggerState } from '../../../common/polling';
import { andFql, fqlTime } from '../fql';
import { START_PAGE, type FalconTriggerEvent, type Polled } from './types';

/** The API's largest page for indicator queries. */
const PAGE_SIZE = 2000;

async function indicators(client: FalconClient, filter: string, sort: string, limit: number): Promise<Array<{ id: string; ts: number | undefined; record: IDataObject }>> {
	const request = requestFor(ioc.indicatorCombined, { query: { sort, filter } });
	const { resources } = await collectByCursor<IDataObject>(client, request, { returnAll: false, limit }, PAGE_SIZE);
	return resources.map((record) => ({ id: String(record.id), ts: timeOf(record.modified_on), record }));
}

export const indicatorChanged: FalconTriggerEvent = {
	async latest(run) {
		return (await indicators(run.client, run.filter, 'modified_on.desc', 1))[0]?.record;
	},

	async start(run, base): Promise<TriggerState> {
		const read = await indicators(run.client, run.filter, 'modified_on.desc', START_PAGE);
		const newest = read.filter((entry): entry is { id: string; ts: number; record: IDataObject } => entry.ts !== undefined);
		return startState(base, newest, { lookbackMs: run.lookbackMs, complete: read.length < START_PAGE });
	},

	async poll(run, state): Promise<Polled> {
		const filter = andFql(run.filter, `modified_on:>=${fqlTime(queryFrom(state))}`);
		const limit = Object.keys(state.seen).length + run.maxItems;
		const found = (await indicators(run.client, filter, 'modified_on.asc', limit))
			.map((entry) => ({ ...entry, ts: entry.ts ?? state.since }))
			// Seen at this very time: already emitted. A seen indicator modified again has a later time.
			.filter(({ id, ts }) => isNew(state, id, ts))
			.slice(0, run.maxItems);
		return { items: found.map(({ record }) => record), state: advance(state, found, run) };
	},
};
