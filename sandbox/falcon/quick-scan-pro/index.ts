/**
 * Quick Scan Pro (service collection "QuickScanPro"): UploadFileMixin0Mixin93, DeleteFile,
 * LaunchScan, GetScanResult, DeleteScanResult, QueryScanResults. Answers as the spec's models:
 * quickscanpro.MetaInfo read as Go embedding (msa.MetaInfo's fields in `meta` itself, `quota` next
 * to them), and the quota also next to `meta` where the response model has it.
 */
import { ApiError, type ErrorItem, ok, type Reply } from '../../core/envelope';
import { compileFilter } from '../../core/fql';
import { pageSorted, readPageParams } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import { parseSort, sortDocs } from '../../core/sort';
import type { ServiceRegistrar } from '../../types';
import { SCAN_FIELDS, TIEBREAKER, docOf } from './fields';
import { launchResource, scanResource } from './records';
import { MAX_SCANS_PER_LAUNCH } from './store';

export const QSP_FILES_PATH = '/quickscanpro/entities/files/v1';
export const QSP_SCANS_PATH = '/quickscanpro/entities/scans/v1';
export const QSP_QUERY_PATH = '/quickscanpro/queries/scans/v1';

const SHA256 = /^[a-f0-9]{64}$/i;
const MAX_IDS = 100;
const MAX_QUERY_LIMIT = 5000;

/**
 * An answer whose meta is quickscanpro.MetaInfo, with the quota both in `meta` and next to it (the
 * response model's `quota`). msa.MetaInfo's fields sit in `meta` itself (Go embedding), or, with
 * `quickScanProNestedMeta`, under `meta.MetaInfo` as the swagger literally declares it.
 */
function withProMeta(ctx: RequestContext, reply: Reply, now: number): Reply {
	const quota = ctx.state.quickScanPro.quota(now);
	const json = reply.json as { meta: Record<string, unknown> };
	const meta = ctx.config.quickScanProNestedMeta ? { MetaInfo: json.meta, quota } : { ...json.meta, quota };
	return { ...reply, json: { ...json, meta, quota: { ...quota } } };
}

function flag(value: string | undefined, name: string): boolean {
	if (value === undefined || value.trim() === '') return false;
	const v = value.trim().toLowerCase();
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	throw new ApiError(400, `Invalid value for '${name}': '${value}' is not a boolean`);
}

/** The uploaded file and its settings: multipart (`file`, `scan`, `password`) or octet-stream (`file_name` query, `X-File-Password`). */
function readUpload(ctx: RequestContext): { data: Buffer; fileName: string; scan: boolean; password?: string } {
	if (ctx.bodyKind === 'multipart') {
		const file = ctx.files?.find((f) => f.field === 'file');
		if (!file) throw new ApiError(400, 'file is required: the file, in the multipart field "file"');
		const password = ctx.form?.password?.[0];
		return { data: file.data, fileName: file.filename.trim(), scan: flag(ctx.form?.scan?.[0], 'scan'), ...(password ? { password } : {}) };
	}
	if (ctx.bodyKind === 'binary') {
		const fileName = ctx.query.string('file_name')?.trim();
		if (!fileName) throw new ApiError(400, 'file_name is required for application/octet-stream uploads');
		const password = ctx.headers['x-file-password'];
		return { data: ctx.rawBody, fileName, scan: ctx.query.bool('scan', false) === true, ...(typeof password === 'string' && password ? { password } : {}) };
	}
	throw new ApiError(400, 'The request must be multipart/form-data with the file in the field "file", or application/octet-stream with file_name');
}

/** POST: stores the file by SHA-256; with scan=true also launches its scan (scan_id in the answer). */
export const uploadFile: Handler = (ctx) => {
	const upload = readUpload(ctx);
	const limit = ctx.config.maxSampleBytes;
	if (upload.data.length > limit) throw new ApiError(400, `The file is ${upload.data.length} bytes: files may be at most ${limit} bytes (256 MB)`);
	if (upload.data.length === 0) throw new ApiError(400, 'The file is empty');
	if (upload.fileName === '' || upload.fileName.length > 255) throw new ApiError(400, 'The file name must have 1 to 255 characters');
	const now = Date.now();
	const by = ctx.principal?.clientId ?? 'unknown';
	const store = ctx.state.quickScanPro;
	const file = store.putFile(upload.data, upload.fileName, by, now);
	const scan = upload.scan ? store.launch([{ sha256: file.sha256, withPassword: upload.password !== undefined }], by, now)[0] : undefined;
	return withProMeta(ctx, ok(ctx, [{ sha256: file.sha256, ...(scan ? { scan_id: scan.id } : {}) }]), now);
};

/** The ids of a request (repeated `ids`, or comma lists), at most 100. */
function readIds(ctx: RequestContext, what: string): string[] {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length === 0) throw new ApiError(400, `ids is required: the ${what}`);
	if (ids.length > MAX_IDS) throw new ApiError(400, `A maximum of ${MAX_IDS} ids is allowed per request`);
	return ids;
}

const notFound = (what: string, id: string): ErrorItem => ({ code: 404, message: `${what} '${id}' not found`, id });

/** DELETE ?ids=<sha256>…: the deleted SHA-256s; unknown ones in errors. */
export const deleteFile: Handler = (ctx) => {
	const ids = readIds(ctx, 'SHA256s of the files');
	const invalid = ids.filter((id) => !SHA256.test(id));
	if (invalid.length > 0) throw new ApiError(400, invalid.map((id) => ({ code: 400, message: `Invalid file id '${id}': a file id is a SHA256 (64 hexadecimal characters)`, id })));
	const deleted: string[] = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		if (ctx.state.quickScanPro.removeFile(id)) deleted.push(id.toLowerCase());
		else errors.push(notFound('File', id));
	}
	return ok(ctx, deleted, {}, errors);
};

/** POST {resources: [{sha256, password?}]}: one scan per file. */
export const launchScan: Handler = (ctx) => {
	const body = ctx.body as { resources?: unknown } | undefined;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new ApiError(400, 'The request body must be a JSON object: {"resources": [{"sha256": "<sha256>"}]}');
	}
	const resources = body.resources;
	if (!Array.isArray(resources) || resources.length === 0) throw new ApiError(400, 'resources is required: a non-empty list of {"sha256": "<sha256>"}');
	if (resources.length > MAX_SCANS_PER_LAUNCH) throw new ApiError(400, `A maximum of ${MAX_SCANS_PER_LAUNCH} files may be scanned per request, got ${resources.length}`);
	const requests = resources.map((resource: unknown, index) => {
		const { sha256, password } = (resource ?? {}) as { sha256?: unknown; password?: unknown };
		if (typeof sha256 !== 'string' || !SHA256.test(sha256)) {
			throw new ApiError(400, `Invalid resources[${index}].sha256 '${String(sha256)}': a SHA256 (64 hexadecimal characters)`);
		}
		if (password !== undefined && typeof password !== 'string') throw new ApiError(400, `Invalid resources[${index}].password: a string`);
		return { sha256: sha256.toLowerCase(), withPassword: typeof password === 'string' && password !== '' };
	});
	const now = Date.now();
	const entries = ctx.state.quickScanPro.launch(requests, ctx.principal?.clientId ?? 'unknown', now);
	return withProMeta(ctx, ok(ctx, entries.map(launchResource)), now);
};

/** GET ?ids=<scan id>…: each scan with its status and, once done, its result; unknown ids in errors. */
export const getScanResult: Handler = (ctx) => {
	const ids = readIds(ctx, 'scan IDs');
	const now = Date.now();
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const entry = ctx.state.quickScanPro.scan(id);
		if (entry) resources.push(scanResource(entry, now));
		else errors.push(notFound('Scan', id));
	}
	return ok(ctx, resources, {}, errors);
};

/** DELETE ?ids=<scan id>…: the deleted scan IDs (msaspec.QueryResponse); unknown ones in errors. */
export const deleteScanResult: Handler = (ctx) => {
	const ids = readIds(ctx, 'scan IDs');
	const deleted: string[] = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		if (ctx.state.quickScanPro.removeScan(id)) deleted.push(id.toLowerCase());
		else errors.push(notFound('Scan', id));
	}
	return ok(ctx, deleted, {}, errors);
};

/** GET ?filter&sort&offset&limit: scan IDs, newest first unless sorted otherwise; an empty filter matches every scan. */
export const queryScanResults: Handler = (ctx) => {
	const page = readPageParams(ctx.query, { defaultLimit: 50, maxLimit: MAX_QUERY_LIMIT, allowAfter: false });
	const now = Date.now();
	const predicate = compileFilter(ctx.query.string('filter'), SCAN_FIELDS);
	const sort = ctx.query.string('sort')?.trim();
	// The spec documents sort as a bare direction (asc|desc) on created_timestamp; field.direction works too.
	const sortText = sort && /^(asc|desc)$/i.test(sort) ? `created_timestamp.${sort.toLowerCase()}` : sort;
	const specs = parseSort(sortText, SCAN_FIELDS, { defaultSort: 'created_timestamp.desc', tiebreaker: TIEBREAKER });
	const docs = ctx.state.quickScanPro
		.entries()
		.map((entry) => docOf(entry, now))
		.filter((doc) => !predicate || predicate(doc));
	const { items, pagination } = pageSorted(sortDocs(docs, specs), specs, page);
	// msa.Paging: offset, limit, total (no cursor: this query pages by offset).
	const paging = { offset: pagination.offset, limit: pagination.limit, total: pagination.total };
	return withProMeta(ctx, ok(ctx, items.map((doc) => doc.entry.id), { pagination: paging }), now);
};

const poweredBy = 'quickscanpro';

export const registerQuickScanPro: ServiceRegistrar = (router) => {
	router
		.post(QSP_FILES_PATH, uploadFile, { operation: 'UploadFileMixin0Mixin93', poweredBy })
		.delete(QSP_FILES_PATH, deleteFile, { operation: 'DeleteFile', poweredBy })
		.post(QSP_SCANS_PATH, launchScan, { operation: 'LaunchScan', poweredBy })
		.get(QSP_SCANS_PATH, getScanResult, { operation: 'GetScanResult', poweredBy })
		.delete(QSP_SCANS_PATH, deleteScanResult, { operation: 'DeleteScanResult', poweredBy })
		.get(QSP_QUERY_PATH, queryScanResults, { operation: 'QueryScanResults', poweredBy });
};
