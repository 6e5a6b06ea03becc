import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

interface Ioc {
	id: string;
	type: string;
	value: string;
	action: string;
	severity: string;
	created_on: string;
	from_parent: boolean;
	expired: boolean;
}

const COMBINED = '/iocs/combined/indicator/v1';
const SEARCH = '/iocs/queries/indicators/v1';

describe('IOC Management: search (filter, sort, paging)', () => {
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimitPerMinute: 0 });
		token = await getToken(sb);
	});
	afterAll(() => sb.close());

	it('serves the demo seed: ~40 indicators across types, some expired, two from the parent', async () => {
		const res = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, { token, query: { limit: 100 } });
		expect(res.status).toBe(200);
		expect(res.json.meta.pagination).toMatchObject({ offset: 0, limit: 100, total: 40 });
		const docs = res.json.resources;
		expect(new Set(docs.map((d) => d.type))).toEqual(new Set(['sha256', 'md5', 'domain', 'ipv4', 'ipv6']));
		expect(docs.filter((d) => d.expired).length).toBe(4);
		expect(docs.filter((d) => d.expired).every((d) => d.action === 'no_action')).toBe(true);
		expect(docs.filter((d) => d.from_parent).length).toBe(2);
		const own = await call<Envelope<string>>(sb, 'GET', SEARCH, { token, query: { from_parent: false, limit: 100 } });
		expect(own.json.meta.pagination?.total).toBe(38);
	});

	it('filters with FQL and sorts (field.asc / field.desc / field|asc)', async () => {
		const res = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, {
			token,
			query: { filter: "type:['domain','ipv4']+action:'detect'", sort: 'value.desc', limit: 50 },
		});
		expect(res.status).toBe(200);
		const docs = res.json.resources;
		expect(docs.length).toBeGreaterThan(3);
		expect(docs.every((d) => ['domain', 'ipv4'].includes(d.type) && d.action === 'detect')).toBe(true);
		const values = docs.map((d) => d.value);
		expect(values).toEqual([...values].sort().reverse());

		const asc = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, { token, query: { sort: 'created_on|asc', limit: 40 } });
		const created = asc.json.resources.map((d) => d.created_on);
		expect(created).toEqual([...created].sort());

		const sev = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, { token, query: { filter: "severity:['low','critical']", sort: 'severity_number.desc' } });
		expect(sev.json.resources.length).toBeGreaterThan(0);
		const rank = { low: 20, critical: 90 } as Record<string, number>;
		const ranks = sev.json.resources.map((d) => rank[d.severity]);
		expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

		const ids = await call<Envelope<string>>(sb, 'GET', SEARCH, { token, query: { filter: "value:*'*.example'" } });
		expect(ids.json.resources.every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
	});

	it('answers 400 for bad filters and sorts', async () => {
		const syntax = await call<Envelope>(sb, 'GET', SEARCH, { token, query: { filter: "type:'sha256" } });
		expect(syntax.status).toBe(400);
		expect(syntax.json.errors[0].message).toMatch(/^Invalid filter/);
		const field = await call<Envelope>(sb, 'GET', SEARCH, { token, query: { filter: "colour:'red'" } });
		expect(field.status).toBe(400);
		expect(field.json.errors[0].message).toMatch(/Invalid filter field 'colour'/);
		const sort = await call<Envelope>(sb, 'GET', SEARCH, { token, query: { sort: 'colour.asc' }, invalid: 'a sort field outside the enum' });
		expect(sort.status).toBe(400);
	});

	it('enforces limit <= 2000, offset + limit <= 10000, offset XOR after', async () => {
		expect((await call(sb, 'GET', SEARCH, { token, query: { limit: 2000 } })).status).toBe(200);
		expect((await call(sb, 'GET', SEARCH, { token, query: { limit: 2001 } })).status).toBe(400);
		expect((await call(sb, 'GET', SEARCH, { token, query: { limit: 0 } })).status).toBe(400);
		expect((await call(sb, 'GET', SEARCH, { token, query: { limit: 'ten' }, invalid: 'limit is an integer' })).status).toBe(400);
		expect((await call(sb, 'GET', SEARCH, { token, query: { offset: 8000, limit: 2000 } })).status).toBe(200);
		const over = await call<Envelope>(sb, 'GET', COMBINED, { token, query: { offset: 9000, limit: 1001 } });
		expect(over.status).toBe(400);
		expect(over.json.errors[0].message).toBe('offset + limit must be less than or equal to 10000');
		const both = await call<Envelope>(sb, 'GET', SEARCH, { token, query: { offset: 0, after: 'abc' } });
		expect(both.status).toBe(400);
		expect((await call(sb, 'GET', SEARCH, { token, query: { after: 'not-a-token' } })).status).toBe(400);
	});

	it('pages by offset with meta.pagination', async () => {
		const p1 = await call<Envelope<string>>(sb, 'GET', SEARCH, { token, query: { limit: 15, sort: 'value.asc' } });
		const p2 = await call<Envelope<string>>(sb, 'GET', SEARCH, { token, query: { limit: 15, offset: 15, sort: 'value.asc' } });
		const p3 = await call<Envelope<string>>(sb, 'GET', SEARCH, { token, query: { limit: 15, offset: 30, sort: 'value.asc' } });
		expect(p1.json.meta.pagination).toMatchObject({ offset: 0, limit: 15, total: 40 });
		expect(p3.json.meta.pagination).toMatchObject({ offset: 30, limit: 15, total: 40 });
		expect(p3.json.meta.pagination?.after).toBeUndefined();
		const all = [...p1.json.resources, ...p2.json.resources, ...p3.json.resources];
		expect(new Set(all).size).toBe(40);
	});

	it('pages past 10,000 with the after cursor over 25,000 seeded indicators, each exactly once', async () => {
		const added = sb.seedIndicators(25_000);
		expect(added).toHaveLength(25_000);
		const filter = "type:['sha256','md5','domain','ipv4','ipv6']";
		const total = sb.state.iocs.size;
		const seen = new Set<string>();
		let after: string | undefined;
		let pages = 0;
		do {
			const res = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, {
				token,
				query: { filter, sort: 'created_on.desc', limit: 2000, ...(after ? { after } : {}) },
			});
			expect(res.status).toBe(200);
			expect(res.json.meta.pagination?.total).toBe(total);
			for (const d of res.json.resources) {
				expect(seen.has(d.id)).toBe(false);
				seen.add(d.id);
			}
			after = res.json.meta.pagination?.after;
			pages++;
		} while (after);
		expect(seen.size).toBe(total);
		expect(pages).toBe(Math.ceil(total / 2000));
	});

	it('an after cursor keeps its place when indicators are created between pages', async () => {
		const first = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, { token, query: { sort: 'value.asc', limit: 100 } });
		const after = first.json.meta.pagination?.after as string;
		expect(after).toBeTruthy();
		await call(sb, 'POST', '/iocs/entities/indicators/v1', {
			token,
			body: { indicators: [{ type: 'domain', value: '0000-first.example', action: 'no_action', platforms: ['windows'], applied_globally: true }] },
		});
		const second = await call<Envelope<Ioc>>(sb, 'GET', COMBINED, { token, query: { sort: 'value.asc', limit: 100, after } });
		expect(second.json.resources[0].value > first.json.resources[99].value).toBe(true);
		const otherSort = await call(sb, 'GET', COMBINED, { token, query: { sort: 'value.desc', after } });
		expect(otherSort.status).toBe(400);
	});
});
