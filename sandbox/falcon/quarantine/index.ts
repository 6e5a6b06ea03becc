/**
 * Quarantine (service collection "Quarantine"): query, get, act on quarantined files by IDs or by
 * query, count what an action would touch (ActionUpdateCount), aggregate.
 */
import { readAggregateBody, runAggregates } from '../../core/aggregate';
import { ApiError, type ErrorItem, metaOnly, ok, withStatus } from '../../core/envelope';
import { pageSorted, readPageParams } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { QUARANTINE_FIELDS } from './fields';
import { MAX_IDS_PER_REQUEST, MAX_QUERY_LIMIT, QUARANTINE_ACTIONS, type QuarantineAction } from './model';

export const QUARANTINE_ID = /^[a-f0-9]{32}_[a-f0-9]{64}$/i;

function jsonObject(ctx: RequestContext, example: string): Record<string, unknown> {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new ApiError(400, `The request body must be a JSON object: ${example}`);
	}
	return body as Record<string, unknown>;
}

function bodyIds(body: Record<string, unknown>): string[] {
	const raw = body.ids;
	const ids = typeof raw === 'string' ? raw.split(',') : raw;
	if (!Array.isArray(ids) || ids.length === 0) throw new ApiError(400, 'ids is required: a non-empty list of quarantine ids');
	const list = [...new Set(ids.map((id) => String(id).trim()).filter((id) => id !== ''))];
	if (list.length > MAX_IDS_PER_REQUEST) throw new ApiError(400, `A maximum of ${MAX_IDS_PER_REQUEST} ids is allowed per request, got ${list.length}`);
	for (const id of list) {
		if (!QUARANTINE_ID.test(id)) throw new ApiError(400, `Invalid quarantine id '${id}': expected <32 hex device id>_<64 hex sha256>`);
	}
	return list;
}

function readAction(body: Record<string, unknown>): { action: QuarantineAction; comment?: string } {
	const action = body.action;
	if (typeof action !== 'string' || !(QUARANTINE_ACTIONS as readonly string[]).includes(action)) {
		throw new ApiError(400, `Invalid action '${String(action ?? '')}': allowed values are ${QUARANTINE_ACTIONS.join(', ')}`);
	}
	if (body.comment !== undefined && body.comment !== null && typeof body.comment !== 'string') throw new ApiError(400, 'comment must be a string');
	return { action: action as QuarantineAction, ...(typeof body.comment === 'string' && body.comment !== '' ? { comment: body.comment } : {}) };
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.map(String).join(',');
	if (typeof value !== 'string') throw new ApiError(400, `${name} must be a string`);
	return value.trim() === '' ? undefined : value;
}

/** GET ?filter&q&sort&offset&limit: quarantine ids. */
export const queryQuarantineFiles: Handler = (ctx) => {
	const page = readPageParams(ctx.query, { defaultLimit: 100, maxLimit: MAX_QUERY_LIMIT, allowAfter: false });
	const filter = ctx.query.string('filter');
	const { result, specs } = ctx.state.quarantine.query(filter === '*' ? undefined : filter, ctx.query.string('q'), ctx.query.string('sort'));
	// msa.Paging: offset, limit and total; no `after` cursor on this query.
	const found = pageSorted(result, specs, page, { after: false });
	return ok(
		ctx,
		found.items.map((e) => e.doc.id),
		{ pagination: found.pagination },
	);
};

/** POST {ids}: the files; unknown ids in errors (404 when none is found). */
export const getQuarantineFiles: Handler = (ctx) => {
	const ids = bodyIds(jsonObject(ctx, '{"ids": ["<id>", …]}'));
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const doc = ctx.state.quarantine.get(id);
		if (doc) resources.push(doc);
		else errors.push({ code: 404, message: `Quarantined file with id '${id}' not found`, id });
	}
	return withStatus(ctx, resources.length > 0 ? 200 : 404, resources, errors);
};

/**
 * PATCH {action, comment, ids}: msa.ReplyMetaOnly, meta and per-id errors only (no resources):
 * an id without an error is one the action applies to (or already did).
 */
export const updateByIds: Handler = (ctx) => {
	const body = jsonObject(ctx, '{"action": "release|unrelease|delete", "comment": "…", "ids": ["<id>", …]}');
	if (ctx.query.has('action')) throw new ApiError(400, 'action belongs in the request body, not in the query string');
	const { action, comment } = readAction(body);
	const ids = bodyIds(body);
	const outcome = ctx.state.quarantine.applyByIds(ids, action, comment, ctx.principal?.clientId ?? 'unknown', Date.now());
	let status = 200;
	if (outcome.ids.length === 0 && outcome.errors.length > 0) status = outcome.errors.every((e) => e.code === 404) ? 404 : 400;
	return metaOnly(ctx, status, outcome.errors);
};

/** PATCH {action, comment, filter, q}: the action on every matching file it applies to; msa.ReplyMetaOnly. */
export const updateByQuery: Handler = (ctx) => {
	const body = jsonObject(ctx, '{"action": "release|unrelease|delete", "comment": "…", "filter": "<FQL>", "q": "…"}');
	if (ctx.query.has('action')) throw new ApiError(400, 'action belongs in the request body, not in the query string');
	const { action, comment } = readAction(body);
	const filter = optionalString(body, 'filter');
	const q = optionalString(body, 'q');
	if (filter === undefined && q === undefined) throw new ApiError(400, 'filter or q is required');
	const outcome = ctx.state.quarantine.applyByQuery(filter === '*' ? undefined : filter, q, action, comment, ctx.principal?.clientId ?? 'unknown', Date.now());
	return metaOnly(ctx, 200, outcome.errors);
};

/**
 * GET ?filter=…: per action, how many matching files it would change, as msa.AggregatesResponse:
 * one aggregation result per action, named after it, whose one bucket (labelled the same) holds the count.
 */
export const actionUpdateCount: Handler = (ctx) => {
	const filter = ctx.query.required('filter');
	const counts = ctx.state.quarantine.actionCounts(filter === '*' ? undefined : filter);
	return ok(
		ctx,
		counts.map(({ name, count }) => ({ name, buckets: [{ label: name, count }] })),
	);
};

/** POST aggregate query body: aggregates over the quarantined files. */
export const aggregateFiles: Handler = (ctx) => {
	const specs = readAggregateBody(ctx.body);
	return ok(ctx, runAggregates(ctx.state.quarantine.all(), specs, QUARANTINE_FIELDS));
};

const poweredBy = 'quarantine-api';

export const registerQuarantine: ServiceRegistrar = (router) => {
	router
		.get('/quarantine/queries/quarantined-files/v1', queryQuarantineFiles, { operation: 'QueryQuarantineFiles', poweredBy })
		.post('/quarantine/entities/quarantined-files/GET/v1', getQuarantineFiles, { operation: 'GetQuarantineFiles', poweredBy, errorResources: [404] })
		.patch('/quarantine/entities/quarantined-files/v1', updateByIds, { operation: 'UpdateQuarantinedDetectsByIds', poweredBy })
		.patch('/quarantine/queries/quarantined-files/v1', updateByQuery, { operation: 'UpdateQfByQuery', poweredBy })
		.get('/quarantine/aggregates/action-update-count/v1', actionUpdateCount, { operation: 'ActionUpdateCount', poweredBy })
		.post('/quarantine/aggregates/quarantined-files/GET/v1', aggregateFiles, { operation: 'GetAggregateFiles', poweredBy });
};
