import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

describe('admin API (/_sandbox/)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());

	it('GET /_sandbox/health', async () => {
		const r = await call<{ status: string; indicators: number; url: string }>(sb, 'GET', '/_sandbox/health');
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ status: 'ok', indicators: 40, url: sb.url });
	});

	it('GET and DELETE /_sandbox/requests (admin calls are not logged)', async () => {
		const token = await getToken(sb);
		await call(sb, 'GET', '/iocs/queries/indicators/v1', { token, query: { limit: 1 } });
		const r = await call<{ count: number; requests: Array<{ path: string; headers: Record<string, string> }> }>(sb, 'GET', '/_sandbox/requests', {
			query: { path: '/iocs/' },
		});
		expect(r.json.count).toBe(1);
		expect(r.json.requests[0].headers.authorization).toBe('Bearer <redacted>');
		const all = await call<{ count: number }>(sb, 'GET', '/_sandbox/requests');
		expect(all.json.count).toBe(2);
		const del = await call<{ cleared: number }>(sb, 'DELETE', '/_sandbox/requests');
		expect(del.json.cleared).toBe(2);
		expect(sb.requests).toHaveLength(0);
	});

	it('GET and PATCH /_sandbox/config (validated, live)', async () => {
		const got = await call<{ rateLimitPerMinute: number; region: string }>(sb, 'GET', '/_sandbox/config');
		expect(got.json).toMatchObject({ rateLimitPerMinute: 6000, region: 'us-1' });
		const patched = await call<{ latencyMs: number; faults: { rate5xx: number; slowMs: number } }>(sb, 'PATCH', '/_sandbox/config', {
			body: { latencyMs: 5, faults: { rate5xx: 0 } },
		});
		expect(patched.status).toBe(200);
		expect(patched.json.latencyMs).toBe(5);
		expect(patched.json.faults.slowMs).toBe(2000);
		expect(sb.config.latencyMs).toBe(5);
		const bad = await call<Envelope>(sb, 'PATCH', '/_sandbox/config', { body: { latencyMs: -1 } });
		expect(bad.status).toBe(400);
		expect((await call(sb, 'PATCH', '/_sandbox/config', { body: { nope: 1 } })).status).toBe(400);
		expect((await call(sb, 'PATCH', '/_sandbox/config', { body: { faults: { rate5xx: 2 } } })).status).toBe(400);
		expect(sb.config.latencyMs).toBe(5);
		const reset = await call<{ configReset: boolean }>(sb, 'POST', '/_sandbox/reset', { body: { config: true } });
		expect(reset.json.configReset).toBe(true);
		expect(sb.config.latencyMs).toBe(0);
	});

	it('POST /_sandbox/expire-tokens', async () => {
		const token = await getToken(sb);
		const r = await call<{ expired: number }>(sb, 'POST', '/_sandbox/expire-tokens');
		expect(r.json.expired).toBeGreaterThanOrEqual(1);
		expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token })).status).toBe(401);
	});

	it('POST /_sandbox/seed/indicators and POST /_sandbox/reset', async () => {
		const seeded = await call<{ created: number; total: number }>(sb, 'POST', '/_sandbox/seed/indicators', { body: { count: 1000 } });
		expect(seeded.json).toMatchObject({ created: 1000, total: 1040 });
		expect((await call(sb, 'POST', '/_sandbox/seed/indicators', { body: { count: 0 } })).status).toBe(400);
		const reset = await call<{ indicators: number }>(sb, 'POST', '/_sandbox/reset');
		expect(reset.json.indicators).toBe(40);
		expect(sb.state.iocs.size).toBe(40);
	});

	it('POST /_sandbox/seed/feed: a feed\'s sha256 indicators of one source, the first ones "changed"', async () => {
		const body = { count: 1000, source: 'Bench feed', sha256Prefix: 'bc06', start: 5, changedBelow: 15, otherSeverity: 'low', severity: 'high' };
		const seeded = await call<{ created: number; total: number }>(sb, 'POST', '/_sandbox/seed/feed', { body });
		expect(seeded.json).toMatchObject({ created: 1000, total: 1040 });
		const first = sb.state.iocs.findByValue('sha256', `bc06${(5).toString(16).padStart(60, '0')}`);
		expect(first).toMatchObject({ source: 'Bench feed', severity: 'low', action: 'detect', applied_globally: true });
		expect(sb.state.iocs.findByValue('sha256', `bc06${(15).toString(16).padStart(60, '0')}`)).toMatchObject({ severity: 'high' });
		expect((await call(sb, 'POST', '/_sandbox/seed/feed', { body: { ...body, source: '' } })).status).toBe(400);
		expect((await call(sb, 'POST', '/_sandbox/seed/feed', { body: { ...body, sha256Prefix: 'xyz' } })).status).toBe(400);
		await call(sb, 'POST', '/_sandbox/reset');
	});

	it('GET /_sandbox/credentials and /_sandbox/routes', async () => {
		const creds = await call<{ falcon: { clientId: string; clientSecret: string; baseUrl: string } }>(sb, 'GET', '/_sandbox/credentials');
		expect(creds.json.falcon).toMatchObject({ clientId: sb.falcon.clientId, clientSecret: sb.falcon.clientSecret, baseUrl: sb.url });
		const routes = await call<{ routes: Array<{ method: string; path: string; operation?: string }> }>(sb, 'GET', '/_sandbox/routes');
		expect(routes.json.routes).toContainEqual({ method: 'GET', path: '/iocs/combined/indicator/v1', operation: 'indicator_combined_v1' });
	});

	it('seed data is deterministic', async () => {
		const other = await startSandbox();
		try {
			expect(other.state.iocs.all().map((d) => [d.id, d.value, d.action])).toEqual(sb.state.iocs.all().map((d) => [d.id, d.value, d.action]));
			expect(other.seedIndicators(50)).toEqual(sb.seedIndicators(50));
		} finally {
			await other.close();
			sb.reset();
		}
	});
});
