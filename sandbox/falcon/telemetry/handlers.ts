/**
 * Handlers shared by IOC Management and the legacy IOCs API: which hosts saw an indicator,
 * which processes touched it, and process details.
 */
import { ApiError, type ErrorItem, ok, withStatus } from '../../core/envelope';
import { pageArray } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import { IOC_TYPES, type IocType } from '../ioc-management/model';
import { canonicalValue, valueRule } from '../ioc-management/validation';
import { devicesForIoc } from './sightings';

export const TELEMETRY_POWERED_BY = 'ioc-manager';

/** type + value query parameters, validated like the API does. */
export function readIocParams(ctx: RequestContext): { type: IocType; value: string } {
	const rawType = ctx.query.required('type').toLowerCase();
	if (!(IOC_TYPES as readonly string[]).includes(rawType)) {
		throw new ApiError(400, `Invalid type '${rawType}': valid types are ${IOC_TYPES.join(', ')}`);
	}
	const type = rawType as IocType;
	const raw = ctx.query.required('value');
	const value = canonicalValue(type, raw);
	if (value === undefined) throw new ApiError(400, `Invalid value '${raw}' for type '${type}': ${valueRule(type)}`);
	return { type, value };
}

function readOffsetLimit(ctx: RequestContext): { offset: number; limit: number } {
	const limit = ctx.query.int('limit', { default: 100, min: 1, max: 1000 }) ?? 100;
	const offset = ctx.query.int('offset', { default: 0, min: 0 }) ?? 0;
	return { offset, limit };
}

/** GET device-count: `{id: "<type>:<value>", type, value, device_count}`; 404 when no host saw it. */
export const deviceCount: Handler = (ctx) => {
	const { type, value } = readIocParams(ctx);
	const count = devicesForIoc(ctx.state.devices, type, value).length;
	if (count === 0) {
		return withStatus(ctx, 404, [], [{ code: 404, message: `No results found for type '${type}' and value '${value}'` }]);
	}
	return ok(ctx, [{ id: `${type}:${value}`, type, value, device_count: count, limit_exceeded: false }]);
};

/** GET devices ran on: device ids, offset/limit paging. */
export const devicesRanOn: Handler = (ctx) => {
	const { type, value } = readIocParams(ctx);
	const { offset, limit } = readOffsetLimit(ctx);
	const page = pageArray(devicesForIoc(ctx.state.devices, type, value), offset, limit);
	return ok(ctx, page.items, { pagination: page.pagination });
};

/** GET processes ran on: process ids (`pid:<aid>:<n>`) on one device, offset/limit paging. */
export const processesRanOn: Handler = (ctx) => {
	const { type, value } = readIocParams(ctx);
	const deviceId = ctx.query.required('device_id');
	const { offset, limit } = readOffsetLimit(ctx);
	const filename = ctx.state.iocs.findByValue(type, value)?.metadata.filename;
	const ids = ctx.state.processes.processesFor(type, value, deviceId, typeof filename === 'string' ? filename : undefined);
	const page = pageArray(ids, offset, limit);
	return ok(ctx, page.items, { pagination: page.pagination });
};

/** GET /processes/entities/processes/v1?ids=…: process details; unknown ids in errors. */
export const entitiesProcesses: Handler = (ctx) => {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length === 0) throw new ApiError(400, 'ids is required');
	const resources = [];
	const errors: ErrorItem[] = [];
	for (const id of ids) {
		const rec = ctx.state.processes.get(id);
		if (rec) resources.push(rec);
		else errors.push({ code: 404, message: `Process '${id}' not found`, id });
	}
	return withStatus(ctx, resources.length > 0 ? 200 : 404, resources, errors);
};
