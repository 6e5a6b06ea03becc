/**
 * Host Group (service collection "Host Group"), the read side: search groups with their details
 * (`/devices/combined/host-groups/v1`), their ids (`/devices/queries/host-groups/v1`), and get
 * groups by id (`/devices/entities/host-groups/v1`). Offset paging, at most 500 per page.
 */
import { ApiError, type ErrorItem, ok, withStatus } from '../../core/envelope';
import { pageArray } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import type { ServiceRegistrar } from '../../types';

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

const poweredBy = 'devices';

export const registerHostGroups: ServiceRegistrar = (router) => {
	router
		.get('/devices/combined/host-groups/v1', queryCombinedHostGroups, { operation: 'queryCombinedHostGroups', poweredBy, errorResources: [400, 500] })
		.get('/devices/queries/host-groups/v1', queryHostGroups, { operation: 'queryHostGroups', poweredBy, errorResources: [400, 500] })
		.get('/devices/entities/host-groups/v1', getHostGroups, { operation: 'getHostGroups', poweredBy, errorResources: [400, 404, 500] });
};
