/**
 * Quick Scan (service collection "QuickScan"): ScanSamples, GetScans, QuerySubmissionsMixin0,
 * GetScansAggregates. Every answer carries the account's scan quota in `meta.quota`.
 */
import { readAggregateBody, runAggregates } from '../../core/aggregate';
import { ApiError, type ErrorItem, ok, withStatus } from '../../core/envelope';
import { compileFilter, type FieldSchema } from '../../core/fql';
import { pageSorted, readPageParams } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import { parseSort, sortDocs, type SortSpec } from '../../core/sort';
import type { ServiceRegistrar } from '../../types';
import { MAX_SAMPLES_PER_SCAN, type ScanEntry } from './store';

const SHA256 = /^[a-f0-9]{64}$/i;
const MAX_IDS = 100;
const MAX_QUERY_LIMIT = 5000;

interface ScanDoc {
	entry: ScanEntry;
	status: string;
}

export const SCAN_FIELDS: FieldSchema<ScanDoc> = {
	id: { type: 'string', get: (d) => d.entry.id },
	cid: { type: 'string', get: (d) => d.entry.cid, sortable: false },
	status: { type: 'string', get: (d) => d.status },
	created_timestamp: { type: 'date', get: (d) => d.entry.createdMs },
	created_by: { type: 'string', get: (d) => d.entry.createdBy },
	'samples.sha256': { type: 'string', get: (d) => d.entry.results.map((r) => r.sha256), sortable: false },
	'samples.verdict': { type: 'string', get: (d) => (d.status === 'done' ? d.entry.results.map((r) => r.verdict) : []), sortable: false },
};

/** Scans submitted in the same millisecond keep their submission order. */
const TIEBREAKER: SortSpec<ScanDoc> = { field: 'seq', direction: 'asc', get: (d) => d.entry.seq };

function quotaMeta(ctx: RequestContext, now: number) {
	return { quota: { ...ctx.state.quickScan.quota(now) } };
}

function docs(ctx: RequestContext, now: number): ScanDoc[] {
	return ctx.state.quickScan.entries().map((entry) => ({ entry, status: now >= entry.doneAtMs ? 'done' : 'pending' }));
}

/** POST {samples: [sha256, …]}: one scan id, and the quota. */
export const scanSamples: Handler = (ctx) => {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new ApiError(400, 'The request body must be a JSON object: {"samples": ["<sha256>", …]}');
	}
	const samples = (body as Record<string, unknown>).samples;
	if (!Array.isArray(samples) || samples.length === 0) throw new ApiError(400, 'samples is required: a non-empty list of SHA256s');
	if (samples.length > MAX_SAMPLES_PER_SCAN) {
		throw new ApiError(400, `A scan may hold at most ${MAX_SAMPLES_PER_SCAN} samples, got ${samples.length}`);
	}
	for (const sha of samples) {
		if (typeof sha !== 'string' || !SHA256.test(sha)) {
			throw new ApiError(400, `Invalid sample '${String(sha)}': a sample is named by its SHA256 (64 hexadecimal characters)`);
		}
	}
	const now = Date.now();
	const entry = ctx.state.quickScan.submit(samples as string[], ctx.principal?.clientId ?? 'unknown', now);
	return ok(ctx, [entry.id], { meta: quotaMeta(ctx, now) });
};

/** GET ?ids=a,b: the scans (status pending or done, verdicts once done); unknown ids in errors. */
export const getScans: Handler = (ctx) => {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length === 0) throw new ApiError(400, 'ids is required');
	if (ids.length > MAX_IDS) throw new ApiError(400, `A maximum of ${MAX_IDS} ids is allowed per request`);
	const now = Date.now();
	const store = ctx.state.quickScan;
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const entry = store.entry(id);
		if (entry) resources.push(store.record(entry, now));
		else errors.push({ code: 404, message: `Scan with id '${id}' not found`, id });
	}
	return withStatus(ctx, resources.length > 0 ? 200 : 404, resources, errors, { meta: quotaMeta(ctx, now) });
};

/** GET ?filter&sort&offset&limit: scan ids, newest first unless sorted otherwise. */
export const querySubmissions: Handler = (ctx) => {
	const page = readPageParams(ctx.query, { defaultLimit: 100, maxLimit: MAX_QUERY_LIMIT, allowAfter: false });
	const now = Date.now();
	const predicate = compileFilter(ctx.query.string('filter'), SCAN_FIELDS);
	const sort = ctx.query.string('sort');
	// The API documents sort as a bare direction (asc|desc) on the submission time; field|direction works too.
	const sortText = sort && /^(asc|desc)$/i.test(sort.trim()) ? `created_timestamp.${sort.trim().toLowerCase()}` : sort;
	const specs = parseSort(sortText, SCAN_FIELDS, { defaultSort: 'created_timestamp.desc', tiebreaker: TIEBREAKER });
	const matching = docs(ctx, now).filter((d) => !predicate || predicate(d));
	// msa.Paging: offset, limit and total; no `after` cursor on this query.
	const result = pageSorted(sortDocs(matching, specs), specs, page, { after: false });
	return ok(
		ctx,
		result.items.map((d) => d.entry.id),
		{ pagination: result.pagination, meta: quotaMeta(ctx, now) },
	);
};

/** POST aggregate query body: aggregates over the scans. */
export const scansAggregates: Handler = (ctx) => {
	const specs = readAggregateBody(ctx.body);
	const now = Date.now();
	return ok(ctx, runAggregates(docs(ctx, now), specs, SCAN_FIELDS), { meta: quotaMeta(ctx, now) });
};

const poweredBy = 'mlscanner';

export const registerQuickScan: ServiceRegistrar = (router) => {
	router
		.post('/scanner/entities/scans/v1', scanSamples, { operation: 'ScanSamples', poweredBy, errorResources: [400, 500] })
		.get('/scanner/entities/scans/v1', getScans, { operation: 'GetScans', poweredBy, errorResources: [400, 404, 500] })
		.get('/scanner/queries/scans/v1', querySubmissions, { operation: 'QuerySubmissionsMixin0', poweredBy, errorResources: [400, 500] })
		.post('/scanner/aggregates/scans/GET/v1', scansAggregates, { operation: 'GetScansAggregates', poweredBy });
};
