/**
 * Issue 11.7: Max Total Wait bounds the time one request spends waiting, over all its retries, and
 * the error says how long it waited. Issue 11.8: the token call is retried with the same policy
 * (429 as its RetryAfter says, 5xx with backoff), one at a time per credential: 50 items ask for
 * one token, and a refused token is not asked for again by every item.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { CredentialStore, runNode } from '../harness';
import { sendJson, startLoopback, type LoopbackServer } from './servers';

let sandbox: Sandbox;
let front: LoopbackServer;

beforeAll(async () => {
	sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
	front = await startLoopback(sandbox.url);
});
beforeEach(() => {
	sandbox.reset();
	sandbox.clearRequests();
	front.hook = undefined;
	front.seen.length = 0;
});
afterAll(async () => {
	await front.close();
	await sandbox.close();
});

const falcon = (extra: Record<string, string> = {}) => ({ cloud: 'custom', customBaseUrl: front.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret, ...extra });
const orion = () => ({
	authUrl: `${front.url}/orion/oauth/token`,
	baseUrl: `${front.url}/orion/api/v1/applications`,
	clientId: sandbox.orion.clientId,
	clientSecret: sandbox.orion.clientSecret,
	username: sandbox.orion.username,
	password: sandbox.orion.password,
});
const isToken = (path: string) => path === '/oauth2/token' || path === '/orion/oauth/token';
const tokenCalls = () => front.seen.filter((seen) => isToken(seen.path));
const domains = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { value: `host-${i}.example` } }));
const perItem = (requestOptions: Record<string, number>) => ({ resource: 'device', operation: 'count', type: 'domain', value: '={{ $json.value }}', requestOptions });

describe('Max Total Wait', () => {
	it('bounds the whole request: every call 429 with RetryAfter 2 s, 3 s budget, 20 retries → fails within about 3 s, saying how long it waited', async () => {
		let firstCallAt = 0;
		front.hook = (seen, res) => {
			if (isToken(seen.path)) return false;
			firstCallAt ||= Date.now();
			sendJson(res, 429, { meta: {}, resources: [], errors: [{ code: 429, message: 'API rate limit exceeded.' }] }, { 'X-RateLimit-RetryAfter': String(Date.now() + 2000), 'X-RateLimit-Remaining': '0' });
			return true;
		};
		const result = await runNode({
			type: 'crowdStrikeFalconIoc',
			parameters: perItem({ maxRetries: 20, maxWaitSeconds: 3, concurrency: 1 }),
			input: domains(1),
			credentials: new CredentialStore({ crowdStrikeFalconApi: falcon() }),
		});
		// From the first API call (n8n's start-up and the token call are not part of it).
		const elapsed = Date.now() - firstCallAt;
		expect(elapsed).toBeLessThan(4_500);
		expect(result.error?.message).toMatch(/^Rate limited after waiting 2(\.\d)? s over 2 tries; the next wait \(2(\.\d)? s\) would go past the Max Total Wait of 3 s: API rate limit exceeded/);
	}, 60_000);
});

describe('the token call', () => {
	it.each([
		['Falcon', 'crowdStrikeFalconIoc', () => ({ crowdStrikeFalconApi: falcon() }), { 'X-RateLimit-RetryAfter': () => String(Math.floor(Date.now() / 1000) + 1) }],
		['Orion', 'cytomicOrion', () => ({ cytomicOrionApi: orion() }), { 'Retry-After': () => '1' }],
	] as const)('%s: a 429 is waited out and asked again once; 50 items get by with that one token', async (vendor, type, credential, retryHeaders) => {
		let refused = 0;
		front.hook = (seen, res) => {
			if (!isToken(seen.path) || refused >= 1) return false;
			refused++;
			const headers = Object.fromEntries(Object.entries(retryHeaders).map(([name, value]) => [name, value()]));
			if (vendor === 'Falcon') sendJson(res, 429, { meta: {}, errors: [{ code: 429, message: 'API rate limit exceeded.' }] }, headers);
			else sendJson(res, 429, { error: 'too_many_requests', error_description: 'Too many token requests' }, headers);
			return true;
		};
		const parameters =
			vendor === 'Falcon'
				? perItem({ maxRetries: 3, concurrency: 5 })
				: { resource: 'ioc', operation: 'getManyByAttributes', iocType: 'IPIoc', values: '={{ $json.value }}', requestOptions: { maxRetries: 3, concurrency: 3 } };
		const input = vendor === 'Falcon' ? domains(50) : Array.from({ length: 50 }, (_, i) => ({ json: { value: `198.51.100.${i + 1}` } }));
		const result = await runNode({ type, parameters, input, credentials: new CredentialStore(credential()), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.filter((item) => item.json.error)).toEqual([]);
		expect(result.items).toHaveLength(50);
		expect(tokenCalls()).toHaveLength(2);
	}, 60_000);

	it('Falcon: a 5xx is retried with backoff', async () => {
		let failed = 0;
		front.hook = (seen, res) => {
			if (!isToken(seen.path) || failed >= 2) return false;
			failed++;
			sendJson(res, 503, { meta: {}, errors: [{ code: 503, message: 'Service Unavailable' }] });
			return true;
		};
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: perItem({ maxRetries: 3, retryBaseMs: 20 }), input: domains(10), credentials: new CredentialStore({ crowdStrikeFalconApi: falcon() }) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		expect(tokenCalls()).toHaveLength(3);
	});

	it('Falcon: a token endpoint that keeps answering 429 is asked at most Max Retries + 1 times for 50 items', async () => {
		front.hook = (seen, res) => {
			if (!isToken(seen.path)) return false;
			sendJson(res, 429, { meta: {}, errors: [{ code: 429, message: 'API rate limit exceeded.' }] }, { 'X-RateLimit-RetryAfter': String(Date.now() + 300) });
			return true;
		};
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: perItem({ maxRetries: 2, concurrency: 5 }), input: domains(50), credentials: new CredentialStore({ crowdStrikeFalconApi: falcon() }), continueOnFail: true });
		expect(result.items).toHaveLength(50);
		expect(result.items.every((item) => /API rate limit exceeded/.test(String(item.json.error)))).toBe(true);
		expect(tokenCalls().length).toBeLessThanOrEqual(3);
	}, 30_000);

	it('Falcon: a refused secret is asked for once, not once per item', async () => {
		const result = await runNode({
			type: 'crowdStrikeFalconIoc',
			parameters: perItem({ maxRetries: 3, concurrency: 5 }),
			input: domains(50),
			credentials: new CredentialStore({ crowdStrikeFalconApi: falcon({ clientSecret: 'wrong-secret-for-this-test' }) }),
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(50);
		expect(result.items.every((item) => /Failed to generate access token/.test(String(item.json.error)))).toBe(true);
		expect(tokenCalls()).toHaveLength(1);
	});
});
