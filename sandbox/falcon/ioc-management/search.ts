/** indicator_combined_v1 and indicator_search_v1: filter, sort, offset/limit or `after` cursor. */
import { ok } from '../../core/envelope';
import { pageSorted, readPageParams } from '../../core/paging';
import type { Handler, RequestContext } from '../../core/router';
import { DEFAULT_SEARCH_LIMIT, MAX_OFFSET_WINDOW, MAX_SEARCH_LIMIT } from './model';

function searchPage(ctx: RequestContext) {
	const page = readPageParams(ctx.query, {
		defaultLimit: DEFAULT_SEARCH_LIMIT,
		maxLimit: MAX_SEARCH_LIMIT,
		maxWindow: MAX_OFFSET_WINDOW,
	});
	const { result, specs } = ctx.state.iocs.query(
		ctx.query.string('filter'),
		ctx.query.string('sort'),
		ctx.query.bool('from_parent'),
		Date.now(),
	);
	return pageSorted(result, specs, page);
}

/** GET /iocs/combined/indicator/v1: full indicator records. */
export const indicatorCombined: Handler = (ctx) => {
	const page = searchPage(ctx);
	return ok(
		ctx,
		page.items.map((e) => e.doc),
		{ pagination: page.pagination },
	);
};

/** GET /iocs/queries/indicators/v1: indicator ids. */
export const indicatorSearch: Handler = (ctx) => {
	const page = searchPage(ctx);
	return ok(
		ctx,
		page.items.map((e) => e.doc.id),
		{ pagination: page.pagination },
	);
};
