/** The Orion emulation over plain HTTP: token service, IOC API shapes, alerts, knobs. */
import { request } from 'undici';

import { startSandbox, type Sandbox } from '../../sandbox';
import { allowInvalidRequests } from '../contract';
import { ORION_API } from './helpers';

interface Answer<T = unknown> {
	status: number;
	json: T;
	text: string;
	headers: Record<string, string | string[] | undefined>;
}

async function call<T = Record<string, unknown>>(
	sb: Sandbox,
	method: string,
	path: string,
	options: { token?: string; body?: unknown; form?: Record<string, string>; basic?: [string, string]; headers?: Record<string, string>; contentType?: string } = {},
): Promise<Answer<T>> {
	const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.basic) headers.authorization = `Basic ${Buffer.from(options.basic.join(':')).toString('base64')}`;
	let body: string | undefined;
	if (options.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	} else if (options.body !== undefined) {
		headers['content-type'] = options.contentType ?? 'application/json-patch+json';
		body = JSON.stringify(options.body);
	}
	const res = await request(`${sb.url}${path}`, { method: method as 'GET', headers, body });
	const text = await res.body.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, json: json as T, text, headers: res.headers };
}

function tokenForm(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
	return { grant_type: 'password', username: sb.orion.username, password: sb.orion.password, scope: 'orion.api', ...extra };
}

async function token(sb: Sandbox): Promise<string> {
	const res = await call<{ access_token: string }>(sb, 'POST', '/orion/oauth/token', {
		form: tokenForm(sb),
		basic: [sb.orion.clientId, sb.orion.clientSecret],
	});
	expect(res.status).toBe(200);
	return res.json.access_token;
}

describe('sandbox: Cytomic Orion', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.close());
	beforeEach(() => {
		sb.reset();
		sb.config.orionRetrospectiveDelayMs = 0;
		sb.config.orionRetrospectiveLimitMs = 90_000;
	});

	describe('token service', () => {
		it('issues an expiring bearer token for the password grant with Basic client auth and scope orion.api', async () => {
			const res = await call<Record<string, unknown>>(sb, 'POST', '/orion/oauth/token', {
				form: tokenForm(sb),
				basic: [sb.orion.clientId, sb.orion.clientSecret],
			});
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: sb.config.tokenLifetimeSeconds, scope: 'orion.api' });
			expect(typeof res.json.access_token).toBe('string');
			expect(typeof res.json.refresh_token).toBe('string');
			const logged = sb.requests.at(-1);
			expect(logged?.headers.authorization).toBe('Basic <redacted>');
			expect(logged?.body).toEqual({ grant_type: 'password', username: sb.orion.username, password: '<redacted>', scope: 'orion.api' });
			expect(JSON.stringify(sb.requests)).not.toContain(sb.orion.password);
		});

		it.each([
			['no Basic auth (client in the form)', { form: { client_id: 'x', client_secret: 'y' } }, 401, 'invalid_client'],
			['a wrong client secret', { basic: ['CLIENT', 'wrong'] }, 401, 'invalid_client'],
			['a wrong password', { form: { password: 'wrong' } }, 400, 'invalid_grant'],
			['another grant type', { form: { grant_type: 'client_credentials' } }, 400, 'unsupported_grant_type'],
			['no orion.api scope', { form: { scope: 'openid' } }, 400, 'invalid_scope'],
		])('refuses %s with an OAuth2 error', async (_what, change: { form?: Record<string, string>; basic?: string[] }, status, error) => {
			allowInvalidRequests('token requests the service must refuse', { refusedOnly: true });
			const basic: [string, string] = change.basic ? [sb.orion.clientId, change.basic[1]] : [sb.orion.clientId, sb.orion.clientSecret];
			const res = await call<{ error: string; error_description: string }>(sb, 'POST', '/orion/oauth/token', {
				form: tokenForm(sb, change.form),
				basic: change.form?.client_id ? undefined : basic,
			});
			expect(res.status).toBe(status);
			expect(res.json.error).toBe(error);
			expect(res.json.error_description.length).toBeGreaterThan(5);
		});

		it('accepts only live Orion tokens on the API (not Falcon ones), and expireTokens() ends them', async () => {
			const orion = await token(sb);
			expect((await call(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: orion, body: [{ ip: '192.0.2.1' }] })).status).toBe(200);
			const falcon = await call<{ access_token: string }>(sb, 'POST', '/oauth2/token', {
				form: { client_id: sb.falcon.clientId, client_secret: sb.falcon.clientSecret },
			});
			const refused = await call<{ message: string }>(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: falcon.json.access_token, body: [{ ip: '192.0.2.1' }] });
			expect(refused.status).toBe(401);
			expect(refused.json.message).toBe('Authorization has been denied for this request.');
			expect(sb.expireTokens()).toBeGreaterThanOrEqual(1);
			expect((await call(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: orion, body: [{ ip: '192.0.2.1' }] })).status).toBe(401);
		});
	});

	describe('IOC API', () => {
		let bearer: string;
		beforeEach(async () => {
			bearer = await token(sb);
		});

		it('imports, lists by attributes and by date, and deletes, with the vendor response shapes', async () => {
			const before = Date.now();
			const imported = await call(sb, 'POST', `${ORION_API}/iocs/IPIoc?retrospective=True`, {
				token: bearer,
				body: [
					{ ip: '192.0.2.10', daysToExpiration: 10, source: 'feed', policy: 'block', description: 'c2', additionalData: 'x' },
					{ IP: '192.0.2.11', DaysToExpiration: 5 },
				],
			});
			expect(imported.status).toBe(200);
			expect(imported.json).toEqual({ success: true, message: '2 IPIoc added', error: null, PandaAlertId: expect.any(String) });

			const got = await call<Array<Record<string, unknown>>>(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: bearer, body: [{ ip: '192.0.2.10' }, { ip: '192.0.2.99' }] });
			expect(got.json).toHaveLength(1);
			expect(got.json[0]).toEqual({
				IocType: 'IPIoc',
				KeyValueAsString: '192.0.2.10',
				IocJson: { ip: '192.0.2.10', DaysToExpiration: 10, source: 'feed', policy: 'block', description: 'c2', additionalData: 'x' },
				DeploymentDateUTC: expect.any(String),
				ExpirationDateUTC: expect.any(String),
				LastRetroScanUTC: expect.any(String),
				PandaAlertId: imported.json.PandaAlertId,
			});
			const expires = Date.parse(got.json[0].ExpirationDateUTC as string) - Date.parse(got.json[0].DeploymentDateUTC as string);
			expect(expires).toBe(10 * 86_400_000);

			const listed = await call<unknown[]>(sb, 'GET', `${ORION_API}/iocs/IPIoc?from=${before - 1000}&to=${Date.now() + 1000}&includeDeleted=false`, { token: bearer });
			expect(listed.json).toHaveLength(2);

			const deleted = await call(sb, 'POST', `${ORION_API}/iocs/IPIoc/eraser/`, { token: bearer, body: [{ ip: '192.0.2.11' }, { ip: '192.0.2.99' }] });
			expect(deleted.json).toMatchObject({ success: true, message: '1 IPIoc deleted', error: null });
			const live = await call<unknown[]>(sb, 'GET', `${ORION_API}/iocs/IPIoc?from=${before - 1000}&to=${Date.now() + 1000}&includeDeleted=false`, { token: bearer });
			const all = await call<unknown[]>(sb, 'GET', `${ORION_API}/iocs/IPIoc?from=${Math.floor((before - 1000) / 1000)}&to=${Date.now() + 1000}&includeDeleted=true`, { token: bearer });
			expect([live.json.length, all.json.length]).toEqual([1, 2]);
		});

		it('takes the names the vendor pages use for the type, and answers with the canonical one', async () => {
			const res = await call(sb, 'POST', `${ORION_API}/iocs/filehashioc`, { token: bearer, body: [{ hash: 'AB'.repeat(16), daysToExpiration: 1 }] });
			expect(res.json).toMatchObject({ message: '1 FileHashIoc added' });
			const hash = await call(sb, 'POST', `${ORION_API}/iocs/Hash/getter/`, { token: bearer, body: [{ hash: 'ab'.repeat(16) }] });
			expect(hash.json).toHaveLength(1);
		});

		it.each([
			['a value of another type', 'IPIoc', [{ domain: 'example.com' }], 400],
			['two value fields', 'IPIoc', [{ ip: '192.0.2.1', domain: 'example.com' }], 400],
			['a URL without protocol', 'UrlIoc', [{ url: 'example.com/x' }], 400],
			['an unknown type', 'Sha256Ioc', [{ hash: 'x' }], 400],
			['an empty list', 'IPIoc', [], 400],
		])('refuses %s with success: false', async (_what, type, body, status) => {
			allowInvalidRequests('IOC calls the platform must refuse', { refusedOnly: true });
			const res = await call<{ success: boolean; message: string }>(sb, 'POST', `${ORION_API}/iocs/${type}`, { token: bearer, body });
			expect(res.status).toBe(status);
			expect(res.json.success).toBe(false);
			expect(res.json.message.length).toBeGreaterThan(5);
		});

		it('answers rate limits and injected failures in its own shape, not Falcon\'s', async () => {
			sb.config.faults = { ...sb.config.faults, rate5xx: 1, paths: ['/orion/api/'] };
			try {
				const failed = await call<Record<string, unknown>>(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: bearer, body: [{ ip: '192.0.2.1' }] });
				expect(failed.status).toBeGreaterThanOrEqual(500);
				expect(failed.json).toEqual({ success: false, message: expect.any(String), error: 'ServiceUnavailable', PandaAlertId: null });
			} finally {
				sb.config.faults = { ...sb.config.faults, rate5xx: 0, paths: undefined };
			}
			sb.config.rateLimitPerMinute = 1;
			try {
				await call(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: bearer, body: [{ ip: '192.0.2.1' }] });
				const limited = await call<Record<string, unknown>>(sb, 'POST', `${ORION_API}/iocs/IPIoc/getter/`, { token: bearer, body: [{ ip: '192.0.2.1' }] });
				expect(limited.status).toBe(429);
				expect(limited.json).toMatchObject({ success: false, error: 'TooManyRequests' });
			} finally {
				sb.config.rateLimitPerMinute = 6000;
			}
		});

		it('refuses a body that is not JSON with 415', async () => {
			allowInvalidRequests('a form body where the page asks for JSON', { refusedOnly: true });
			const res = await call(sb, 'POST', `${ORION_API}/iocs/IPIoc`, { token: bearer, form: { ip: '1.2.3.4' } });
			expect(res.status).toBe(415);
		});

		it('answers a retrospective search with the hits, slowed by orionRetrospectiveDelayMs and cut at the limit', async () => {
			sb.state.orion.plantSighting('DomainIoc', 'evil.example.org', 2);
			sb.config.orionRetrospectiveDelayMs = 300;
			const started = Date.now();
			const res = await call<Array<Record<string, unknown>>>(sb, 'POST', `${ORION_API}/iocs/DomainIoc/retrospectivesearcher`, {
				token: bearer,
				body: [{ domain: 'evil.example.org' }],
			});
			expect(Date.now() - started).toBeGreaterThanOrEqual(290);
			expect(res.json).toHaveLength(2);
			expect(res.json[0]).toEqual({
				MUID: expect.stringMatching(/^[0-9A-F]{32}$/),
				clientid: expect.any(String),
				firstSeen: expect.any(String),
				lastSeen: expect.any(String),
				ioc: { iockey: 'evil.example.org', type: 'Domain', source: null, policy: null, description: null },
				PandaAlertId: null,
			});
			sb.config.orionRetrospectiveLimitMs = 100;
			const cut = await call<{ success: boolean; message: string }>(sb, 'POST', `${ORION_API}/iocs/DomainIoc/retrospectivesearcher`, {
				token: bearer,
				body: [{ domain: 'evil.example.org' }],
			});
			expect(cut.status).toBe(504);
			expect(cut.json.success).toBe(false);
		});

		it('knobs are served over /_sandbox/config too', async () => {
			const res = await call(sb, 'PATCH', '/_sandbox/config', { body: { orionRetrospectiveDelayMs: 5 }, contentType: 'application/json' });
			expect(res.status).toBe(200);
			expect(sb.config.orionRetrospectiveDelayMs).toBe(5);
		});

		it('fails on demand: before the work, or after it (the change happens, the answer is lost)', async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 503, afterApply: true });
			const res = await call(sb, 'POST', `${ORION_API}/iocs/IPIoc`, { token: bearer, body: [{ ip: '192.0.2.50', daysToExpiration: 1 }] });
			expect(res.status).toBe(503);
			expect(sb.state.orion.ioc('IPIoc', '192.0.2.50')).toBeDefined();
			const again = await call(sb, 'POST', `${ORION_API}/iocs/IPIoc`, { token: bearer, body: [{ ip: '192.0.2.51', daysToExpiration: 1 }] });
			expect(again.status).toBe(200);
		});
	});

	describe('alerts', () => {
		it('lists seeded alerts in a window, filtered by statuses, and refuses windows over a month', async () => {
			const bearer = await token(sb);
			const now = Date.now();
			const all = await call<Array<Record<string, unknown>>>(sb, 'GET', `${ORION_API}/alerts/${now - 20 * 86_400_000}/${now}`, { token: bearer });
			expect(all.status).toBe(200);
			expect(all.json.length).toBe(24);
			expect(Object.keys(all.json[0]).sort()).toEqual(
				['HuntingRuleId', 'MUID', 'alertDateTime', 'caseId', 'caseName', 'clientid', 'details', 'excluded', 'huntingRule', 'id', 'lastHourEvidenceCount', 'machineName', 'mitre', 'severity', 'status', 'timestamp'].sort(),
			);
			const pending = await call<Array<{ status: string }>>(sb, 'GET', `${ORION_API}/alerts/${now - 20 * 86_400_000}/${now}?statuses=Pending,InProgress`, { token: bearer });
			expect(pending.json.length).toBeGreaterThan(0);
			expect(pending.json.length).toBeLessThan(24);
			expect(pending.json.every((alert) => alert.status === 'Pending' || alert.status === 'InProgress')).toBe(true);
			const added = sb.state.orion.addAlert({ status: 'Pending', machineName: 'NEW-HOST-1' });
			const fresh = await call<Array<{ id: string }>>(sb, 'GET', `${ORION_API}/alerts/${Math.floor((now - 1000) / 1000)}/${Date.now() + 1000}?statuses=Pending`, { token: bearer });
			expect(fresh.json.map((alert) => alert.id)).toEqual([added.id]);
			const wide = await call<{ success: boolean }>(sb, 'GET', `${ORION_API}/alerts/${now - 40 * 86_400_000}/${now}`, { token: bearer });
			expect(wide.status).toBe(400);
			const badStatus = await call(sb, 'GET', `${ORION_API}/alerts/${now - 1000}/${now}?statuses=Open`, { token: bearer });
			expect(badStatus.status).toBe(400);
		});
	});
});
