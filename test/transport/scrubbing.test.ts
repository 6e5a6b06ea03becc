/**
 * Issue 11.2: vendor text that echoes a secret never reaches an output. Token endpoints that repeat
 * the request in their 401 (Falcon `errors[0].message`, Orion `error_description`), an API error
 * that repeats the Authorization header: the client secret, the password, the Basic value and the
 * bearer token are scrubbed (plain, URL-encoded, base64) from errors, error items, logs and the
 * credential test. Long vendor text is cut: a 1 MB message, a list of 20,000 errors.
 */
import { CredentialStore, runNode, testCredential, type RunNodeResult } from '../harness';
import { sandboxBehindFront } from './front';
import { sendJson } from './servers';

const env = sandboxBehindFront();

// Secrets with characters a form encodes, so the URL-encoded forms differ from the plain ones.
const FALCON_SECRET = 'falcon secret/with+chars=0123456789';
const ORION_SECRET = 'orion client secret&more=9876543210';
const ORION_PASSWORD = 'orion pass word+/=42424242';

const falcon = () => ({ cloud: 'custom', customBaseUrl: env.front.url, clientId: env.sandbox.falcon.clientId, clientSecret: FALCON_SECRET });
const orion = () => ({
	authUrl: `${env.front.url}/orion/oauth/token`,
	baseUrl: `${env.front.url}/orion/api/v1/applications`,
	clientId: env.sandbox.orion.clientId,
	clientSecret: ORION_SECRET,
	username: env.sandbox.orion.username,
	password: ORION_PASSWORD,
});
const fast = { maxRetries: 1, retryBaseMs: 10, timeout: 2000 };
const falconRead = { resource: 'device', operation: 'count', type: 'domain', value: 'evil-updates.example', requestOptions: fast };
const orionRead = { resource: 'ioc', operation: 'getManyByAttributes', iocType: 'IPIoc', values: '198.51.100.23', requestOptions: fast };

function forms(secret: string): string[] {
	const base64 = Buffer.from(secret).toString('base64');
	return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), base64, base64.replace(/=+$/, '')];
}

function everything(result: RunNodeResult | object): string {
	return JSON.stringify(result, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message, description: (value as { description?: unknown }).description } : value));
}

function expectNone(result: RunNodeResult | object, secrets: string[]) {
	const text = everything(result);
	const shown = secrets.flatMap(forms).filter((form) => text.includes(form));
	expect(shown).toEqual([]);
}

describe('a token endpoint that echoes the request in its refusal', () => {
	beforeEach(() => {
		env.front.hook = (seen, res) => {
			if (seen.path === '/oauth2/token') {
				sendJson(res, 401, { meta: {}, errors: [{ code: 401, message: `invalid form ${seen.body} (${Buffer.from(seen.body).toString('base64')})` }] });
				return true;
			}
			if (seen.path === '/orion/oauth/token') {
				sendJson(res, 401, { error: 'invalid_client', error_description: `rejected ${seen.body} with ${seen.headers.authorization} ${decodeURIComponent(seen.body)}` });
				return true;
			}
			return false;
		};
	});

	it.each([false, true])('Falcon: the client secret appears nowhere (continue on fail: %s)', async (continueOnFail) => {
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: falconRead, credentials: new CredentialStore({ crowdStrikeFalconApi: falcon() }), continueOnFail });
		const text = everything(result);
		expect(text).toContain('invalid form client_id=');
		expect(text).toContain('[redacted]');
		expectNone(result, [FALCON_SECRET]);
	});

	it.each([false, true])('Orion: the client secret, the password and the Basic value appear nowhere (continue on fail: %s)', async (continueOnFail) => {
		const result = await runNode({ type: 'cytomicOrion', parameters: orionRead, credentials: new CredentialStore({ cytomicOrionApi: orion() }), continueOnFail });
		const text = everything(result);
		expect(text).toContain('invalid_client: rejected grant_type=password');
		expectNone(result, [ORION_SECRET, ORION_PASSWORD, `${env.sandbox.orion.clientId}:${ORION_SECRET}`]);
	});

	it('the credential tests show the refusal without the secrets', async () => {
		const falconTest = await testCredential('crowdStrikeFalconApi', falcon());
		expect(falconTest.message).toContain('invalid form client_id=');
		expectNone(falconTest, [FALCON_SECRET]);
		const orionTest = await testCredential('cytomicOrionApi', orion());
		expect(orionTest.message).toContain('rejected grant_type=password');
		expectNone(orionTest, [ORION_SECRET, ORION_PASSWORD, `${env.sandbox.orion.clientId}:${ORION_SECRET}`]);
	});
});

describe('an API error that echoes the request', () => {
	const echoAuthorization = (status: number) => {
		env.front.hook = (seen, res) => {
			if (seen.path.includes('device-count')) {
				sendJson(res, status, { meta: {}, resources: [], errors: [{ code: status, message: `bad header: ${seen.headers.authorization} ${Buffer.from(String(seen.headers.authorization)).toString('base64')}` }] });
				return true;
			}
			if (seen.path.startsWith('/orion/api/')) {
				sendJson(res, status, { success: false, message: `bad header: ${seen.headers.authorization}` });
				return true;
			}
			return false;
		};
	};

	it.each([false, true])('Falcon: the bearer token appears nowhere (continue on fail: %s)', async (continueOnFail) => {
		const store = new CredentialStore({ crowdStrikeFalconApi: { ...falcon(), clientSecret: env.sandbox.falcon.clientSecret } });
		echoAuthorization(400);
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: falconRead, credentials: store, continueOnFail });
		const token = store.all()[0].data.sessionToken as string;
		expect(token.length).toBeGreaterThan(8);
		expect(everything(result)).toContain('bad header: Bearer [redacted]');
		expectNone(result, [token]);
	});

	it('Orion: the bearer token appears nowhere', async () => {
		const store = new CredentialStore({ cytomicOrionApi: { ...orion(), clientSecret: env.sandbox.orion.clientSecret, password: env.sandbox.orion.password } });
		echoAuthorization(400);
		const result = await runNode({ type: 'cytomicOrion', parameters: orionRead, credentials: store, continueOnFail: true });
		const token = store.all()[0].data.accessToken as string;
		expect(everything(result)).toContain('bad header: Bearer [redacted]');
		expectNone(result, [token]);
	});
});

describe('long vendor text is cut', () => {
	const store = () => new CredentialStore({ crowdStrikeFalconApi: { ...falcon(), clientSecret: env.sandbox.falcon.clientSecret } });

	it('a 1 MB error message', async () => {
		env.front.hook = (seen, res) => {
			if (!seen.path.includes('device-count')) return false;
			sendJson(res, 400, { meta: {}, resources: [], errors: [{ code: 400, message: `invalid value ${'x'.repeat(1_000_000)}` }] });
			return true;
		};
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: falconRead, credentials: store(), continueOnFail: true });
		const item = result.items[0].json;
		expect(String(item.error)).toContain('invalid value xxx');
		expect(String(item.error).length).toBeLessThan(3_000);
		expect(String(item.description ?? '').length).toBeLessThan(3_000);
		expect(everything(result).length).toBeLessThan(50_000);
	});

	it('an error list of 20,000 entries', async () => {
		env.front.hook = (seen, res) => {
			if (!seen.path.includes('device-count')) return false;
			const errors = Array.from({ length: 20_000 }, (_, i) => ({ code: 404, message: `ID ${i.toString(16).padStart(32, '0')} not found` }));
			sendJson(res, 400, { meta: {}, resources: [], errors });
			return true;
		};
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: falconRead, credentials: store(), continueOnFail: true });
		const message = String(result.items[0].json.error);
		expect(message).toContain('… and 19990 more');
		expect(message.length).toBeLessThan(3_000);
		expect(everything(result).length).toBeLessThan(50_000);
	});
});
