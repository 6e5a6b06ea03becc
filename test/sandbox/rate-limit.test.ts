import { SlidingWindowLimiter } from '../../sandbox/core/rate-limiter';
import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

describe('rate limits', () => {
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimitPerMinute: 5 });
		token = await getToken(sb);
	});
	afterAll(() => sb.close());
	beforeEach(async () => {
		sb.reset();
		token = await getToken(sb);
	});

	it('counts down X-RateLimit-Remaining and answers 429 with RetryAfter in epoch seconds', async () => {
		const remaining: string[] = [];
		for (let i = 0; i < 5; i++) {
			const r = await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
			expect(r.status).toBe(200);
			expect(r.headers['x-ratelimit-limit']).toBe('5');
			remaining.push(String(r.headers['x-ratelimit-remaining']));
		}
		expect(remaining).toEqual(['4', '3', '2', '1', '0']);
		const before = Date.now();
		const limited = await call<Envelope>(sb, 'GET', '/iocs/queries/indicators/v1', { token });
		expect(limited.status).toBe(429);
		expect(limited.json.errors).toEqual([{ code: 429, message: 'API rate limit exceeded.' }]);
		expect(limited.json.meta.trace_id).toBeTruthy();
		expect(limited.headers['x-ratelimit-remaining']).toBe('0');
		const retryAfter = Number(limited.headers['x-ratelimit-retryafter']);
		expect(retryAfter).toBeGreaterThan(before / 1000 + 55);
		expect(retryAfter).toBeLessThan(before / 1000 + 62);
	});

	it('can emit RetryAfter in epoch milliseconds, and 0 means unlimited', async () => {
		sb.config.retryAfterUnit = 'milliseconds';
		try {
			for (let i = 0; i < 5; i++) await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
			const limited = await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
			expect(limited.status).toBe(429);
			expect(Number(limited.headers['x-ratelimit-retryafter'])).toBeGreaterThan(1e12);
			sb.config.rateLimitPerMinute = 0;
			const free = await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
			expect(free.status).toBe(200);
			expect(Number(free.headers['x-ratelimit-remaining'])).toBeGreaterThan(1000);
		} finally {
			sb.config.retryAfterUnit = 'seconds';
			sb.config.rateLimitPerMinute = 5;
		}
	});

	it('never rate limits the admin API', async () => {
		for (let i = 0; i < 12; i++) expect((await call(sb, 'GET', '/_sandbox/health')).status).toBe(200);
	});

	it('slides the window (unit, fake clock)', () => {
		let now = 1_000_000;
		const limiter = new SlidingWindowLimiter(60_000, () => now);
		expect(limiter.hit('k', 2).allowed).toBe(true);
		now += 30_000;
		expect(limiter.hit('k', 2).allowed).toBe(true);
		const denied = limiter.hit('k', 2);
		expect(denied.allowed).toBe(false);
		expect(denied.resetAtMs).toBe(1_060_000);
		now = 1_060_001;
		expect(limiter.hit('k', 2)).toMatchObject({ allowed: true, remaining: 0 });
		expect(limiter.hit('other', 2)).toMatchObject({ allowed: true, remaining: 1 });
	});
});
