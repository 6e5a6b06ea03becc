/** indicator_get_v1, indicator_create_v1, indicator_update_v1, indicator_delete_v1. */
import { ApiError, type ErrorItem, fail, withStatus } from '../../core/envelope';
import type { Handler, RequestContext } from '../../core/router';
import { MAX_IDS_PER_REQUEST, MAX_INDICATORS_PER_REQUEST } from './model';
import { isObject } from './validation';

function actor(ctx: RequestContext): string {
	return ctx.principal?.clientId ?? 'unknown';
}

function readIds(ctx: RequestContext): string[] {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length > MAX_IDS_PER_REQUEST) {
		throw new ApiError(400, `A maximum of ${MAX_IDS_PER_REQUEST} ids is allowed per request`);
	}
	return ids;
}

/** GET ?ids=…: found indicators in resources, unknown ids in errors (404 when none is found). */
export const indicatorGet: Handler = (ctx) => {
	const ids = readIds(ctx);
	if (ids.length === 0) throw new ApiError(400, 'ids is required');
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const doc = ctx.state.iocs.get(id);
		if (doc) resources.push(doc);
		else errors.push({ code: 404, message: `Indicator with id '${id}' not found`, id });
	}
	return withStatus(ctx, resources.length > 0 ? 200 : 404, resources, errors);
};

/** POST {comment, indicators: […]}: 201 when at least one was created; per-indicator errors. */
export const indicatorCreate: Handler = (ctx) => {
	ctx.query.bool('retrodetects');
	ctx.query.bool('ignore_warnings');
	const body = ctx.body;
	if (!isObject(body)) throw new ApiError(400, 'The request body must be a JSON object: {"comment": "…", "indicators": [ … ]}');
	const indicators = body.indicators;
	if (!Array.isArray(indicators) || indicators.length === 0) throw new ApiError(400, 'indicators is required: a non-empty list');
	if (indicators.length > MAX_INDICATORS_PER_REQUEST) {
		throw new ApiError(400, `A maximum of ${MAX_INDICATORS_PER_REQUEST} indicators can be created per request, got ${indicators.length}`);
	}
	if (body.comment !== undefined && typeof body.comment !== 'string') throw new ApiError(400, 'comment must be a string');
	const outcome = ctx.state.iocs.create(indicators, actor(ctx), Date.now());
	// 201 (api.IndicatorRespV1) when any was created; 400 (msaspec.ResponseFields: meta + errors) when none was.
	if (outcome.written === 0) return fail(ctx, 400, outcome.errors);
	return withStatus(ctx, 201, outcome.resources, outcome.errors);
};

/** PATCH {comment, indicators: [{id, …}], bulk_update: {filter, …}}. */
export const indicatorUpdate: Handler = (ctx) => {
	ctx.query.bool('retrodetects');
	ctx.query.bool('ignore_warnings');
	const body = ctx.body;
	if (!isObject(body)) throw new ApiError(400, 'The request body must be a JSON object: {"comment": "…", "indicators": [{"id": "…", …}]}');
	const indicators = body.indicators ?? [];
	if (!Array.isArray(indicators)) throw new ApiError(400, 'indicators must be a list');
	if (indicators.length > MAX_INDICATORS_PER_REQUEST) {
		throw new ApiError(400, `A maximum of ${MAX_INDICATORS_PER_REQUEST} indicators can be updated per request, got ${indicators.length}`);
	}
	let bulk: Record<string, unknown> | undefined;
	if (body.bulk_update !== undefined && body.bulk_update !== null) {
		if (!isObject(body.bulk_update)) throw new ApiError(400, 'bulk_update must be an object');
		if (typeof body.bulk_update.filter !== 'string' || body.bulk_update.filter.trim() === '') {
			throw new ApiError(400, 'bulk_update.filter is required');
		}
		bulk = body.bulk_update;
		// Refuse a bad filter before anything is written.
		ctx.state.iocs.query(body.bulk_update.filter, undefined, undefined, Date.now());
	}
	if (indicators.length === 0 && !bulk) throw new ApiError(400, 'indicators or bulk_update is required');
	const outcome = ctx.state.iocs.update(indicators, bulk, actor(ctx), Date.now());
	// 200 when any was updated; when none was, 404 (the 200 envelope, resources []) if every id was
	// unknown, else 400 (meta + errors).
	if (outcome.written === 0 && outcome.errors.length > 0) {
		return outcome.errors.every((e) => e.code === 404) ? withStatus(ctx, 404, [], outcome.errors) : fail(ctx, 400, outcome.errors);
	}
	return withStatus(ctx, 200, outcome.resources, outcome.errors);
};

/** DELETE ?ids=… or ?filter=… (filter wins): deleted ids in resources. */
export const indicatorDelete: Handler = (ctx) => {
	const filter = ctx.query.string('filter');
	const store = ctx.state.iocs;
	const now = Date.now();
	if (filter !== undefined) {
		const deleted: string[] = [];
		for (const e of store.matching(filter, now, ctx.query.bool('from_parent'))) {
			if (store.remove(e.doc.id)) deleted.push(e.doc.id);
		}
		return withStatus(ctx, 200, deleted, []);
	}
	const ids = readIds(ctx);
	if (ids.length === 0) throw new ApiError(400, 'ids or filter is required');
	const deleted: string[] = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		if (store.remove(id)) deleted.push(id);
		else errors.push({ code: 404, message: `Indicator with id '${id}' not found`, id });
	}
	return withStatus(ctx, deleted.length > 0 ? 200 : 404, deleted, errors);
};
