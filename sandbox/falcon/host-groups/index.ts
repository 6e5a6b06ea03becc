/**
 * Host Group (service collection "Host Group"): search groups with their details
 * (`/devices/combined/host-groups/v1`), their ids (`/devices/queries/host-groups/v1`), get groups by
 * id (`/devices/entities/host-groups/v1`), list a group's members (ids or device records), and add
 * or remove hosts (`/devices/entities/host-group-actions/v1`). Offset paging, at most 500 per page.
 * Membership lives with the hosts (sandbox/falcon/hosts/store.ts).
 */
import { ApiError, type ErrorItem, ok, withStatus } from '../../core/envelope';
import { pageArray } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { deniedScope } from '../scopes';

export { HostGroupStore, type HostGroup } from './store';

const MAX_LIMIT = 500;
const MAX_IDS = 500;

function search(ctx: RequestContext) {
	const limit = ctx.query.int('limit', { default: 100, min: 1, max: MAX_LIMIT }) ?? 100;
	const offset = ctx.query.int('offset', { default: 0, min: 0 }) ?? 0;
	const docs = ctx.state.hostGroups.query(ctx.query.string('filter'), ctx.query.string('sort'));
	return pageArray(docs, offset, limit);
}

/** GET ?filter&sort&offset&limit: the matching groups with their details. */
export const queryCombinedHostGroups: Handler = (ctx) => {
	const page = search(ctx);
	return ok(ctx, page.items, { pagination: page.pagination });
};

/** GET ?filter&sort&offset&limit: the matching group ids. */
export const queryHostGroups: Handler = (ctx) => {
	const page = search(ctx);
	return ok(
		ctx,
		page.items.map((group) => group.id),
		{ pagination: page.pagination },
	);
};

/** GET ?ids=a&ids=b: the groups; unknown ids in errors (404 when none is found). */
export const getHostGroups: Handler = (ctx) => {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length === 0) throw new ApiError(400, 'ids is required');
	if (ids.length > MAX_IDS) throw new ApiError(400, `A maximum of ${MAX_IDS} ids is allowed per request`);
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const group = ctx.state.hostGroups.get(id);
		if (group) resources.push(group);
		else errors.push({ code: 404, message: `Host group with id '${id}' not found`, id });
	}
	return withStatus(ctx, resources.length > 0 ? 200 : 404, resources, errors);
};

const GROUP_ACTIONS = ['add-hosts', 'remove-hosts'] as const;
const MAX_MEMBERS_LIMIT = 5000;

function memberPage(ctx: RequestContext) {
	const id = ctx.query.required('id');
	if (!ctx.state.hostGroups.get(id)) throw new ApiError(404, `Host group with id '${id}' not found`);
	const limit = ctx.query.int('limit', { default: 100, min: 1, max: MAX_MEMBERS_LIMIT }) ?? 100;
	const offset = ctx.query.int('offset', { default: 0, min: 0 }) ?? 0;
	return pageArray(ctx.state.hosts.members(id.toLowerCase(), ctx.query.string('filter'), ctx.query.string('sort')), offset, limit);
}

/** GET ?id&filter&sort&offset&limit: the member device ids of a group (msa.QueryResponse). */
export const queryGroupMembers: Handler = (ctx) => {
	const page = memberPage(ctx);
	return ok(
		ctx,
		page.items.map((entry) => entry.device.device_id),
		{ pagination: page.pagination },
	);
};

/** GET ?id&filter&sort&offset&limit: the member device records of a group (host_groups.MembersRespV1). */
export const queryCombinedGroupMembers: Handler = (ctx) => {
	const page = memberPage(ctx);
	return ok(
		ctx,
		page.items.map((entry) => ctx.state.hosts.record(entry)),
		{ pagination: page.pagination },
	);
};

/**
 * POST ?action_name=add-hosts|remove-hosts {ids: [group], action_parameters: [{name: 'filter',
 * value: FQL}]}: the hosts the filter names join or leave the groups; answers the groups
 * (host_groups.RespV1).
 */
export const performGroupAction: Handler = (ctx) => {
	const action = ctx.query.required('action_name');
	if (!(GROUP_ACTIONS as readonly string[]).includes(action)) throw new ApiError(400, `Invalid action_name '${action}': allowed values are ${GROUP_ACTIONS.join(', ')}`);
	const denied = deniedScope(ctx, 'host-group:write');
	if (denied) return denied;
	const body = ctx.body as { ids?: unknown; action_parameters?: unknown } | undefined;
	if (typeof body !== 'object' || body === null || !Array.isArray(body.ids) || body.ids.length === 0) {
		throw new ApiError(400, 'ids is required: the host group IDs to act on');
	}
	const parameters = Array.isArray(body.action_parameters) ? (body.action_parameters as Array<{ name?: unknown; value?: unknown }>) : [];
	const filter = parameters.find((parameter) => parameter?.name === 'filter')?.value;
	if (typeof filter !== 'string' || filter.trim() === '') {
		throw new ApiError(400, "action_parameters must hold a 'filter' parameter naming the hosts, e.g. device_id:['<id>']");
	}
	const hosts = ctx.state.hosts.matching(filter);
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const raw of body.ids) {
		const id = String(raw);
		const group = ctx.state.hostGroups.get(id);
		if (!group) errors.push({ code: 404, message: `Host group with id '${id}' not found`, id });
		else if (group.group_type === 'dynamic') errors.push({ code: 400, message: `Hosts cannot be added to or removed from the dynamic host group '${group.name}': its assignment rule decides`, id });
		else {
			ctx.state.hosts.changeGroup(hosts, group.id, action === 'add-hosts');
			resources.push(group);
		}
	}
	const status = resources.length > 0 ? 200 : errors.every((error) => error.code === 404) ? 404 : 400;
	return withStatus(ctx, status, resources, errors);
};

const poweredBy = 'devices';

export const registerHostGroups: ServiceRegistrar = (router) => {
	router
		.get('/devices/combined/host-groups/v1', queryCombinedHostGroups, { operation: 'queryCombinedHostGroups', poweredBy, errorResources: [400, 500] })
		.get('/devices/queries/host-groups/v1', queryHostGroups, { operation: 'queryHostGroups', poweredBy, errorResources: [400, 500] })
		.get('/devices/entities/host-groups/v1', getHostGroups, { operation: 'getHostGroups', poweredBy, errorResources: [400, 404, 500] })
		.get('/devices/queries/host-group-members/v1', queryGroupMembers, { operation: 'queryGroupMembers', poweredBy, errorResources: [400, 404, 500] })
		.get('/devices/combined/host-group-members/v1', queryCombinedGroupMembers, { operation: 'queryCombinedGroupMembers', poweredBy, errorResources: [400, 404, 500] })
		.post('/devices/entities/host-group-actions/v1', performGroupAction, { operation: 'performGroupAction', poweredBy, errorResources: [400, 404, 500] });
};
