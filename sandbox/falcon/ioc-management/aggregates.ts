/** indicator_aggregate_v1 and GetIndicatorsReport. */
import { readAggregateBody, runAggregates } from '../../core/aggregate';
import { ApiError, ok } from '../../core/envelope';
import type { Handler } from '../../core/router';
import { INDICATOR_FIELDS } from './fields';
import { isObject } from './validation';

/** POST /iocs/aggregates/indicators/v1?filter=…: aggregate query body over matching indicators. */
export const indicatorAggregate: Handler = (ctx) => {
	const specs = readAggregateBody(ctx.body);
	const { result } = ctx.state.iocs.query(ctx.query.string('filter'), undefined, ctx.query.bool('from_parent'), Date.now());
	return ok(ctx, runAggregates(result.docs, specs, INDICATOR_FIELDS));
};

export const REPORT_FORMATS = ['csv', 'json'];

/** POST /iocs/entities/indicators-reports/v1 {report_format, search: {filter, query, sort}}: a report resource. */
export const indicatorsReport: Handler = (ctx) => {
	const body = ctx.body ?? {};
	if (!isObject(body)) throw new ApiError(400, 'The request body must be a JSON object');
	const format = body.report_format === undefined ? 'csv' : body.report_format;
	if (typeof format !== 'string' || !REPORT_FORMATS.includes(format)) {
		throw new ApiError(400, `Invalid report_format '${String(format)}': use ${REPORT_FORMATS.join(' or ')}`);
	}
	const search = isObject(body.search) ? body.search : {};
	const filter = typeof search.filter === 'string' ? search.filter : '';
	const sort = typeof search.sort === 'string' && search.sort !== '' ? search.sort : undefined;
	const report = ctx.state.iocs.createReport(filter, sort, format, ctx.principal?.clientId ?? 'unknown', Date.now());
	return ok(ctx, [report]);
};
