/**
 * Handlers shared by IOC Management and the legacy IOCs API: which hosts saw an indicator,
 * which processes touched it, and process details.
 */
import { ApiError, type ErrorItem, ok, type Pagination, withStatus } from '../../core/envelope';
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

/**
 * How an indicator look-up pages and what its answer holds, per API:
 * - `detects` (IOC Management, api.DetectsQueryPaging): `offset` is an opaque cursor the previous
 *   page's `meta.pagination.offset` gives (absent, empty or "0" for the first page); an answer
 *   carries `{limit, offset}` (offset only while more remain) and no total. Device counts are
 *   api.DeviceCountV1 `{type, value, device_count, limit_exceeded}`.
 * - `iocapi` (the legacy custom-IOC API, iocapi.paginationMeta): numeric `offset`, and
 *   `{limit, offset, total}`; device counts are iocapi.IOCDevicesCount (with `id`).
 */
export type LookupStyle = 'detects' | 'iocapi';

const CURSOR_PREFIX = 'ro1:';

export function encodeRanOnCursor(offset: number): string {
	return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

function readLimit(ctx: RequestContext): number {
	return ctx.query.int('limit', { default: 100, min: 1, max: 1000 }) ?? 100;
}

function readCursor(ctx: RequestContext): number {
	const raw = ctx.query.string('offset');
	if (raw === undefined || raw.trim() === '' || raw.trim() === '0') return 0;
	const decoded = Buffer.from(raw.trim(), 'base64url').toString('utf8');
	const m = new RegExp(`^${CURSOR_PREFIX}(\\d+)$`).exec(decoded);
	if (!m) {
		throw new ApiError(400, `Invalid offset '${raw}': pass the meta.pagination.offset of the previous page (or nothing for the first page)`);
	}
	return Number(m[1]);
}

function page<T>(ctx: RequestContext, style: LookupStyle, items: readonly T[]): { items: T[]; pagination: Pagination } {
	const limit = readLimit(ctx);
	if (style === 'iocapi') {
		const offset = ctx.query.int('offset', { default: 0, min: 0 }) ?? 0;
		return pageArray(items, offset, limit);
	}
	const offset = readCursor(ctx);
	const slice = items.slice(offset, offset + limit);
	const next = offset + slice.length;
	return { items: slice, pagination: { limit, ...(next < items.length ? { offset: encodeRanOnCursor(next) } : {}) } };
}

/** GET device-count: the count; 404 (the 200 envelope, resources []) when no host saw it. */
export function deviceCountHandler(style: LookupStyle): Handler {
	return (ctx) => {
		const { type, value } = readIocParams(ctx);
		const count = devicesForIoc(ctx.state.devices, type, value).length;
		if (count === 0) {
			return withStatus(ctx, 404, [], [{ code: 404, message: `No results found for type '${type}' and value '${value}'` }]);
		}
		const record = { type, value, device_count: count, limit_exceeded: false };
		return ok(ctx, [style === 'iocapi' ? { id: `${type}:${value}`, ...record } : record]);
	};
}

/** GET devices ran on: device ids, a page at a time. */
export function devicesRanOnHandler(style: LookupStyle): Handler {
	return (ctx) => {
		const { type, value } = readIocParams(ctx);
		const found = page(ctx, style, devicesForIoc(ctx.state.devices, type, value));
		return ok(ctx, found.items, { pagination: found.pagination });
	};
}

/** GET processes ran on: process ids (`pid:<aid>:<n>`) on one device, a page at a time. */
export function processesRanOnHandler(style: LookupStyle): Handler {
	return (ctx) => {
		const { type, value } = readIocParams(ctx);
		const deviceId = ctx.query.required('device_id');
		const filename = ctx.state.iocs.findByValue(type, value)?.metadata.filename;
		const ids = ctx.state.processes.processesFor(type, value, deviceId, typeof filename === 'string' ? filename : undefined);
		const found = page(ctx, style, ids);
		return ok(ctx, found.items, { pagination: found.pagination });
	};
}

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
