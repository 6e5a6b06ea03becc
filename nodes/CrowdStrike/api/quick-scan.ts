/** Quick Scan (FalconPy `QuickScan`, gofalcon `quick_scan`): ML scans of uploaded samples. */
import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { FalconClient, FalconEnvelope, FalconMeta } from '../transport';
import { call } from './call';
import { operations } from './operation';

export const quickScan = operations('quick_scan', {
	scanSamples: { operationId: 'ScanSamples', method: 'POST', path: '/scanner/entities/scans/v1', params: { body: 'body' } },
	getScans: { operationId: 'GetScans', method: 'GET', path: '/scanner/entities/scans/v1', params: { ids: 'query' } },
	querySubmissions: {
		operationId: 'QuerySubmissionsMixin0',
		method: 'GET',
		path: '/scanner/queries/scans/v1',
		params: { filter: 'query', limit: 'query', offset: 'query', sort: 'query' },
	},
	getScansAggregates: { operationId: 'GetScansAggregates', method: 'POST', path: '/scanner/aggregates/scans/GET/v1', params: { body: 'body' }, idempotent: true },
});

/** Starts one scan of the samples (mlscanner.SamplesScanParameters): the scan's ID comes back in `resources`. */
export async function scanSamples(client: FalconClient, samples: string[]) {
	return await call<typeof quickScan.scanSamples, string>(client, quickScan.scanSamples, { body: { samples } });
}

/** Scan IDs per GetScans request. */
export const SCAN_IDS_PER_REQUEST = 100;

/** The quota Falcon reports with every Quick Scan answer, as output items carry it. */
export function quotaOf(meta: FalconMeta): IDataObject | undefined {
	return meta.quota ? { ...meta.quota } : undefined;
}

/** GetScans for any number of IDs, in requests of at most 100 (the spec's `ids` is one comma-separated value, collectionFormat csv). */
export async function getScans(client: FalconClient, ids: string[], onPage?: (page: FalconEnvelope) => void): Promise<{ scans: IDataObject[]; quota?: IDataObject }> {
	const scans: IDataObject[] = [];
	let quota: IDataObject | undefined;
	for (const part of chunk(ids, SCAN_IDS_PER_REQUEST)) {
		const page = await call(client, quickScan.getScans, { query: { ids: part.join(',') } }, { acceptStatus: [404] });
		onPage?.(page);
		scans.push(...(page.resources ?? []));
		quota = quotaOf(page.meta) ?? quota;
	}
	return { scans, quota };
}

export async function aggregateScans(client: FalconClient, body: IDataObject) {
	return await call(client, quickScan.getScansAggregates, { body });
}
