/** IOC Management (FalconPy `IOC`, gofalcon `ioc`): indicators, their sightings, actions and reference data. */
import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { FalconClient, FalconEnvelope } from '../transport';
import { call, callWrite } from './call';
import { operations } from './operation';

const QUERY_PAGING = { limit: 'query', offset: 'query' } as const;
const INDICATOR_SEARCH = { after: 'query', filter: 'query', from_parent: 'query', limit: 'query', offset: 'query', sort: 'query' } as const;
const WRITE_QUERY = { ignore_warnings: 'query', retrodetects: 'query', body: 'body' } as const;

export const ioc = operations('ioc', {
	indicatorCombined: { operationId: 'indicator.combined.v1', method: 'GET', path: '/iocs/combined/indicator/v1', params: INDICATOR_SEARCH },
	indicatorSearch: { operationId: 'indicator.search.v1', method: 'GET', path: '/iocs/queries/indicators/v1', params: INDICATOR_SEARCH },
	indicatorGet: { operationId: 'indicator.get.v1', method: 'GET', path: '/iocs/entities/indicators/v1', params: { ids: 'query' } },
	indicatorCreate: { operationId: 'indicator.create.v1', method: 'POST', path: '/iocs/entities/indicators/v1', params: WRITE_QUERY },
	// Applying the same fields twice leaves the indicator as once.
	indicatorUpdate: { operationId: 'indicator.update.v1', method: 'PATCH', path: '/iocs/entities/indicators/v1', params: WRITE_QUERY, idempotent: true },
	// Deleting an indicator that is gone already changes nothing.
	indicatorDelete: {
		operationId: 'indicator.delete.v1',
		method: 'DELETE',
		path: '/iocs/entities/indicators/v1',
		params: { comment: 'query', filter: 'query', from_parent: 'query', ids: 'query' },
		idempotent: true,
	},
	indicatorAggregate: {
		operationId: 'indicator.aggregate.v1',
		method: 'POST',
		path: '/iocs/aggregates/indicators/v1',
		params: { filter: 'query', from_parent: 'query', body: 'body' },
		idempotent: true,
	},
	indicatorsReport: { operationId: 'GetIndicatorsReport', method: 'POST', path: '/iocs/entities/indicators-reports/v1', params: { body: 'body' }, idempotent: true },
	deviceCount: {
		operationId: 'indicator.get.device_count.v1',
		method: 'GET',
		path: '/iocs/aggregates/indicators/device-count/v1',
		params: { type: 'query', value: 'query' },
	},
	devicesRanOn: {
		operationId: 'indicator.get.devices_ran_on.v1',
		method: 'GET',
		path: '/iocs/queries/indicators/devices/v1',
		params: { type: 'query', value: 'query', ...QUERY_PAGING },
	},
	processesRanOn: {
		operationId: 'indicator.get.processes_ran_on.v1',
		method: 'GET',
		path: '/iocs/queries/indicators/processes/v1',
		params: { type: 'query', value: 'query', device_id: 'query', ...QUERY_PAGING },
	},
	actionQuery: { operationId: 'action.query.v1', method: 'GET', path: '/iocs/queries/actions/v1', params: QUERY_PAGING },
	actionGet: { operationId: 'action.get.v1', method: 'GET', path: '/iocs/entities/actions/v1', params: { ids: 'query' } },
	iocTypeQuery: { operationId: 'ioc_type.query.v1', method: 'GET', path: '/iocs/queries/ioc-types/v1', params: QUERY_PAGING },
	platformQuery: { operationId: 'platform.query.v1', method: 'GET', path: '/iocs/queries/platforms/v1', params: QUERY_PAGING },
	severityQuery: { operationId: 'severity.query.v1', method: 'GET', path: '/iocs/queries/severities/v1', params: QUERY_PAGING },
});

/** The query parameters of a create or update: retrodetects and ignore_warnings. */
export interface IndicatorWriteQuery {
	retrodetects?: boolean;
	ignore_warnings?: boolean;
}

/**
 * The body of a create (api.IndicatorCreateReqsV1): `comment` and the indicators. The same
 * indicators are never sent twice blindly (see `writeReconciled`).
 */
export async function createIndicators(client: FalconClient, query: IndicatorWriteQuery, body: { comment?: string; indicators: IDataObject[] }) {
	return await callWrite(client, ioc.indicatorCreate, { query: { ...query }, body }, { acceptStatus: [400] });
}

/**
 * The body of an update (api.IndicatorUpdateReqsV1). The spec marks `bulk_update` and `indicators`
 * both required, but they are two ways of updating: `indicators` lists indicators by ID, each with
 * its own fields; `bulk_update` applies one set of fields to every indicator its filter matches.
 * FalconPy's `indicator_update` builds the body from what it is given and sends neither key unasked
 * (`indicator_update_payload`), so an update by ID sends `indicators` alone and an update by filter
 * `bulk_update` alone: sending both would apply the bulk fields on top of the listed ones.
 */
export type IndicatorUpdateBody = { comment?: string } & ({ indicators: IDataObject[] } | { bulk_update: IDataObject });

export async function updateIndicators(client: FalconClient, query: IndicatorWriteQuery, body: IndicatorUpdateBody) {
	return await call(client, ioc.indicatorUpdate, { query: { ...query }, body }, { acceptStatus: [400] });
}

export async function getIndicators(client: FalconClient, ids: string[]) {
	return await call(client, ioc.indicatorGet, { query: { ids } }, { acceptStatus: [404] });
}

export async function deleteIndicators(client: FalconClient, query: { ids?: string[]; filter?: string; comment?: string }): Promise<FalconEnvelope<string>> {
	return await call<typeof ioc.indicatorDelete, string>(client, ioc.indicatorDelete, { query }, { acceptStatus: [404] });
}

/** Indicators matching an FQL filter, one page (the combined endpoint: whole records). */
export async function searchIndicatorRecords(client: FalconClient, query: { filter?: string; sort?: string; limit?: number; after?: string }) {
	return await call(client, ioc.indicatorCombined, { query });
}

export async function aggregateIndicators(client: FalconClient, body: IDataObject, query: { filter?: string; from_parent?: boolean } = {}) {
	return await call(client, ioc.indicatorAggregate, { body, query });
}

export async function indicatorsReport(client: FalconClient, body: IDataObject) {
	return await call(client, ioc.indicatorsReport, { body });
}

/** api.ActionV1: `{id, platforms_by_type, severities}`, by ID. */
export async function getActions(client: FalconClient, ids: string[]) {
	return await call(client, ioc.actionGet, { query: { ids } }, { acceptStatus: [404] });
}

/** The records of any number of action IDs, 100 per request. */
export async function getAllActions(client: FalconClient, ids: string[]): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (const part of chunk(ids, 100)) records.push(...((await getActions(client, part)).resources ?? []));
	return records;
}

/** The reference lists of IOC Management: their operations by what they list. */
export const REFERENCE_LISTS = {
	getIocTypes: ioc.iocTypeQuery,
	getPlatforms: ioc.platformQuery,
	getSeverities: ioc.severityQuery,
	getActions: ioc.actionQuery,
} as const;
