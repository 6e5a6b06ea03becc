import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken, SHA } from './helpers';

interface Ioc {
	id: string;
	type: string;
	value: string;
	action: string;
	severity: string;
	platforms: string[];
	applied_globally: boolean;
	host_groups: string[];
	expiration?: string;
	expired: boolean;
	source?: string;
	tags: string[];
	metadata: { filename?: string };
	created_by: string;
	modified_on: string;
	message?: string;
}

const PATH = '/iocs/entities/indicators/v1';
const HG = 'ab'.repeat(16);

describe('IOC Management: create / get / update / delete', () => {
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox({ seed: 'empty' });
		token = await getToken(sb);
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.state.iocs.reset());

	const create = (indicators: unknown[], comment = 'test', invalid?: string) =>
		call<Envelope<Ioc>>(sb, 'POST', PATH, { token, body: { comment, indicators }, ...(invalid ? { invalid } : {}) });

	it('creates indicators (201) and reports each bad one without sinking the batch', async () => {
		await create([{ type: 'md5', value: 'a'.repeat(32), action: 'no_action', platforms: ['linux'], applied_globally: true }]);
		const res = await create(
			[
			{ type: 'sha256', value: SHA(1).toUpperCase(), action: 'prevent', severity: 'HIGH', platforms: ['windows', 'mac'], applied_globally: true, tags: ['t1'], metadata: { filename: 'x.exe' } },
			{ type: 'sha256', value: 'xyz', action: 'detect', severity: 'low', platforms: ['windows'], applied_globally: true },
			{ type: 'domain', value: 'evil.example', action: 'detect', platforms: ['windows'], applied_globally: true },
			{ type: 'md5', value: 'a'.repeat(32), action: 'no_action', platforms: ['linux'], applied_globally: true },
			{ type: 'domain', value: 'ok.example', action: 'detect', severity: 'medium', platforms: ['windows'], host_groups: [HG], expiration: '2099-01-01T00:00:00Z' },
			{ type: 'ipv4', value: '10.0.0.300', action: 'detect', severity: 'low', platforms: ['windows'], applied_globally: true },
			{ type: 'ipv4', value: '203.0.113.9', action: 'prevent', severity: 'low', platforms: ['windows'], applied_globally: true },
			{ type: 'ipv6', value: '2001:DB8::1', action: 'no_action', platforms: ['windows'], applied_globally: true, host_groups: [HG] },
			{ type: 'domain', value: 'x.example', action: 'no_action', platforms: ['windows'] },
			{ type: 'domain', value: 'y.example', action: 'no_action', platforms: ['amiga'], applied_globally: true },
			{ type: 'domain', value: 'z.example', action: 'no_action', platforms: [], applied_globally: true },
			{ type: 'domain', value: 'p.example', action: 'no_action', platforms: ['mac'], applied_globally: true, expiration: '2020-01-01T00:00:00Z' },
			{ type: 'domain', value: 'q.example', action: 'no_action', platforms: ['mac'], applied_globally: true, expiration: '01/02/2030' },
			{ type: 'url', value: 'http://a', action: 'detect', platforms: ['mac'], applied_globally: true },
			{ type: 'domain', value: 's.example', action: 'detect', severity: 'low', platforms: ['mac'], applied_globally: true, source: 's'.repeat(257) },
			{ type: 'ipv6', value: '2001:db8::2', action: 'detect', severity: 'critical', platforms: ['windows'], applied_globally: true, expiration: '2099-05-01T10:00:00Z' },
				{ type: 'domain', value: 'r.example', action: 'no_action', platforms: ['mac'], applied_globally: true, expiration: '2030-01-02' },
			],
			'test',
			'a batch with bad indicators (enum, format and value errors) on purpose',
		);
		expect(res.status).toBe(201);
		// api.IndicatorsQueryMeta has no writes; api.IndicatorV1 has no message: a rejected input is only in errors.
		expect(res.json.meta.writes).toBeUndefined();
		const r = res.json.resources;
		expect(r).toHaveLength(3);
		expect(r[0]).toMatchObject({ type: 'sha256', value: SHA(1), action: 'prevent', severity: 'high', expired: false, created_by: sb.falcon.clientId, metadata: { filename: 'x.exe' } });
		expect(r[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(r.every((x) => x.message === undefined)).toBe(true);
		expect(r[1]).toMatchObject({ value: 'ok.example', host_groups: [HG], applied_globally: false, expiration: '2099-01-01T00:00:00Z' });
		expect(r[2]).toMatchObject({ value: '2001:db8::2', expiration: '2099-05-01T10:00:00Z' });

		// msa.APIError is {code, id, message}: each message names the indicator it is about.
		expect(res.json.errors.every((e) => e.code === 400 && Object.keys(e).every((k) => ['code', 'id', 'message'].includes(k)))).toBe(true);
		const messages = res.json.errors.map((e) => e.message);
		expect(messages).toHaveLength(14);
		expect(messages[0]).toMatch(/Invalid value 'xyz' for type 'sha256'.*value: 'xyz'/);
		expect(messages[1]).toBe("severity is required for action 'detect' (type: 'domain', value: 'evil.example')");
		expect(messages[2]).toBe(`Duplicate type: 'md5' and value: '${'a'.repeat(32)}' combination.`);
		expect(messages[3]).toMatch(/Invalid value '10.0.0.300' for type 'ipv4'/);
		expect(messages[4]).toMatch(/Action 'prevent' is not supported for type 'ipv4'.*203\.0\.113\.9/);
		expect(messages[5]).toMatch(/mutually exclusive/);
		expect(messages[6]).toMatch(/applied_globally must be true or host_groups/);
		expect(messages[7]).toMatch(/Invalid platform 'amiga'/);
		expect(messages[8]).toMatch(/platforms is required/);
		expect(messages[9]).toMatch(/must be in the future/);
		expect(messages[10]).toMatch(/Invalid expiration '01\/02\/2030': use an RFC 3339 date-time/);
		expect(messages[11]).toMatch(/Invalid type 'url'/);
		expect(messages[12]).toMatch(/source must be at most 256/);
		expect(messages[13]).toMatch(/Invalid expiration '2030-01-02': use an RFC 3339 date-time.*r\.example/);
		expect(sb.state.iocs.size).toBe(4);
	});

	it('answers 400 when every indicator is bad, and for a bad body or too many indicators', async () => {
		const allBad = await create([{ type: 'md5', value: 'nothex', action: 'detect', platforms: ['windows'], applied_globally: true }]);
		expect(allBad.status).toBe(400);
		// msaspec.ResponseFields: meta and errors only.
		expect(allBad.json.resources).toBeUndefined();
		expect(allBad.json.errors[0].message).toMatch(/Invalid value 'nothex'/);
		expect((await call(sb, 'POST', PATH, { token, body: { indicators: [] } })).status).toBe(400);
		expect((await call(sb, 'POST', PATH, { token, body: [1, 2], invalid: 'a list where the body model is an object' })).status).toBe(400);
		const many = Array.from({ length: 2001 }, (_, i) => ({ type: 'sha256', value: SHA(i), action: 'no_action', platforms: ['windows'], applied_globally: true }));
		const tooMany = await create(many);
		expect(tooMany.status).toBe(400);
		expect(tooMany.json.errors[0].message).toMatch(/maximum of 2000/);
		expect(sb.state.iocs.size).toBe(0);
	});

	it('gets by ids (repeated or comma-separated); unknown ids in errors; 404 when none found', async () => {
		const created = await create([
			{ type: 'sha256', value: SHA(10), action: 'no_action', platforms: ['windows'], applied_globally: true },
			{ type: 'sha256', value: SHA(11), action: 'no_action', platforms: ['windows'], applied_globally: true },
		]);
		const [a, b] = created.json.resources.map((x) => x.id);
		const got = await call<Envelope<Ioc>>(sb, 'GET', PATH, {
			token,
			query: { ids: [a, `${b},missing-id`] },
			invalid: 'ids is collectionFormat multi; the sandbox also splits a comma list',
		});
		expect(got.status).toBe(200);
		expect(got.json.resources.map((x) => x.id)).toEqual([a, b]);
		expect(got.json.errors).toEqual([{ code: 404, message: "Indicator with id 'missing-id' not found", id: 'missing-id' }]);
		const none = await call<Envelope<Ioc>>(sb, 'GET', PATH, { token, query: { ids: ['nope1', 'nope2'] } });
		expect(none.status).toBe(404);
		expect(none.json.resources).toEqual([]);
		expect(none.json.errors).toHaveLength(2);
		expect((await call(sb, 'GET', PATH, { token, invalid: 'ids is required' })).status).toBe(400);
	});

	it('updates by id with per-indicator errors, and in bulk by filter', async () => {
		const created = await create([
			{ type: 'sha256', value: SHA(20), action: 'no_action', platforms: ['windows'], applied_globally: true, tags: ['bulk'] },
			{ type: 'sha256', value: SHA(21), action: 'no_action', platforms: ['windows'], applied_globally: true, tags: ['bulk'] },
			{ type: 'domain', value: 'upd.example', action: 'no_action', platforms: ['windows'], applied_globally: true },
		]);
		const [a, b, c] = created.json.resources.map((x) => x.id);
		await new Promise((r) => setTimeout(r, 5));
		const res = await call<Envelope<Ioc>>(sb, 'PATCH', PATH, {
			token,
			invalid: 'value is not a field of api.IndicatorUpdateReqV1 (the sandbox refuses changing it)',
			body: {
				comment: 'tune',
				indicators: [
					{ id: a, action: 'prevent', severity: 'critical', host_groups: [HG] },
					{ id: 'unknown-id', action: 'detect', severity: 'low' },
					{ id: c, action: 'prevent', severity: 'low' },
					{ id: b, value: SHA(99) },
				],
			},
		});
		expect(res.status).toBe(200);
		expect(res.json.meta.writes).toBeUndefined();
		expect(res.json.resources).toHaveLength(1);
		expect(res.json.resources[0]).toMatchObject({ id: a, action: 'prevent', severity: 'critical', host_groups: [HG], applied_globally: false });
		expect(res.json.resources[0].modified_on > created.json.resources[0].modified_on).toBe(true);
		expect(res.json.errors).toEqual([
			{ code: 404, message: "Indicator with id 'unknown-id' not found", id: 'unknown-id' },
			{ code: 400, id: c, message: expect.stringMatching(/not supported for type 'domain'/) },
			{ code: 400, id: b, message: expect.stringMatching(/cannot be changed/) },
		]);

		const onlyUnknown = await call<Envelope>(sb, 'PATCH', PATH, { token, body: { indicators: [{ id: 'x', action: 'detect' }] } });
		expect(onlyUnknown.status).toBe(404);
		expect(onlyUnknown.json.resources).toEqual([]);

		const bulk = await call<Envelope<Ioc>>(sb, 'PATCH', PATH, {
			token,
			body: { comment: 'bulk', bulk_update: { filter: "tags:'bulk'", source: 'bulk-source', description: 'changed' } },
		});
		expect(bulk.status).toBe(200);
		expect(bulk.json.resources.map((x) => x.id).sort()).toEqual([a, b].sort());
		expect(bulk.json.resources.every((x) => x.source === 'bulk-source')).toBe(true);
		expect((await call(sb, 'PATCH', PATH, { token, body: { bulk_update: { source: 'x' } } })).status).toBe(400);
		const badFilter = await call<Envelope>(sb, 'PATCH', PATH, {
			token,
			body: { indicators: [{ id: a, description: 'must not be written' }], bulk_update: { filter: "tags:'bulk", source: 'x' } },
		});
		expect(badFilter.status).toBe(400);
		expect(badFilter.json.errors[0].message).toMatch(/^Invalid filter/);
		expect(sb.state.iocs.get(a)?.description).toBe('changed');
		expect((await call(sb, 'PATCH', PATH, { token, body: {}, invalid: 'neither indicators nor bulk_update' })).status).toBe(400);
	});

	it('deletes by ids (unknown ones reported) or by filter (filter wins over ids)', async () => {
		const created = await create(
			Array.from({ length: 5 }, (_, i) => ({
				type: 'sha256',
				value: SHA(30 + i),
				action: 'no_action',
				platforms: ['windows'],
				applied_globally: true,
				source: i < 3 ? 'feed-a' : 'feed-b',
			})),
		);
		const ids = created.json.resources.map((x) => x.id);
		const del = await call<Envelope<string>>(sb, 'DELETE', PATH, { token, query: { ids: [ids[0], 'nope'] } });
		expect(del.status).toBe(200);
		expect(del.json.resources).toEqual([ids[0]]);
		expect(del.json.errors).toEqual([{ code: 404, message: "Indicator with id 'nope' not found", id: 'nope' }]);
		expect(del.json.meta.writes).toBeUndefined();

		const byFilter = await call<Envelope<string>>(sb, 'DELETE', PATH, { token, query: { filter: "source:'feed-a'", ids: ids[4] } });
		expect(byFilter.status).toBe(200);
		expect(byFilter.json.resources.sort()).toEqual([ids[1], ids[2]].sort());
		expect(sb.state.iocs.get(ids[4])).toBeDefined();
		expect(sb.state.iocs.size).toBe(2);
		expect((await call(sb, 'DELETE', PATH, { token })).status).toBe(400);
		expect((await call(sb, 'DELETE', PATH, { token, query: { ids: 'gone' } })).status).toBe(404);
	});

	it('expires indicators: past expiration => expired, action no_action (indicator stays)', async () => {
		const created = await create([
			{ type: 'sha256', value: SHA(50), action: 'prevent', severity: 'high', platforms: ['windows'], applied_globally: true, expiration: new Date(Date.now() + 300).toISOString() },
		]);
		expect(created.status).toBe(201);
		await new Promise((r) => setTimeout(r, 400));
		const res = await call<Envelope<Ioc>>(sb, 'GET', '/iocs/combined/indicator/v1', { token, query: { filter: 'expired:true' } });
		expect(res.json.resources).toHaveLength(1);
		expect(res.json.resources[0]).toMatchObject({ expired: true, action: 'no_action' });
	});
});
