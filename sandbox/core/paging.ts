import { ApiError, type Pagination } from './envelope';
import type { QueryAccessor } from './query';
import { compareKeys, type SortedResult, type SortSpec, sortSignature } from './sort';

export interface PageParamsOptions {
	defaultLimit?: number;
	maxLimit?: number;
	/** offset + limit may not exceed this (Falcon: 10,000). 0/undefined: no rule. */
	maxWindow?: number;
	/** Accept the `after` cursor (default true). */
	allowAfter?: boolean;
}

export interface PageRequest {
	offset?: number;
	limit: number;
	after?: string;
}

/** Reads and validates offset/limit/after the way the IOC endpoints do. */
export function readPageParams(q: QueryAccessor, options: PageParamsOptions = {}): PageRequest {
	const defaultLimit = options.defaultLimit ?? 100;
	const limit = q.int('limit', { default: defaultLimit, min: 1, max: options.maxLimit }) ?? defaultLimit;
	const offset = q.int('offset', { min: 0 });
	const after = options.allowAfter === false ? undefined : q.string('after');
	if (after !== undefined && offset !== undefined) {
		throw new ApiError(400, 'offset and after are mutually exclusive: use one or the other');
	}
	if (options.maxWindow && after === undefined && (offset ?? 0) + limit > options.maxWindow) {
		throw new ApiError(400, `offset + limit must be less than or equal to ${options.maxWindow}`);
	}
	return { offset, limit, after };
}

interface CursorPayload {
	/** sort signature */
	s: string;
	/** keys of the last item returned */
	k: unknown[];
	/** position after the last item (informational) */
	p: number;
}

export function encodeCursor(payload: CursorPayload): string {
	return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(token: string): CursorPayload {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as CursorPayload;
		if (!parsed || typeof parsed.s !== 'string' || !Array.isArray(parsed.k)) throw new Error('shape');
		return parsed;
	} catch {
		throw new ApiError(400, 'Invalid after token');
	}
}

export interface Page<T> {
	items: T[];
	pagination: Pagination;
}

/**
 * One page of a sorted result: by offset, or by `after` cursor (resumes right after the
 * last item's sort keys, so inserts/deletes between pages neither repeat nor skip items).
 * `meta.pagination.after` is set while more items remain, unless `options.after` is false (answers
 * whose pagination model, msa.Paging, has no cursor).
 */
export function pageSorted<T>(result: SortedResult<T>, specs: SortSpec<T>[], page: PageRequest, options: { after?: boolean } = {}): Page<T> {
	const total = result.docs.length;
	const signature = sortSignature(specs);
	let start = page.offset ?? 0;
	if (page.after !== undefined) {
		const cursor = decodeCursor(page.after);
		if (cursor.s !== signature) throw new ApiError(400, 'Invalid after token: it was issued for another sort');
		start = upperBound(result, cursor.k, specs);
	}
	const end = Math.min(total, start + page.limit);
	const items = start < total ? result.docs.slice(start, end) : [];
	const pagination: Pagination = { offset: start, limit: page.limit, total };
	if (options.after !== false && end < total && items.length > 0) {
		pagination.after = encodeCursor({ s: signature, k: result.keyAt(end - 1), p: end });
	}
	return { items, pagination };
}

/** First index whose keys sort strictly after `keys`. */
function upperBound<T>(result: SortedResult<T>, keys: unknown[], specs: SortSpec<T>[]): number {
	let lo = 0;
	let hi = result.docs.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compareKeys(result.keyAt(mid), keys, specs) <= 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Offset/limit page over a plain array (reference lists, devices, processes). */
export function pageArray<T>(items: readonly T[], offset: number, limit: number): Page<T> {
	const slice = items.slice(offset, offset + limit);
	return { items: slice, pagination: { offset, limit, total: items.length } };
}

/**
 * Cache of computed (filtered + sorted) results keyed by a string (filter + sort), valid for
 * one data version. Small LRU: a handful of concurrent queries is the norm.
 */
export class QueryCache<V> {
	private readonly entries = new Map<string, { version: number; value: V }>();

	constructor(private readonly maxEntries = 32) {}

	get(key: string, version: number, compute: () => V): V {
		const hit = this.entries.get(key);
		if (hit && hit.version === version) {
			// refresh LRU position
			this.entries.delete(key);
			this.entries.set(key, hit);
			return hit.value;
		}
		const value = compute();
		this.entries.delete(key);
		this.entries.set(key, { version, value });
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		return value;
	}

	clear(): void {
		this.entries.clear();
	}
}
