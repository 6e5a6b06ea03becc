/**
 * Issue 11.1: no credential crosses origins. API calls and the credential test answered with a
 * redirect to another host are refused, naming the host, and the other host receives nothing; a
 * redirect within the same origin is followed. Every answer stays bounded in time: an answer with a
 * corrupt gzip body (which leaves n8n-core's request pending for ever with redirects disabled) fails
 * as a timeout.
 */
import { gzipSync } from 'node:zlib';

import { startSandbox, type Sandbox } from '../../sandbox';
import { CredentialStore, runNode, testCredential } from '../harness';
import { sendAnswer, startLoopback, type LoopbackServer } from './servers';

let sandbox: Sandbox;
let front: LoopbackServer;
let elsewhere: LoopbackServer;

beforeAll(async () => {
	sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
	front = await startLoopback(sandbox.url);
	elsewhere = await startLoopback();
});
beforeEach(() => {
	sandbox.reset();
	front.hook = undefined;
	front.seen.length = 0;
	elsewhere.seen.length = 0;
});
afterAll(async () => {
	await front.close();
	await elsewhere.close();
	await sandbox.close();
});

const falcon = () => ({ cloud: 'custom', customBaseUrl: front.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret });
const orion = () => ({
	authUrl: `${front.url}/orion/oauth/token`,
	baseUrl: `${front.url}/orion/api/v1/applications`,
	clientId: sandbox.orion.clientId,
	clientSecret: sandbox.orion.clientSecret,
	username: sandbox.orion.username,
	password: sandbox.orion.password,
});
const isToken = (path: string) => path === '/oauth2/token' || path === '/orion/oauth/token';
const fast = { maxRetries: 1, retryBaseMs: 10, timeout: 1000 };

const falconRead = { resource: 'device', operation: 'count', type: 'domain', value: 'evil-updates.example', requestOptions: fast };
const orionRead = { resource: 'ioc', operation: 'getManyByAttributes', iocType: 'IPIoc', values: '198.51.100.23', requestOptions: fast };

const runFalcon = async (store = new CredentialStore({ crowdStrikeFalconApi: falcon() })) => await runNode({ type: 'crowdStrikeFalconIoc', parameters: falconRead, credentials: store });
const runOrion = async (store = new CredentialStore({ cytomicOrionApi: orion() })) => await runNode({ type: 'cytomicOrion', parameters: orionRead, credentials: store });

/** Every API call (not the token call) answered with a redirect to `to(path)`. */
function redirectApiCalls(status: number, to: (path: string) => string) {
	front.hook = (seen, res) => {
		if (isToken(seen.path) || seen.path.startsWith('/moved')) return false;
		res.writeHead(status, { location: to(seen.path), 'content-length': '0' });
		res.end();
		return true;
	};
}

describe.each([
	['Falcon', runFalcon],
	['Orion', runOrion],
])('%s: a redirect of an API call', (_vendor, run) => {
	it.each([301, 302, 303, 307, 308])('to another host (HTTP %i) is refused, naming the host, and the host gets nothing', async (status) => {
		redirectApiCalls(status, (path) => `${elsewhere.url}${path}`);
		const result = await run();
		expect(result.error?.message).toContain(`to another host, ${elsewhere.host}`);
		expect(result.error?.message).toContain(`only sent to ${front.host}`);
		expect(elsewhere.seen).toEqual([]);
	});

	it('within the same origin is followed', async () => {
		const followed: string[] = [];
		front.hook = async (seen, res, forward) => {
			if (isToken(seen.path)) return false;
			if (seen.path.startsWith('/same-origin/')) {
				followed.push(seen.path);
				sendAnswer(res, await forward(seen.url.replace('/same-origin', '')));
				return true;
			}
			// A relative Location, resolved against the request's URL.
			res.writeHead(307, { location: `/same-origin${seen.url}`, 'content-length': '0' });
			res.end();
			return true;
		};
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(followed.length).toBeGreaterThan(0);
		expect(elsewhere.seen).toEqual([]);
	});
});

describe('the credential test', () => {
	it.each([
		['crowdStrikeFalconApi', falcon],
		['cytomicOrionApi', orion],
	] as const)('%s: a redirect of the test request to another host is refused, and the host gets nothing', async (type, data) => {
		redirectApiCalls(302, (path) => `${elsewhere.url}${path}`);
		const result = await testCredential(type, data());
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('302') as string });
		expect(elsewhere.seen).toEqual([]);
		expect(front.seen.some((seen) => !isToken(seen.path))).toBe(true);
	});
});

describe('every answer is bounded in time', () => {
	const corruptGzip = Buffer.concat([gzipSync('{"meta":{}}').subarray(0, 10), Buffer.alloc(200, 7)]);

	it.each([
		['Falcon', runFalcon],
		['Orion', runOrion],
	])('%s: an answer with a corrupt gzip body fails, and does not hang', async (vendor, run) => {
		// A token first: this run's request is no token call's leader, so its bound is its own (2 × Timeout + 1 s).
		const store = new CredentialStore(vendor === 'Falcon' ? { crowdStrikeFalconApi: falcon() } : { cytomicOrionApi: orion() });
		expect((await run(store)).error).toBeUndefined();
		front.hook = (seen, res) => {
			if (isToken(seen.path)) return false;
			res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(corruptGzip.length) });
			res.end(corruptGzip);
			return true;
		};
		const started = Date.now();
		const result = await Promise.race([run(store), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000).unref())]);
		expect(result).not.toBe('hung');
		// Two tries (Max Retries 1), each bounded at 3 s, and the backoff between them.
		expect(Date.now() - started).toBeLessThan(10_000);
		expect((result as Awaited<ReturnType<typeof runFalcon>>).error?.message).toMatch(/no answer read within 3 s/);
	}, 30_000);
});
