/**
 * The Falcon aggregate query engine (the body of every `.../aggregates/.../v1` POST):
 * terms, date_histogram, date_range, range, cardinality, min, max, avg, sum, percentiles,
 * each optionally narrowed by an FQL `filter` or a free-text `q`, with `sub_aggregates`
 * (up to 3 levels). Works over any documents described by an FQL field schema.
 */
import { ApiError } from './envelope';
import { compileFql, type FieldSchema, isFqlError, parseFqlDate } from './fql';

export interface AggregateSpec {
	name: string;
	type: string;
	field?: string;
	filter?: string;
	q?: string;
	interval?: string;
	size?: number;
	from?: number;
	sort?: string;
	min_doc_count?: number;
	max_doc_count?: number;
	missing?: string;
	include?: string;
	exclude?: string;
	time_zone?: string;
	date_ranges?: Array<{ from?: string; to?: string }>;
	ranges?: Array<{ From?: number; To?: number; from?: number; to?: number }>;
	percents?: number[];
	sub_aggregates?: AggregateSpec[];
}

export interface AggregateBucket {
	label: string | number | boolean;
	count: number;
	value?: number;
	key_as_string?: string;
	from?: number;
	to?: number;
	string_from?: string;
	string_to?: string;
	sub_aggregates?: AggregateResult[];
}

export interface AggregateResult {
	name: string;
	buckets: AggregateBucket[];
	sum_other_doc_count?: number;
}

export const AGGREGATE_TYPES = [
	'terms',
	'date_histogram',
	'date_range',
	'range',
	'cardinality',
	'max',
	'min',
	'avg',
	'sum',
	'percentiles',
] as const;

const BUCKETING = new Set(['terms', 'date_histogram', 'date_range', 'range']);
const INTERVALS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
export const MAX_SUB_AGGREGATE_DEPTH = 3;

/** Validates an aggregate body (one spec or a list of them). Throws ApiError(400). */
export function readAggregateBody(body: unknown): AggregateSpec[] {
	if (body === undefined || body === null) throw new ApiError(400, 'An aggregate query body is required');
	const list = Array.isArray(body) ? body : [body];
	if (list.length === 0) throw new ApiError(400, 'An aggregate query body is required');
	list.forEach((spec, i) => validateSpec(spec, `[${i}]`, 1));
	return list as AggregateSpec[];
}

function validateSpec(spec: unknown, where: string, depth: number): void {
	if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new ApiError(400, `aggregate ${where} must be an object`);
	const s = spec as Record<string, unknown>;
	if (typeof s.name !== 'string' || s.name === '') throw new ApiError(400, `aggregate ${where}: name is required`);
	if (typeof s.type !== 'string' || !(AGGREGATE_TYPES as readonly string[]).includes(s.type)) {
		throw new ApiError(400, `aggregate '${s.name}': type must be one of ${AGGREGATE_TYPES.join(', ')}`);
	}
	if (typeof s.field !== 'string' || s.field === '') throw new ApiError(400, `aggregate '${s.name}': field is required`);
	if (s.type === 'date_histogram' && !parseInterval(s.interval)) {
		throw new ApiError(400, `aggregate '${s.name}': date_histogram needs interval (${INTERVALS.join('|')})`);
	}
	if (s.type === 'date_range' && (!Array.isArray(s.date_ranges) || s.date_ranges.length === 0)) {
		throw new ApiError(400, `aggregate '${s.name}': date_range needs date_ranges`);
	}
	if (s.type === 'range' && (!Array.isArray(s.ranges) || s.ranges.length === 0)) {
		throw new ApiError(400, `aggregate '${s.name}': range needs ranges`);
	}
	if (s.size !== undefined && (typeof s.size !== 'number' || s.size < 0)) {
		throw new ApiError(400, `aggregate '${s.name}': size must be a non-negative number`);
	}
	if (s.sub_aggregates !== undefined && s.sub_aggregates !== null) {
		if (!Array.isArray(s.sub_aggregates)) throw new ApiError(400, `aggregate '${s.name}': sub_aggregates must be a list`);
		if (s.sub_aggregates.length > 0 && depth >= MAX_SUB_AGGREGATE_DEPTH) {
			throw new ApiError(400, `aggregate '${s.name}': sub_aggregates may nest at most ${MAX_SUB_AGGREGATE_DEPTH} levels`);
		}
		if (s.sub_aggregates.length > 0 && !BUCKETING.has(s.type)) {
			throw new ApiError(400, `aggregate '${s.name}': sub_aggregates need a bucketing type (terms, date_histogram, date_range, range)`);
		}
		s.sub_aggregates.forEach((sub, i) => validateSpec(sub, `${where}.sub_aggregates[${i}]`, depth + 1));
	}
}

/** Runs aggregate specs over documents. Throws ApiError(400) for unknown fields or bad filters. */
export function runAggregates<T>(docs: readonly T[], specs: AggregateSpec[], schema: FieldSchema<T>): AggregateResult[] {
	return specs.map((spec) => runOne(docs, spec, schema));
}

function runOne<T>(docs: readonly T[], spec: AggregateSpec, schema: FieldSchema<T>): AggregateResult {
	const field = spec.field ?? '';
	const def = Object.prototype.hasOwnProperty.call(schema, field) ? schema[field] : undefined;
	if (!def) {
		throw new ApiError(400, `aggregate '${spec.name}': unknown field '${field}'. Valid fields: ${Object.keys(schema).join(', ')}`);
	}
	let scope = docs;
	if (spec.filter && spec.filter.trim() !== '') {
		try {
			const pred = compileFql(spec.filter, schema);
			scope = scope.filter(pred);
		} catch (err) {
			if (isFqlError(err)) throw new ApiError(400, err.message);
			throw err;
		}
	}
	if (spec.q && spec.q.trim() !== '') scope = scope.filter(freeText(spec.q, schema));

	const values = (doc: T): unknown[] => {
		const v = def.get(doc);
		const arr = Array.isArray(v) ? v : [v];
		return arr.filter((x) => x !== undefined && x !== null && x !== '');
	};
	const sub = (bucketDocs: readonly T[]): AggregateResult[] | undefined =>
		spec.sub_aggregates && spec.sub_aggregates.length > 0 ? runAggregates(bucketDocs, spec.sub_aggregates, schema) : undefined;

	switch (spec.type) {
		case 'terms':
			return terms(scope, spec, values, sub);
		case 'date_histogram':
			return dateHistogram(scope, spec, (d) => values(d).map(toMs).filter((n) => !Number.isNaN(n)), sub);
		case 'date_range':
			return dateRange(scope, spec, (d) => values(d).map(toMs).filter((n) => !Number.isNaN(n)), sub);
		case 'range':
			return numericRange(scope, spec, (d) => values(d).map(Number).filter((n) => !Number.isNaN(n)), sub);
		case 'cardinality': {
			const seen = new Set<string>();
			for (const d of scope) for (const v of values(d)) seen.add(String(v));
			return { name: spec.name, buckets: [{ label: field, count: seen.size, value: seen.size }] };
		}
		default:
			return metric(scope, spec, (d) => values(d).map((v) => (def.type === 'date' ? toMs(v) : Number(v))).filter((n) => !Number.isNaN(n)));
	}
}

function toMs(v: unknown): number {
	return typeof v === 'number' ? v : Date.parse(String(v));
}

function freeText<T>(q: string, schema: FieldSchema<T>): (doc: T) => boolean {
	const needle = q.toLowerCase();
	const getters = Object.values(schema)
		.filter((d) => d.type === 'string')
		.map((d) => d.get);
	return (doc) =>
		getters.some((g) => {
			const v = g(doc);
			return (Array.isArray(v) ? v : [v]).some((x) => x !== undefined && x !== null && String(x).toLowerCase().includes(needle));
		});
}

type Sub<T> = (docs: readonly T[]) => AggregateResult[] | undefined;

function withSub<T>(bucket: AggregateBucket, docs: readonly T[], sub: Sub<T>): AggregateBucket {
	const s = sub(docs);
	if (s) bucket.sub_aggregates = s;
	return bucket;
}

function terms<T>(docs: readonly T[], spec: AggregateSpec, values: (d: T) => unknown[], sub: Sub<T>): AggregateResult {
	const groups = new Map<string, { label: string | number | boolean; docs: T[] }>();
	for (const d of docs) {
		let vs = values(d);
		if (vs.length === 0 && spec.missing !== undefined) vs = [spec.missing];
		const seen = new Set<string>();
		for (const v of vs) {
			const key = typeof v === 'string' ? v : JSON.stringify(v);
			if (seen.has(key)) continue;
			seen.add(key);
			let g = groups.get(key);
			if (!g) {
				g = { label: typeof v === 'number' || typeof v === 'boolean' ? v : String(v), docs: [] };
				groups.set(key, g);
			}
			g.docs.push(d);
		}
	}
	const include = spec.include ? termMatcher(spec.include) : undefined;
	const exclude = spec.exclude ? termMatcher(spec.exclude) : undefined;
	const minDoc = spec.min_doc_count ?? 1;
	const maxDoc = spec.max_doc_count;
	let list = [...groups.values()].filter(
		(g) =>
			g.docs.length >= minDoc &&
			(maxDoc === undefined || maxDoc <= 0 || g.docs.length <= maxDoc) &&
			(!include || include(String(g.label))) &&
			(!exclude || !exclude(String(g.label))),
	);
	const { by, direction } = parseTermsSort(spec.sort);
	const cmpLabel = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
	list.sort((a, b) => {
		if (by === 'count') {
			const c = a.docs.length - b.docs.length;
			if (c !== 0) return direction === 'desc' ? -c : c;
			return cmpLabel(a.label, b.label);
		}
		const c = cmpLabel(a.label, b.label);
		return direction === 'desc' ? -c : c;
	});
	const total = list.reduce((n, g) => n + g.docs.length, 0);
	const from = spec.from ?? 0;
	const size = spec.size === undefined || spec.size === 0 ? 10 : spec.size;
	list = list.slice(from, from + size);
	const shown = list.reduce((n, g) => n + g.docs.length, 0);
	return {
		name: spec.name,
		buckets: list.map((g) => withSub({ label: g.label, count: g.docs.length }, g.docs, sub)),
		sum_other_doc_count: total - shown,
	};
}

function termMatcher(pattern: string): (s: string) => boolean {
	if (pattern.includes(',') && !/[\\^$|()[\]{}]/.test(pattern)) {
		const set = new Set(pattern.split(',').map((p) => p.trim().toLowerCase()));
		return (s) => set.has(s.toLowerCase());
	}
	try {
		const re = new RegExp(`^(?:${pattern})$`, 'i');
		return (s) => re.test(s);
	} catch {
		throw new ApiError(400, `Invalid include/exclude pattern '${pattern}'`);
	}
}

function parseTermsSort(sort: string | undefined): { by: 'count' | 'term'; direction: 'asc' | 'desc' } {
	if (!sort) return { by: 'count', direction: 'desc' };
	const m = /^_?(count|term|key|label)(?:[.|:](asc|desc))?$/i.exec(sort.trim());
	if (!m) throw new ApiError(400, `Invalid aggregate sort '${sort}': use _count|desc, _count|asc, _term|asc or _term|desc`);
	const by = m[1].toLowerCase() === 'count' ? 'count' : 'term';
	return { by, direction: (m[2]?.toLowerCase() as 'asc' | 'desc') ?? (by === 'count' ? 'desc' : 'asc') };
}

function parseInterval(interval: unknown): string | undefined {
	if (typeof interval !== 'string') return undefined;
	const i = interval.trim().toLowerCase();
	const m = /^1?([a-z]+)$/.exec(i);
	if (!m) return undefined;
	const aliases: Record<string, string> = { y: 'year', q: 'quarter', m: 'minute', w: 'week', d: 'day', h: 'hour', s: 'second' };
	const name = aliases[m[1]] ?? m[1].replace(/s$/, '');
	return INTERVALS.includes(name) ? name : undefined;
}

/** Start (UTC) of the interval containing `ms`. */
export function bucketStart(ms: number, interval: string): number {
	const d = new Date(ms);
	switch (interval) {
		case 'year':
			return Date.UTC(d.getUTCFullYear(), 0, 1);
		case 'quarter':
			return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
		case 'month':
			return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
		case 'week': {
			const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
			const dow = (d.getUTCDay() + 6) % 7; // Monday first
			return day - dow * 86_400_000;
		}
		case 'day':
			return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
		case 'hour':
			return ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000);
		case 'minute':
			return ms - (((ms % 60_000) + 60_000) % 60_000);
		default:
			return ms - (((ms % 1000) + 1000) % 1000);
	}
}

function nextBucket(start: number, interval: string): number {
	const d = new Date(start);
	switch (interval) {
		case 'year':
			return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
		case 'quarter':
			return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1);
		case 'month':
			return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
		case 'week':
			return start + 7 * 86_400_000;
		case 'day':
			return start + 86_400_000;
		case 'hour':
			return start + 3_600_000;
		case 'minute':
			return start + 60_000;
		default:
			return start + 1000;
	}
}

function dateHistogram<T>(docs: readonly T[], spec: AggregateSpec, times: (d: T) => number[], sub: Sub<T>): AggregateResult {
	const interval = parseInterval(spec.interval) as string;
	const groups = new Map<number, T[]>();
	for (const d of docs) {
		const seen = new Set<number>();
		for (const ms of times(d)) {
			const start = bucketStart(ms, interval);
			if (seen.has(start)) continue;
			seen.add(start);
			let g = groups.get(start);
			if (!g) groups.set(start, (g = []));
			g.push(d);
		}
	}
	let starts = [...groups.keys()].sort((a, b) => a - b);
	const minDoc = spec.min_doc_count ?? 1;
	if (minDoc <= 0 && starts.length > 1) {
		const filled: number[] = [];
		for (let s = starts[0]; s <= starts[starts.length - 1] && filled.length < 10_000; s = nextBucket(s, interval)) filled.push(s);
		starts = filled;
	}
	const buckets: AggregateBucket[] = [];
	for (const s of starts) {
		const g = groups.get(s) ?? [];
		if (g.length < minDoc) continue;
		buckets.push(withSub({ label: s, key_as_string: new Date(s).toISOString(), count: g.length }, g, sub));
	}
	if (spec.sort && /desc/i.test(spec.sort)) buckets.reverse();
	return { name: spec.name, buckets, sum_other_doc_count: 0 };
}

function dateRange<T>(docs: readonly T[], spec: AggregateSpec, times: (d: T) => number[], sub: Sub<T>): AggregateResult {
	const buckets = (spec.date_ranges ?? []).map((r) => {
		const from = r.from ? parseFqlDate(r.from)?.ms : undefined;
		const to = r.to ? parseFqlDate(r.to)?.ms : undefined;
		if ((r.from && from === undefined) || (r.to && to === undefined)) {
			throw new ApiError(400, `aggregate '${spec.name}': invalid date in date_ranges`);
		}
		const inside = docs.filter((d) => times(d).some((ms) => (from === undefined || ms >= from) && (to === undefined || ms < to)));
		const bucket: AggregateBucket = {
			label: `${r.from ?? '*'}-${r.to ?? '*'}`,
			count: inside.length,
		};
		if (from !== undefined) {
			bucket.from = from;
			bucket.string_from = new Date(from).toISOString();
		}
		if (to !== undefined) {
			bucket.to = to;
			bucket.string_to = new Date(to).toISOString();
		}
		return withSub(bucket, inside, sub);
	});
	return { name: spec.name, buckets, sum_other_doc_count: 0 };
}

function numericRange<T>(docs: readonly T[], spec: AggregateSpec, nums: (d: T) => number[], sub: Sub<T>): AggregateResult {
	const buckets = (spec.ranges ?? []).map((r) => {
		const from = r.From ?? r.from;
		const to = r.To ?? r.to;
		const inside = docs.filter((d) => nums(d).some((n) => (from === undefined || n >= from) && (to === undefined || n < to)));
		const bucket: AggregateBucket = { label: `${from ?? '*'}-${to ?? '*'}`, count: inside.length };
		if (from !== undefined) bucket.from = from;
		if (to !== undefined) bucket.to = to;
		return withSub(bucket, inside, sub);
	});
	return { name: spec.name, buckets, sum_other_doc_count: 0 };
}

function metric<T>(docs: readonly T[], spec: AggregateSpec, nums: (d: T) => number[]): AggregateResult {
	const all: number[] = [];
	for (const d of docs) for (const n of nums(d)) all.push(n);
	const field = spec.field ?? '';
	if (spec.type === 'percentiles') {
		const sorted = all.sort((a, b) => a - b);
		const percents = spec.percents && spec.percents.length ? spec.percents : [1, 5, 25, 50, 75, 95, 99];
		return {
			name: spec.name,
			buckets: percents.map((p) => ({ label: p.toFixed(1), count: sorted.length, value: percentile(sorted, p) })),
		};
	}
	let value = 0;
	if (all.length > 0) {
		if (spec.type === 'max') value = all.reduce((a, b) => (b > a ? b : a), -Infinity);
		else if (spec.type === 'min') value = all.reduce((a, b) => (b < a ? b : a), Infinity);
		else if (spec.type === 'sum') value = all.reduce((a, b) => a + b, 0);
		else value = all.reduce((a, b) => a + b, 0) / all.length;
	}
	return { name: spec.name, buckets: [{ label: field, count: all.length, value }] };
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	const rank = (p / 100) * (sorted.length - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}
