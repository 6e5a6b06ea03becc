import { type AggregateResult, readAggregateBody, runAggregates } from '../../sandbox/core/aggregate';
import type { FieldSchema } from '../../sandbox/core/fql';
import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

interface Row {
	type: string;
	action: string;
	created: number;
	score: number;
	tags: string[];
}

const SCHEMA: FieldSchema<Row> = {
	type: { type: 'string', get: (r) => r.type },
	action: { type: 'string', get: (r) => r.action },
	created_on: { type: 'date', get: (r) => r.created },
	score: { type: 'number', get: (r) => r.score },
	tags: { type: 'string', get: (r) => r.tags },
};

const d = (s: string) => Date.parse(s);
const ROWS: Row[] = [
	{ type: 'sha256', action: 'prevent', created: d('2024-01-03T10:00:00Z'), score: 10, tags: ['a'] },
	{ type: 'sha256', action: 'detect', created: d('2024-01-03T12:00:00Z'), score: 20, tags: ['a', 'b'] },
	{ type: 'sha256', action: 'detect', created: d('2024-01-05T00:00:00Z'), score: 30, tags: [] },
	{ type: 'md5', action: 'detect', created: d('2024-02-01T00:00:00Z'), score: 40, tags: ['b'] },
	{ type: 'domain', action: 'no_action', created: d('2024-02-10T00:00:00Z'), score: 50, tags: ['c'] },
];

describe('aggregate engine', () => {
	it('terms: counts, order, size, sum_other_doc_count, array fields', () => {
		const [r] = runAggregates(ROWS, readAggregateBody([{ name: 'by_type', type: 'terms', field: 'type' }]), SCHEMA);
		expect(r.buckets.map((b) => [b.label, b.count])).toEqual([
			['sha256', 3],
			['domain', 1],
			['md5', 1],
		]);
		expect(r.sum_other_doc_count).toBe(0);
		const [small] = runAggregates(ROWS, readAggregateBody({ name: 't', type: 'terms', field: 'type', size: 1 }), SCHEMA);
		expect(small.buckets).toHaveLength(1);
		expect(small.sum_other_doc_count).toBe(2);
		const [tags] = runAggregates(ROWS, readAggregateBody([{ name: 'tags', type: 'terms', field: 'tags', sort: '_term|asc' }]), SCHEMA);
		expect(tags.buckets.map((b) => [b.label, b.count])).toEqual([
			['a', 2],
			['b', 2],
			['c', 1],
		]);
	});

	it('date_histogram with sub_aggregates, cardinality, metrics and filter', () => {
		const [hist] = runAggregates(
			ROWS,
			readAggregateBody([
				{ name: 'per_day', type: 'date_histogram', field: 'created_on', interval: 'day', sub_aggregates: [{ name: 'actions', type: 'terms', field: 'action' }] },
			]),
			SCHEMA,
		);
		expect(hist.buckets.map((b) => [b.key_as_string, b.count])).toEqual([
			['2024-01-03T00:00:00.000Z', 2],
			['2024-01-05T00:00:00.000Z', 1],
			['2024-02-01T00:00:00.000Z', 1],
			['2024-02-10T00:00:00.000Z', 1],
		]);
		expect((hist.buckets[0].sub_aggregates as AggregateResult[])[0].buckets.map((b) => b.label).sort()).toEqual(['detect', 'prevent']);

		const [month] = runAggregates(ROWS, readAggregateBody([{ name: 'm', type: 'date_histogram', field: 'created_on', interval: 'month' }]), SCHEMA);
		expect(month.buckets.map((b) => b.count)).toEqual([3, 2]);

		const results = runAggregates(
			ROWS,
			readAggregateBody([
				{ name: 'types', type: 'cardinality', field: 'type' },
				{ name: 'max', type: 'max', field: 'score' },
				{ name: 'avg', type: 'avg', field: 'score', filter: "type:'sha256'" },
				{ name: 'ranges', type: 'range', field: 'score', ranges: [{ From: 0, To: 25 }, { From: 25, To: 100 }] },
			]),
			SCHEMA,
		);
		expect(results[0].buckets[0].value).toBe(3);
		expect(results[1].buckets[0].value).toBe(50);
		expect(results[2].buckets[0].value).toBe(20);
		expect(results[3].buckets.map((b) => b.count)).toEqual([2, 3]);
	});

	it('validates the body: type, field, interval, depth, unknown field', () => {
		expect(() => readAggregateBody(undefined)).toThrow(/required/);
		expect(() => readAggregateBody([{ name: 'x', type: 'bogus', field: 'type' }])).toThrow(/type must be one of/);
		expect(() => readAggregateBody([{ name: 'x', type: 'terms' }])).toThrow(/field is required/);
		expect(() => readAggregateBody([{ name: 'x', type: 'date_histogram', field: 'created_on' }])).toThrow(/interval/);
		const deep = { name: 'a', type: 'terms', field: 'type', sub_aggregates: [{ name: 'b', type: 'terms', field: 'type', sub_aggregates: [{ name: 'c', type: 'terms', field: 'type', sub_aggregates: [{ name: 'd', type: 'terms', field: 'type' }] }] }] };
		expect(() => readAggregateBody([deep])).toThrow(/at most 3 levels/);
		expect(() => runAggregates(ROWS, readAggregateBody([{ name: 'x', type: 'terms', field: 'nope' }]), SCHEMA)).toThrow(/unknown field 'nope'/);
	});
});

describe('indicator_aggregate_v1 over HTTP', () => {
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox();
		token = await getToken(sb);
	});
	afterAll(() => sb.close());

	const aggregate = (body: unknown, extra: { query?: Record<string, string>; invalid?: string } = {}) =>
		call<Envelope<AggregateResult>>(sb, 'POST', '/iocs/aggregates/indicators/v1', { token, body, ...extra });

	it('aggregates the demo indicators by type, narrowed by the filter query parameter', async () => {
		// The body is one msa.AggregateQueryRequest object (the spec's *models.MsaAggregateQueryRequest).
		const res = await aggregate({ name: 'types', type: 'terms', field: 'type', size: 10 });
		expect(res.status).toBe(200);
		const types = Object.fromEntries(res.json.resources[0].buckets.map((b) => [b.label, b.count]));
		expect(types).toEqual({ sha256: 12, md5: 6, domain: 10, ipv4: 8, ipv6: 4 });
		const created = await aggregate({ name: 'created', type: 'date_histogram', field: 'created_on', interval: 'month' });
		expect(created.json.resources[0].buckets.reduce((n, b) => n + b.count, 0)).toBe(40);
		const sources = await aggregate({ name: 'distinct_sources', type: 'cardinality', field: 'source' });
		expect(sources.json.resources[0].buckets[0].value).toBeGreaterThan(1);

		const filtered = await aggregate({ name: 'types', type: 'terms', field: 'type' }, { query: { filter: "type:['md5','ipv6']" } });
		expect(filtered.json.resources[0].buckets.map((b) => b.label).sort()).toEqual(['ipv6', 'md5']);

		const bad = await aggregate({ name: 'x', type: 'terms', field: 'nope' });
		expect(bad.status).toBe(400);
	});

	it('also answers a list of aggregate queries (the Quarantine wiki page says "list"), one result each', async () => {
		const res = await aggregate(
			[
				{ name: 'types', type: 'terms', field: 'type', size: 10 },
				{ name: 'distinct_sources', type: 'cardinality', field: 'source' },
			],
			{ invalid: 'a list where the spec takes one msa.AggregateQueryRequest: the sandbox answers it anyway (sandbox/README.md)' },
		);
		expect(res.status).toBe(200);
		expect(res.json.resources.map((r) => r.name)).toEqual(['types', 'distinct_sources']);
	});
});
