/** action_query_v1 / action_get_v1, ioc_type_query_v1, platform_query_v1, severity_query_v1. */
import { ApiError, type ErrorItem, ok, withStatus } from '../../core/envelope';
import { pageArray } from '../../core/paging';
import type { Handler } from '../../core/router';
import { ACTION_RECORDS, ACTIONS, IOC_TYPES, PLATFORMS, SEVERITIES } from './model';

function listHandler(values: readonly string[]): Handler {
	return (ctx) => {
		const limit = ctx.query.int('limit', { default: 100, min: 1, max: 500 }) ?? 100;
		const offset = ctx.query.int('offset', { default: 0, min: 0 }) ?? 0;
		const page = pageArray(values, offset, limit);
		return ok(ctx, page.items, { pagination: page.pagination });
	};
}

export const actionQuery = listHandler(ACTIONS);
export const iocTypeQuery = listHandler(IOC_TYPES);
export const platformQuery = listHandler(PLATFORMS);
export const severityQuery = listHandler(SEVERITIES);

/** GET /iocs/entities/actions/v1?ids=…: api.ActionV1 `{id, platforms_by_type, severities}` per action. */
export const actionGet: Handler = (ctx) => {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length === 0) throw new ApiError(400, 'ids is required');
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const record = (ACTION_RECORDS as Record<string, (typeof ACTION_RECORDS)[keyof typeof ACTION_RECORDS]>)[id];
		if (record) resources.push({ id, platforms_by_type: record.platforms_by_type, severities: record.severities });
		else errors.push({ code: 404, message: `Action '${id}' not found`, id });
	}
	if (resources.length === 0) return withStatus(ctx, 404, [], errors);
	return ok(ctx, resources, undefined, errors);
};
