/** Quarantine (FalconPy `Quarantine`, gofalcon `quarantine`): quarantined files and the actions on them. */
import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { FalconClient, FalconEnvelope } from '../transport';
import { call } from './call';
import { operations } from './operation';

export const quarantine = operations('quarantine', {
	queryFiles: {
		operationId: 'QueryQuarantineFiles',
		method: 'GET',
		path: '/quarantine/queries/quarantined-files/v1',
		params: { filter: 'query', limit: 'query', offset: 'query', q: 'query', sort: 'query' },
	},
	getFiles: { operationId: 'GetQuarantineFiles', method: 'POST', path: '/quarantine/entities/quarantined-files/GET/v1', params: { body: 'body' }, idempotent: true },
	// Applying the same action twice leaves the files as once.
	updateByIds: {
		operationId: 'UpdateQuarantinedDetectsByIds',
		method: 'PATCH',
		path: '/quarantine/entities/quarantined-files/v1',
		params: { body: 'body' },
		idempotent: true,
	},
	updateByQuery: { operationId: 'UpdateQfByQuery', method: 'PATCH', path: '/quarantine/queries/quarantined-files/v1', params: { body: 'body' }, idempotent: true },
	actionUpdateCount: { operationId: 'ActionUpdateCount', method: 'GET', path: '/quarantine/aggregates/action-update-count/v1', params: { filter: 'query' } },
	aggregateFiles: { operationId: 'GetAggregateFiles', method: 'POST', path: '/quarantine/aggregates/quarantined-files/GET/v1', params: { body: 'body' }, idempotent: true },
});

/** msa.AggregatesResponse: one result per aggregate, each with its buckets. */
export interface AggregateResult extends IDataObject {
	name?: string;
	buckets?: Array<IDataObject & { label?: unknown; count?: unknown }>;
}

/** IDs per GetQuarantineFiles / UpdateQuarantinedDetectsByIds request (PSFalcon batches at 500). */
export const QUARANTINE_IDS_PER_REQUEST = 500;

export async function getQuarantinedFiles(client: FalconClient, ids: string[]) {
	return await call(client, quarantine.getFiles, { body: { ids } }, { acceptStatus: [404] });
}

/** The records of any number of IDs, in requests of at most 500; IDs the API does not know are left out. */
export async function getAllQuarantinedFiles(client: FalconClient, ids: string[]): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (const part of chunk(ids, QUARANTINE_IDS_PER_REQUEST)) records.push(...((await getQuarantinedFiles(client, part)).resources ?? []));
	return records;
}

/**
 * Applies an action to files by ID (domain.EntitiesPatchRequest). The API answers
 * msa.ReplyMetaOnly: no resources; the files it refused are named in `errors`.
 */
export async function updateQuarantinedByIds(client: FalconClient, body: { ids: string[]; action: string; comment?: string }): Promise<FalconEnvelope> {
	return await call(client, quarantine.updateByIds, { body }, { acceptStatus: [400, 404] });
}

/** Applies an action to every file a filter matches (domain.QueriesPatchRequest); msa.ReplyMetaOnly. */
export async function updateQuarantinedByQuery(client: FalconClient, body: { action: string; filter?: string; q?: string; comment?: string }) {
	return await call(client, quarantine.updateByQuery, { body }, { acceptStatus: [400, 404] });
}

/** How many files each action would change for a filter: msa.AggregatesResponse. */
export async function actionUpdateCount(client: FalconClient, filter: string) {
	return await call<typeof quarantine.actionUpdateCount, AggregateResult>(client, quarantine.actionUpdateCount, { query: { filter } });
}

export async function aggregateQuarantinedFiles(client: FalconClient, body: IDataObject) {
	return await call<typeof quarantine.aggregateFiles, AggregateResult>(client, quarantine.aggregateFiles, { body });
}
