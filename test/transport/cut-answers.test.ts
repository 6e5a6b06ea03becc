/**
 * Issue 11.6: a connection cut halfway through the answer (headers and half the body sent, then
 * reset) may come after the write landed. It is classified like a dropped connection: the writes are
 * looked up, not reported as failed, and every stored indicator ends as created, once.
 */
import { CredentialStore, runNode } from '../harness';
import { sandboxBehindFront } from './front';
import { cutAnswer } from './servers';

const env = sandboxBehindFront();

const fast = { maxRetries: 4, retryBaseMs: 20, timeout: 5000 };

/** Every answer to a `method path` request cut halfway, the connection closed (axios: "stream has been aborted") or reset. */
function cutWrites(method: string, path: RegExp, how: 'close' | 'reset') {
	let cut = 0;
	env.front.hook = async (seen, res, forward) => {
		if (seen.method !== method || !path.test(seen.path)) return false;
		cut++;
		cutAnswer(res, await forward(), how);
		return true;
	};
	return () => cut;
}

describe.each(['close', 'reset'] as const)('answers cut halfway, then the connection %s', (how) => {
it('Falcon: 150 creates whose answers are all cut end as created, each once', async () => {
	const cuts = cutWrites('POST', /^\/iocs\/entities\/indicators\/v1$/, how);
	const input = Array.from({ length: 150 }, (_, i) => ({ json: { value: `c0de${i.toString(16).padStart(60, '0')}` } }));
	const result = await runNode({
		type: 'crowdStrikeFalconIoc',
		parameters: { resource: 'indicator', operation: 'create', type: 'sha256', value: '={{ $json.value }}', action: 'detect', severity: 'low', platforms: ['windows'], appliedGlobally: true, requestOptions: fast },
		input,
		credentials: new CredentialStore({ crowdStrikeFalconApi: { cloud: 'custom', customBaseUrl: env.front.url, clientId: env.sandbox.falcon.clientId, clientSecret: env.sandbox.falcon.clientSecret } }),
		continueOnFail: true,
	});
	expect(cuts()).toBeGreaterThan(0);
	const stored = env.sandbox.state.iocs.all().filter((ioc) => ioc.value.startsWith('c0de'));
	expect(stored).toHaveLength(150);
	expect(result.items.filter((item) => item.json.error).map((item) => item.json.error)).toEqual([]);
	expect(new Set(result.items.map((item) => item.json.id))).toEqual(new Set(stored.map((ioc) => ioc.id)));
}, 60_000);

it('Orion: 60 imports whose answers are all cut end as created, each once', async () => {
	const cuts = cutWrites('POST', /^\/orion\/api\/v1\/applications\/iocs\/FileHashIoc$/, how);
	const values = Array.from({ length: 60 }, (_, i) => i.toString(16).padStart(32, 'c'));
	const result = await runNode({
		type: 'cytomicOrion',
		parameters: { resource: 'ioc', operation: 'import', iocType: 'FileHashIoc', values: '={{ $json.value }}', daysToExpiration: 5, retrospective: false, requestOptions: fast },
		input: values.map((value) => ({ json: { value } })),
		credentials: new CredentialStore({
			cytomicOrionApi: {
				authUrl: `${env.front.url}/orion/oauth/token`,
				baseUrl: `${env.front.url}/orion/api/v1/applications`,
				clientId: env.sandbox.orion.clientId,
				clientSecret: env.sandbox.orion.clientSecret,
				username: env.sandbox.orion.username,
				password: env.sandbox.orion.password,
			},
		}),
		continueOnFail: true,
	});
	expect(cuts()).toBeGreaterThan(0);
	expect(values.filter((value) => !env.sandbox.state.orion.ioc('FileHashIoc', value))).toEqual([]);
	expect(result.items.filter((item) => item.json.error).map((item) => item.json.error)).toEqual([]);
	expect(result.items).toHaveLength(60);
}, 60_000);
});
