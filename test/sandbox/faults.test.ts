import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

describe('fault injection', () => {
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox();
		token = await getToken(sb);
	});
	afterAll(() => sb.close());
	afterEach(() => {
		Object.assign(sb.config.faults, { rate5xx: 0, rateDrop: 0, rateSlow: 0, rateMalformed: 0, rate429: 0, includeTokenCalls: false, seed: 1 });
	});

	it('rate5xx answers 500/502/503 in the envelope', async () => {
		sb.config.faults.rate5xx = 1;
		for (let i = 0; i < 5; i++) {
			const r = await call<Envelope>(sb, 'GET', '/iocs/queries/indicators/v1', { token });
			expect([500, 502, 503]).toContain(r.status);
			expect(r.json.errors[0].code).toBe(r.status);
			expect(r.json.meta.trace_id).toBeTruthy();
		}
		expect(sb.requests[sb.requests.length - 1].fault).toBe('5xx');
	});

	it('rateDrop destroys the socket without an answer', async () => {
		sb.config.faults.rateDrop = 1;
		await expect(
			request(`${sb.url}/iocs/queries/indicators/v1`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.body.text()),
		).rejects.toThrow();
		expect(sb.requests[sb.requests.length - 1]).toMatchObject({ status: 0, fault: 'drop' });
	});

	it('rateMalformed answers 200 with broken JSON', async () => {
		sb.config.faults.rateMalformed = 1;
		const r = await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
		expect(r.status).toBe(200);
		expect(() => JSON.parse(r.text)).toThrow();
	});

	it('rate429 answers 429 with a RetryAfter about one second ahead', async () => {
		sb.config.faults.rate429 = 1;
		const now = Date.now() / 1000;
		const r = await call<Envelope>(sb, 'GET', '/iocs/queries/indicators/v1', { token });
		expect(r.status).toBe(429);
		expect(r.json.errors[0].message).toBe('API rate limit exceeded.');
		const retry = Number(r.headers['x-ratelimit-retryafter']);
		expect(retry).toBeGreaterThanOrEqual(Math.floor(now));
		expect(retry).toBeLessThanOrEqual(Math.ceil(now) + 2);
	});

	it('rateSlow answers after slowMs', async () => {
		sb.config.faults.rateSlow = 1;
		sb.config.faults.slowMs = 150;
		const t = Date.now();
		const r = await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
		expect(r.status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
	});

	it('is deterministic for a seed, and spares token calls and the admin API', async () => {
		const statuses = async (s: Sandbox, t: string) => {
			const out: number[] = [];
			for (let i = 0; i < 25; i++) out.push((await call(s, 'GET', '/iocs/queries/indicators/v1', { token: t })).status);
			return out;
		};
		const faults = { seed: 42, rate5xx: 0.3, rate429: 0.2 };
		const a = await startSandbox({ faults });
		const b = await startSandbox({ faults });
		try {
			const sa = await statuses(a, await getToken(a));
			const sb2 = await statuses(b, await getToken(b));
			expect(sa).toEqual(sb2);
			expect(sa.some((s) => s !== 200)).toBe(true);
			expect(sa.some((s) => s === 200)).toBe(true);
			a.config.faults.rate5xx = 1;
			expect((await call(a, 'GET', '/_sandbox/health')).status).toBe(200);
			expect((await call(a, 'POST', '/oauth2/token', { form: { client_id: a.falcon.clientId, client_secret: a.falcon.clientSecret } })).status).toBe(201);
			a.config.faults.includeTokenCalls = true;
			expect((await call(a, 'POST', '/oauth2/token', { form: { client_id: a.falcon.clientId, client_secret: a.falcon.clientSecret } })).status).toBeGreaterThanOrEqual(500);
		} finally {
			await a.close();
			await b.close();
		}
	});
});
