/**
 * Alerts v2 (service collection "Alerts"): the combined search with the `after` cursor, alerts by
 * composite ID, updates by `action_parameters`, aggregates.
 */
import { readAggregateBody, runAggregates } from '../../core/aggregate';
import { ApiError, buildMeta, type ErrorItem, ok, reply } from '../../core/envelope';
import { pageSorted } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { deniedScope } from '../scopes';
import { ALERT_ACTIONS, ALERT_STATUSES, MAX_ALERT_IDS, MAX_COMBINED_LIMIT, type AlertActionName } from './model';
import { ALERT_FIELDS, type AlertEntry } from './store';

export { AlertStore, type AlertEntry, type NewAlert } from './store';

function jsonObject(ctx: RequestContext, example: string): Record<string, unknown> {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, `The request body must be a JSON object: ${example}`);
	return body as Record<string, unknown>;
}

function compositeIds(body: Record<string, unknown>): string[] {
	const raw = body.composite_ids;
	if (!Array.isArray(raw) || raw.length === 0 || !raw.every((id) => typeof id === 'string' && id.trim() !== '')) {
		throw new ApiError(400, 'composite_ids is required: a non-empty list of alert composite IDs');
	}
	const ids = [...new Set(raw.map((id: string) => id.trim()))];
	if (ids.length > MAX_ALERT_IDS) throw new ApiError(400, `A maximum of ${MAX_ALERT_IDS} composite_ids is allowed per request, got ${ids.length}`);
	return ids;
}

/** Whether an alert shows with `include_hidden` as the request gives it (default true). */
function visible(ctx: RequestContext): (entry: AlertEntry) => boolean {
	const includeHidden = ctx.query.bool('include_hidden', true);
	return (entry) => includeHidden === true || entry.doc.show_in_ui;
}

/** POST {filter, sort, limit, after}: whole alerts, `meta.pagination` {after, limit, total}. */
const combined: Handler = (ctx) => {
	const denied = deniedScope(ctx, 'alerts:read');
	if (denied) return denied;
	const body = ctx.body === undefined ? {} : jsonObject(ctx, '{"filter": "<FQL>", "sort": "created_timestamp|desc", "limit": 100, "after": "<token>"}');
	const limit = body.limit ?? 100;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_COMBINED_LIMIT) {
		throw new ApiError(400, `limit must be an integer from 1 to ${MAX_COMBINED_LIMIT}`);
	}
	const text = (name: string) => {
		const value = body[name];
		if (value !== undefined && value !== null && typeof value !== 'string') throw new ApiError(400, `${name} must be a string`);
		return typeof value === 'string' && value.trim() !== '' ? value : undefined;
	};
	const filter = text('filter');
	const { result, specs } = ctx.state.alerts.query(filter === '*' ? undefined : filter, text('sort'));
	const shown = visible(ctx);
	const kept = result.docs.map((entry, index) => ({ entry, index })).filter(({ entry }) => shown(entry));
	const page = pageSorted({ docs: kept.map(({ entry }) => entry), keyAt: (position) => result.keyAt(kept[position].index) }, specs, { limit, after: text('after') });
	const { after, total } = page.pagination;
	return ok(
		ctx,
		page.items.map((entry) => entry.doc),
		{ pagination: { limit, total, ...(after ? { after } : {}) } },
	);
};

/** POST {composite_ids}: the alerts; unknown IDs in errors. */
const getAlerts: Handler = (ctx) => {
	const denied = deniedScope(ctx, 'alerts:read');
	if (denied) return denied;
	const ids = compositeIds(jsonObject(ctx, '{"composite_ids": ["<composite id>", …]}'));
	const shown = visible(ctx);
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const entry = ctx.state.alerts.get(id);
		if (entry && shown(entry)) resources.push(entry.doc);
		else errors.push({ code: 404, message: `Alert with composite id '${id}' not found`, id });
	}
	return ok(ctx, resources, undefined, errors);
};

/** detectsapi.ResponseFields: meta and errors only. */
function fields(ctx: RequestContext, status: number, errors: ErrorItem[]) {
	return reply(status, { meta: buildMeta(ctx), errors });
}

function readActions(body: Record<string, unknown>): Array<{ name: AlertActionName; value: string }> {
	const raw = body.action_parameters;
	if (!Array.isArray(raw) || raw.length === 0) throw new ApiError(400, 'action_parameters is required: a non-empty list of {name, value}');
	return raw.map((parameter: unknown) => {
		const { name, value } = (parameter ?? {}) as { name?: unknown; value?: unknown };
		if (typeof name !== 'string' || !(ALERT_ACTIONS as readonly string[]).includes(name)) {
			throw new ApiError(400, `Invalid action parameter name '${String(name)}': allowed values are ${ALERT_ACTIONS.join(', ')}`);
		}
		if (typeof value !== 'string') throw new ApiError(400, `The value of action parameter '${name}' must be a string`);
		if (name === 'update_status' && !(ALERT_STATUSES as readonly string[]).includes(value)) {
			throw new ApiError(400, `Invalid status '${value}': allowed values are ${ALERT_STATUSES.join(', ')}`);
		}
		if (name !== 'unassign' && name !== 'show_in_ui' && value.trim() === '') throw new ApiError(400, `The value of action parameter '${name}' is required`);
		return { name: name as AlertActionName, value };
	});
}

/** PATCH {composite_ids, action_parameters}: 200 when any alert was updated (unknown IDs in errors), 400 otherwise. */
const updateAlerts: Handler = (ctx) => {
	const denied = deniedScope(ctx, 'alerts:write');
	if (denied) return denied;
	let ids: string[];
	let actions: Array<{ name: AlertActionName; value: string }>;
	try {
		const body = jsonObject(ctx, '{"composite_ids": ["<composite id>"], "action_parameters": [{"name": "update_status", "value": "in_progress"}]}');
		ids = compositeIds(body);
		actions = readActions(body);
	} catch (error) {
		if (error instanceof ApiError) return fields(ctx, error.status, error.errors);
		throw error;
	}
	const outcome = ctx.state.alerts.update(ids, actions, ctx.principal?.clientId ?? 'unknown');
	return fields(ctx, outcome.updated.length > 0 ? 200 : 400, outcome.errors);
};

/** POST [aggregate queries]: detectsapi.AggregatesResponse. */
const aggregate: Handler = (ctx) => {
	const denied = deniedScope(ctx, 'alerts:read');
	if (denied) return denied;
	const specs = readAggregateBody(ctx.body);
	const shown = visible(ctx);
	return ok(ctx, runAggregates(ctx.state.alerts.all().filter(shown), specs, ALERT_FIELDS));
};

const poweredBy = 'detectsapi';

export const registerAlerts: ServiceRegistrar = (router) => {
	router
		.post('/alerts/combined/alerts/v1', combined, { operation: 'PostCombinedAlertsV1', poweredBy, errorResources: [400, 500] })
		.post('/alerts/entities/alerts/v2', getAlerts, { operation: 'GetV2', poweredBy, errorResources: [400, 500] })
		.patch('/alerts/entities/alerts/v3', updateAlerts, { operation: 'UpdateV3', poweredBy })
		.post('/alerts/aggregates/alerts/v2', aggregate, { operation: 'GetAggregateV2', poweredBy, errorResources: [400, 500] });
};
