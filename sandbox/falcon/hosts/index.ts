/**
 * Hosts (service collection "Hosts"): query device IDs (by offset, by scroll, hidden ones), device
 * records by ID, online state, and the device actions (contain, lift containment, hide, unhide).
 */
import { ApiError, type ErrorItem, ok, withStatus } from '../../core/envelope';
import { readPageParams } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { deniedScope } from '../scopes';
import { ACTION_MAX_IDS, DEVICE_ACTIONS, MAX_DETAILS_IDS, MAX_ONLINE_STATE_IDS, MAX_QUERY_LIMIT, type DeviceActionName } from './model';

export { HostStore, type HostEntry } from './store';

export const DEVICE_ID = /^[a-f0-9]{32}$/i;

function checkIds(ids: string[], max: number): string[] {
	if (ids.length === 0) throw new ApiError(400, 'ids is required: a non-empty list of device IDs');
	if (ids.length > max) throw new ApiError(400, `A maximum of ${max} ids is allowed per request, got ${ids.length}`);
	for (const id of ids) if (!DEVICE_ID.test(id)) throw new ApiError(400, `Invalid device id '${id}': expected 32 hexadecimal characters`);
	return ids.map((id) => id.toLowerCase());
}

function bodyIds(ctx: RequestContext, max: number): string[] {
	const body = ctx.body as { ids?: unknown } | undefined;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'The request body must be a JSON object: {"ids": ["<device id>", …]}');
	if (!Array.isArray(body.ids) || !body.ids.every((id) => typeof id === 'string')) throw new ApiError(400, 'ids is required: a list of device IDs');
	return checkIds([...new Set(body.ids.map((id: string) => id.trim()).filter((id: string) => id !== ''))], max);
}

/** GET ?filter&sort&offset&limit: IDs of visible (or hidden) hosts, msa.QueryResponse. */
function queryIds(hidden: boolean): Handler {
	return (ctx) => {
		const denied = deniedScope(ctx, 'devices:read');
		if (denied) return denied;
		const page = readPageParams(ctx.query, { defaultLimit: 100, maxLimit: MAX_QUERY_LIMIT, maxWindow: 10_000, allowAfter: false });
		const offset = page.offset ?? 0;
		const found = ctx.state.hosts.query(ctx.query.string('filter'), ctx.query.string('sort'), hidden);
		const ids = found.slice(offset, offset + page.limit).map((entry) => entry.device.device_id);
		return ok(ctx, ids, { pagination: { offset, limit: page.limit, total: found.length } });
	};
}

/** GET ?filter&sort&limit&offset=<cursor>: deviceapi.DeviceResponse, the next cursor in meta.pagination.offset. */
const queryScroll: Handler = (ctx) => {
	const denied = deniedScope(ctx, 'devices:read');
	if (denied) return denied;
	const limit = ctx.query.int('limit', { default: 100, min: 1, max: 10_000 }) ?? 100;
	const page = ctx.state.hosts.scroll(ctx.query.string('offset'), ctx.query.string('filter'), ctx.query.string('sort'), limit);
	return ok(ctx, page.ids, { pagination: { offset: page.offset, limit, total: page.total, expires_at: page.expiresAt } });
};

/** The records of known IDs; unknown IDs in errors. Always 200, as the spec declares. */
function details(ctx: RequestContext, ids: string[]) {
	const denied = deniedScope(ctx, 'devices:read');
	if (denied) return denied;
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const entry = ctx.state.hosts.entry(id);
		if (entry) resources.push(ctx.state.hosts.record(entry));
		else errors.push({ code: 404, message: `Device '${id}' not found`, id });
	}
	return ok(ctx, resources, undefined, errors);
}

/** POST {ids}: PostDeviceDetailsV2, up to 5000 IDs. */
const postDeviceDetails: Handler = (ctx) => details(ctx, bodyIds(ctx, MAX_DETAILS_IDS));

/** GET ?ids=…: GetDeviceDetailsV2, up to 100 IDs. */
const getDeviceDetails: Handler = (ctx) => details(ctx, checkIds(ctx.query.uniqueStrings('ids'), 100));

/** GET ?ids=…: state.OnlineStateResultV1 `{cid, id, last_seen, state}` per known device. */
const onlineState: Handler = (ctx) => {
	const denied = deniedScope(ctx, 'devices:read');
	if (denied) return denied;
	const ids = checkIds(ctx.query.uniqueStrings('ids'), MAX_ONLINE_STATE_IDS);
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const entry = ctx.state.hosts.entry(id);
		if (!entry) {
			errors.push({ code: 404, message: `Device '${id}' not found`, id });
			continue;
		}
		const lastSeen = entry.online === 'online' ? new Date().toISOString() : entry.device.last_seen;
		resources.push({ cid: entry.device.cid.toLowerCase(), id: entry.device.device_id, last_seen: lastSeen, state: entry.online });
	}
	return ok(ctx, resources, undefined, errors);
};

/**
 * POST ?action_name=… {ids}: msa.ReplyAffectedEntities. 202 when the action was accepted for any
 * device (the others in errors), 409 when every device was in a conflicting state, 400 otherwise.
 */
const performAction: Handler = (ctx) => {
	const action = ctx.query.required('action_name') as DeviceActionName;
	if (!(DEVICE_ACTIONS as readonly string[]).includes(action)) {
		throw new ApiError(400, `Invalid action_name '${action}': allowed values are ${DEVICE_ACTIONS.join(', ')}`);
	}
	const denied = deniedScope(ctx, 'devices:write');
	if (denied) return denied;
	const ids = bodyIds(ctx, ACTION_MAX_IDS[action]);
	const outcome = ctx.state.hosts.act(ids, action, ctx.principal?.clientId ?? 'unknown');
	const resources = outcome.accepted.map((id) => ({ id, path: `/devices/entities/devices/v2?ids=${id}` }));
	let status = 202;
	if (outcome.accepted.length === 0) status = outcome.errors.every((error) => error.code === 409) ? 409 : 400;
	return withStatus(ctx, status, resources, outcome.errors);
};

const poweredBy = 'device-api';

export const registerHosts: ServiceRegistrar = (router) => {
	router
		.get('/devices/queries/devices-scroll/v1', queryScroll, { operation: 'QueryDevicesByFilterScroll', poweredBy })
		.get('/devices/queries/devices/v1', queryIds(false), { operation: 'QueryDevicesByFilter', poweredBy })
		.get('/devices/queries/devices-hidden/v1', queryIds(true), { operation: 'QueryHiddenDevices', poweredBy })
		.post('/devices/entities/devices/v2', postDeviceDetails, { operation: 'PostDeviceDetailsV2', poweredBy })
		.get('/devices/entities/devices/v2', getDeviceDetails, { operation: 'GetDeviceDetailsV2', poweredBy })
		.get('/devices/entities/online-state/v1', onlineState, { operation: 'GetOnlineState.V1', poweredBy, errorResources: [400] })
		.post('/devices/entities/devices-actions/v2', performAction, { operation: 'PerformActionV2', poweredBy, errorResources: [400, 409, 500] });
};
