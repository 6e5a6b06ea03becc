import { startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

describe('sandbox: OAuth2 token flow', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ region: 'us-2' });
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.reset());

	it('issues a bearer token (201) with X-Cs-Region and a trace id', async () => {
		const res = await call<{ access_token: string; token_type: string; expires_in: number }>(sb, 'POST', '/oauth2/token', {
			form: { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret },
		});
		expect(res.status).toBe(201);
		expect(res.json.token_type).toBe('bearer');
		expect(res.json.expires_in).toBe(1799);
		expect(res.json.access_token.length).toBeGreaterThan(20);
		expect(res.headers['x-cs-region']).toBe('us-2');
		expect(res.headers['x-cs-traceid']).toMatch(/^[0-9a-f-]{36}$/);
		expect(res.headers['x-ratelimit-limit']).toBe('300');
	});

	it('refuses a bad secret with 401 and never echoes the secret (log redacted too)', async () => {
		const secret = 'wrong-secret-value-123';
		const res = await call<Envelope>(sb, 'POST', '/oauth2/token', { form: { client_id: sb.falcon.clientId, client_secret: secret } });
		expect(res.status).toBe(401);
		expect(res.json.errors[0].message).toBe(
			`Failed to generate access token for clientID=${sb.falcon.clientId}, please check credentials`,
		);
		expect(res.text).not.toContain(secret);
		const logged = sb.requests[sb.requests.length - 1];
		expect(logged.body).toEqual({ client_id: sb.falcon.clientId, client_secret: '<redacted>' });
		expect(JSON.stringify(sb.requests)).not.toContain(secret);
	});

	it('requires a form-encoded body', async () => {
		const res = await call<Envelope>(sb, 'POST', '/oauth2/token', {
			body: { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret },
			invalid: 'JSON where the token call consumes a form',
		});
		expect(res.status).toBe(400);
	});

	it('accepts a known member_cid and refuses an unknown one', async () => {
		const good = await call(sb, 'POST', '/oauth2/token', {
			form: { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret, member_cid: sb.config.memberCids[0].toLowerCase() },
		});
		expect(good.status).toBe(201);
		const bad = await call<Envelope>(sb, 'POST', '/oauth2/token', {
			form: { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret, member_cid: 'f'.repeat(32) },
		});
		expect(bad.status).toBe(403);
		expect(bad.json.errors[0].message).toContain('member_cid');
	});

	it('answers 401 "access denied, invalid bearer token" without a valid token', async () => {
		for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }] as Array<Record<string, string>>) {
			const res = await call<Envelope>(sb, 'GET', '/iocs/queries/indicators/v1', { headers });
			expect(res.status).toBe(401);
			expect(res.json.errors).toEqual([{ code: 401, message: 'access denied, invalid bearer token' }]);
			expect(res.json.meta.trace_id).toBe(res.headers['x-cs-traceid']);
		}
	});

	it('expireTokens() invalidates current tokens; a new token works', async () => {
		const token = await getToken(sb);
		expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token })).status).toBe(200);
		expect(sb.expireTokens()).toBeGreaterThanOrEqual(1);
		expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token })).status).toBe(401);
		const fresh = await getToken(sb);
		expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token: fresh })).status).toBe(200);
	});

	it('tokens expire after tokenLifetimeSeconds', async () => {
		sb.config.tokenLifetimeSeconds = 0.3;
		try {
			const token = await getToken(sb);
			expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token })).status).toBe(200);
			await new Promise((r) => setTimeout(r, 350));
			expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token })).status).toBe(401);
		} finally {
			sb.config.tokenLifetimeSeconds = 1799;
		}
	});

	it('revokes a token with HTTP Basic client credentials', async () => {
		const token = await getToken(sb);
		const basic = Buffer.from(`${sb.falcon.clientId}:${sb.falcon.clientSecret}`).toString('base64');
		const bad = await call(sb, 'POST', '/oauth2/revoke', { form: { token }, headers: { authorization: 'Basic Zm9vOmJhcg==' } });
		expect(bad.status).toBe(401);
		const res = await call<Envelope>(sb, 'POST', '/oauth2/revoke', { form: { token }, headers: { authorization: `Basic ${basic}` } });
		expect(res.status).toBe(200);
		expect(res.json.errors).toEqual([]);
		expect((await call(sb, 'GET', '/iocs/queries/indicators/v1', { token })).status).toBe(401);
	});

	it('limits bad-token requests per IP (badTokenRateLimitPerMinute) with 429', async () => {
		sb.config.badTokenRateLimitPerMinute = 3;
		try {
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await call(sb, 'GET', '/iocs/queries/indicators/v1')).status);
			expect(statuses).toEqual([401, 401, 401, 429]);
		} finally {
			sb.config.badTokenRateLimitPerMinute = 15;
		}
	});

	it('limits token calls (tokenRateLimitPerMinute)', async () => {
		sb.config.tokenRateLimitPerMinute = 2;
		try {
			const form = { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret };
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await call(sb, 'POST', '/oauth2/token', { form })).status);
			expect(statuses).toEqual([201, 201, 429]);
		} finally {
			sb.config.tokenRateLimitPerMinute = 300;
		}
	});
});

describe('sandbox: region redirect', () => {
	it('answers token calls with 308 + Location when redirectTokenTo is set', async () => {
		const target = await startSandbox({ region: 'us-2' });
		const entry = await startSandbox({ redirectTokenTo: target.url });
		try {
			const res = await call(entry, 'POST', '/oauth2/token', {
				form: { client_id: entry.falcon.clientId, client_secret: entry.falcon.clientSecret },
			});
			expect(res.status).toBe(308);
			expect(res.headers.location).toBe(`${target.url}/oauth2/token`);
			const followed = await call(target, 'POST', '/oauth2/token', {
				form: { client_id: target.falcon.clientId, client_secret: target.falcon.clientSecret },
			});
			expect(followed.status).toBe(201);
			expect(followed.headers['x-cs-region']).toBe('us-2');
		} finally {
			await entry.close();
			await target.close();
		}
	});
});
