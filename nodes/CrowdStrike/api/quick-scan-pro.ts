/**
 * Quick Scan Pro (FalconPy `QuickScanPro`, gofalcon `quick_scan_pro`, scope "QuickScan Pro"):
 * files uploaded for analysis, scans launched on them, and their results.
 *
 * FalconPy lists 7 operations: the upload appears under three ids over the spec's versions
 * (`UploadFileQuickScanPro`, `UploadFileMixin0Mixin94`; gofalcon's current swagger names it
 * `UploadFileMixin0Mixin93`), all the same POST /quickscanpro/entities/files/v1. The table holds the
 * 6 endpoints, by the swagger's ids.
 */
import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { FalconClient, FalconEnvelope, FalconMeta } from '../transport';
import { call, callWrite } from './call';
import { operations } from './operation';

const ERRORS = { 403: 'MsaReplyMetaOnly', 429: 'MsaReplyMetaOnly', 500: 'MsaReplyMetaOnly' } as const;

export const quickScanPro = operations('quick_scan_pro', {
	uploadFile: {
		operationId: 'UploadFileMixin0Mixin93',
		method: 'POST',
		path: '/quickscanpro/entities/files/v1',
		// multipart/form-data: `file` (its name in the part's filename), `scan`, `password`; an
		// octet-stream upload takes the name as `file_name` and the password as `X-File-Password`.
		params: { file: 'formData', scan: 'formData', password: 'formData', file_name: 'query', 'X-File-Password': 'header' },
		required: ['file'],
		consumes: ['application/octet-stream', 'multipart/form-data'],
		models: { responses: { 200: 'QuickscanproFileUploadResponse', ...ERRORS } },
		// The same content always gets the same SHA256; an upload that also starts a scan is sent once (see uploadFile).
		idempotent: true,
	},
	deleteFile: {
		operationId: 'DeleteFile',
		method: 'DELETE',
		path: '/quickscanpro/entities/files/v1',
		params: { ids: 'query' },
		required: ['ids'],
		models: { responses: { 200: 'QuickscanproDeleteFileResponse', ...ERRORS } },
		idempotent: true,
	},
	launchScan: {
		operationId: 'LaunchScan',
		method: 'POST',
		path: '/quickscanpro/entities/scans/v1',
		params: { body: 'body' },
		required: ['body'],
		models: { body: 'QuickscanproLaunchScanRequest', responses: { 200: 'QuickscanproLaunchScanResponse', ...ERRORS } },
	},
	getScanResult: {
		operationId: 'GetScanResult',
		method: 'GET',
		path: '/quickscanpro/entities/scans/v1',
		params: { ids: 'query' },
		required: ['ids'],
		models: { responses: { 200: 'QuickscanproGetScanResultResponse', ...ERRORS } },
	},
	deleteScanResult: {
		operationId: 'DeleteScanResult',
		method: 'DELETE',
		path: '/quickscanpro/entities/scans/v1',
		params: { ids: 'query' },
		required: ['ids'],
		models: { responses: { 200: 'MsaspecQueryResponse', ...ERRORS } },
		idempotent: true,
	},
	queryScanResults: {
		operationId: 'QueryScanResults',
		method: 'GET',
		path: '/quickscanpro/queries/scans/v1',
		params: { filter: 'query', limit: 'query', offset: 'query', sort: 'query' },
		// "Empty value means to not filter on anything": an empty filter is sent as such.
		required: ['filter'],
		models: { responses: { 200: 'QuickscanproQueryScanResultsResponse', ...ERRORS } },
	},
});

/** IDs per GetScanResult, DeleteScanResult and DeleteFile request (`ids` repeated; the spec sets no maximum). */
export const QUICK_SCAN_PRO_IDS_PER_REQUEST = 100;

/** The largest page of QueryScanResults ("Max: 5000"). */
export const QUICK_SCAN_PRO_PAGE_SIZE = 5000;

/** quickscanpro.LaunchScanRequestResource: an uploaded file, and the password of an encrypted archive. */
export interface LaunchScanResource {
	sha256: string;
	password?: string;
}

/** The scan quota Falcon reports (quickscanpro.QuotaResource), as output items carry it. */
export function quotaOf(meta: FalconMeta): IDataObject | undefined {
	return meta.quota ? { ...meta.quota } : undefined;
}

/**
 * UploadFileMixin0Mixin93 as multipart/form-data: the file as `file` (its name travels as the
 * part's filename), `scan` true to start scanning at once, and an archive's `password`. An upload
 * that starts a scan is a write sent once: a lost answer comes back as `unconfirmed`.
 */
export async function uploadFile(client: FalconClient, form: FormData, startsScan: boolean) {
	if (startsScan) return await callWrite(client, quickScanPro.uploadFile, { form });
	return { envelope: await call(client, quickScanPro.uploadFile, { form }) };
}

/** DeleteFile for any number of SHA256s, in requests of at most 100: the deleted ones, and the API's errors. */
export async function deleteFiles(client: FalconClient, sha256s: string[]) {
	return await eachChunk(sha256s, (ids) => call<typeof quickScanPro.deleteFile, string>(client, quickScanPro.deleteFile, { query: { ids } }));
}

/** LaunchScan: one scan per file (quickscanpro.LaunchScanResource: id, sha256, created_timestamp). */
export async function launchScans(client: FalconClient, resources: LaunchScanResource[]) {
	return await call(client, quickScanPro.launchScan, { body: { resources } });
}

/** GetScanResult for one request's worth of scan IDs (quickscanpro.GetScanResultResource: id, scan, result). */
export async function getScanResultPage(client: FalconClient, ids: string[]) {
	return await call(client, quickScanPro.getScanResult, { query: { ids } });
}

/** GetScanResult for any number of scan IDs, in requests of at most 100; unknown IDs are left out. */
export async function getScanResults(client: FalconClient, ids: string[]) {
	return await eachChunk(ids, (part) => getScanResultPage(client, part));
}

/** DeleteScanResult for any number of scan IDs, in requests of at most 100: the deleted IDs, and the API's errors. */
export async function deleteScanResults(client: FalconClient, ids: string[]) {
	return await eachChunk(ids, (part) => call<typeof quickScanPro.deleteScanResult, string>(client, quickScanPro.deleteScanResult, { query: { ids: part } }));
}

/** Every chunk's answer folded into one: resources and errors in order, the last trace id and quota. */
async function eachChunk<T>(ids: string[], send: (ids: string[]) => Promise<FalconEnvelope<T>>): Promise<FalconEnvelope<T>> {
	const folded: FalconEnvelope<T> = { meta: {}, resources: [], errors: [] };
	for (const part of chunk(ids, QUICK_SCAN_PRO_IDS_PER_REQUEST)) {
		const page = await send(part);
		folded.resources?.push(...(page.resources ?? []));
		folded.errors?.push(...(page.errors ?? []));
		folded.meta = { ...folded.meta, ...page.meta };
	}
	return folded;
}
