/** The "Cytomic Orion API" credential: password grant, token kept and renewed by n8n, https, test, secrecy. */
import { CytomicOrionApi } from '../../credentials/CytomicOrionApi.credentials';
import { startSandbox, type Sandbox } from '../../sandbox';
import { testCredential } from '../harness';
import { CREDENTIAL_REF, ORION_API, apiCalls, expectNoSecrets, orionCredential, orionStore, runOrion, tokenCalls } from './helpers';

const getter = { operation: 'getManyByAttributes', iocType: 'IPIoc', values: '198.51.100.23' };

describe('Cytomic Orion API credential', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.close());
	beforeEach(() => sb.reset());

	it('gets a token with the password grant: form body, scope orion.api, client as HTTP Basic (never in the form)', async () => {
		const result = await runOrion(sb, { parameters: getter });
		expect(result.error).toBeUndefined();
		const [call] = tokenCalls(sb);
		expect(call).toMatchObject({ method: 'POST', path: '/orion/oauth/token', status: 200 });
		expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(call.headers.authorization).toBe('Basic <redacted>');
		expect(call.body).toEqual({ grant_type: 'password', username: sb.orion.username, password: '<redacted>', scope: 'orion.api' });
		expect(apiCalls(sb)[0].headers.authorization).toBe('Bearer <redacted>');
	});

	it('keeps the token between executions, and renews it once after the API starts refusing it', async () => {
		const store = orionStore(sb);
		await runOrion(sb, { parameters: getter, store });
		await runOrion(sb, { parameters: getter, store });
		expect(tokenCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb).map((call) => call.status)).toEqual([200, 200]);
		expect(store.updateCount(CREDENTIAL_REF.id)).toBe(1);
		const first = store.getData(CREDENTIAL_REF.id).accessToken;
		const expiresIn = Date.parse(store.getData(CREDENTIAL_REF.id).expiresAt as string) - Date.now();
		expect(expiresIn).toBeGreaterThan((sb.config.tokenLifetimeSeconds - 60) * 1000);
		expect(expiresIn).toBeLessThanOrEqual(sb.config.tokenLifetimeSeconds * 1000);

		expect(sb.expireTokens()).toBe(1);
		sb.clearRequests();
		// Three types at once: the first request renews the token alone, the others reuse the new one.
		const result = await runOrion(sb, {
			parameters: { operation: 'getManyByAttributes', iocType: '={{ $json.type }}', values: '={{ $json.value }}', requestOptions: { concurrency: 3 } },
			input: [
				{ json: { type: 'IPIoc', value: '198.51.100.23' } },
				{ json: { type: 'DomainIoc', value: 'c2.malware.example.net' } },
				{ json: { type: 'FileHashIoc', value: '44d88612fea8a8f36de82e1278abb02f' } },
			],
			store,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.found)).toEqual([true, true, true]);
		expect(tokenCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb).map((call) => call.status)).toEqual([401, 200, 200, 200]);
		expect(store.updateCount(CREDENTIAL_REF.id)).toBe(2);
		expect(store.getData(CREDENTIAL_REF.id).accessToken).not.toBe(first);

		sb.clearRequests();
		await runOrion(sb, { parameters: getter, store });
		expect(tokenCalls(sb)).toHaveLength(0);
		expectNoSecrets(sb, result, store);
	});

	it('does not send a token issued for other settings: after an edit, a new token is fetched', async () => {
		const store = orionStore(sb);
		await runOrion(sb, { parameters: getter, store });
		const stale = store.getData(CREDENTIAL_REF.id);
		const credential = new CytomicOrionApi();
		const same = await credential.authenticate(stale, { url: '/x' });
		expect(same.headers?.Authorization).toBe(`Bearer ${stale.accessToken as string}`);
		expect(same.baseURL).toBe(`${sb.url}${ORION_API}`);
		const edited = await credential.authenticate({ ...stale, username: 'someone-else' }, { url: '/x' });
		expect(edited.headers?.Authorization).toBe('Bearer ');

		// The same API written with a trailing slash is another setting: the next run gets a new token and works.
		store.patch(CREDENTIAL_REF.id, { baseUrl: `${sb.url}${ORION_API}/` });
		sb.clearRequests();
		const result = await runOrion(sb, { parameters: getter, store });
		expect(result.error).toBeUndefined();
		expect(apiCalls(sb).map((call) => call.status)).toEqual([401, 200]);
		expect(tokenCalls(sb)).toHaveLength(1);
	});

	it.each([
		['Token URL', { authUrl: 'http://auth.example.com/oauth/token' }, 'Token URL must use https://'],
		['API Base URL', { baseUrl: 'http://api.example.com/api/v1/applications' }, 'API Base URL must use https://'],
		['Token URL', { authUrl: 'not a url' }, 'Token URL "not a url" is not a valid URL'],
	])('enforces https for the %s (plain http only on loopback) before sending anything', async (_field, overrides, message) => {
		const result = await runOrion(sb, { parameters: getter, store: orionStore(sb, overrides) });
		expect(result.error?.message).toContain(message);
		expect(sb.requests).toHaveLength(0);
		const tested = await testCredential('cytomicOrionApi', orionCredential(sb, overrides));
		expect(tested.status).toBe('Error');
		expect(tested.message).toContain(message);
	});

	it('credential test: OK with the sandbox credentials, through a harmless IOC listing', async () => {
		expect(await testCredential('cytomicOrionApi', orionCredential(sb))).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(apiCalls(sb).map((call) => [call.method, call.path, call.query])).toEqual([
			['GET', `${ORION_API}/iocs/FileHashIoc`, { from: ['0'], to: ['1000'], includeDeleted: ['false'] }],
		]);
	});

	it.each([
		['a wrong client secret', { clientSecret: 'wrong-secret-0001' }, 'invalid_client: Invalid client credentials'],
		['a wrong password', { password: 'wrong-password-0002' }, 'invalid_grant: Invalid username or password'],
	])("credential test: Error with the vendor's message for %s, and no secret in it", async (_what, overrides, vendor) => {
		const tested = await testCredential('cytomicOrionApi', orionCredential(sb, overrides));
		expect(tested.status).toBe('Error');
		expect(tested.message).toBe(`Cytomic Orion refused a token for client ID "${sb.orion.clientId}" and user "${sb.orion.username}": ${vendor}`);
		for (const secret of [sb.orion.clientSecret, sb.orion.password, ...Object.values(overrides)]) expect(tested.message).not.toContain(secret);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	it('a refused token fails the node with the vendor message, and no secret reaches outputs, errors or logs', async () => {
		const store = orionStore(sb, { password: 'wrong-password-0003' });
		const result = await runOrion(sb, { parameters: getter, store });
		expect(result.error?.message).toContain('invalid_grant: Invalid username or password');
		const visible = JSON.stringify({ error: result.error, logs: result.logs, items: result.items, runData: result.runData });
		for (const secret of [sb.orion.clientSecret, 'wrong-password-0003']) expect(visible).not.toContain(secret);
		expect(apiCalls(sb)).toHaveLength(0);

		const kept = await runOrion(sb, { parameters: getter, store, continueOnFail: true });
		expect(kept.items[0].json.error).toContain('invalid_grant');
		expect(JSON.stringify(kept.items)).not.toContain('wrong-password-0003');
	});

	it('an unreachable token endpoint is reported without the request (no secret, no password)', async () => {
		const closed = await startSandbox();
		const url = closed.url;
		await closed.close();
		const store = orionStore(sb, { authUrl: `${url}/orion/oauth/token` });
		const result = await runOrion(sb, { parameters: { ...getter, requestOptions: { maxRetries: 0 } }, store });
		expect(result.error?.message).toContain(`Could not reach the Cytomic Orion token endpoint at ${url}: connection refused`);
		expectNoSecrets(sb, result, store);
		const tested = await testCredential('cytomicOrionApi', orionCredential(sb, { authUrl: `${url}/orion/oauth/token` }));
		expect(tested).toEqual({ status: 'Error', message: `Could not reach the Cytomic Orion token endpoint at ${url}: connection refused` });
	});

	it('no secret or token in outputs, errors or logs of successful and failing runs', async () => {
		const store = orionStore(sb);
		const ok = await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.99', daysToExpiration: 2 }, store });
		sb.state.orion.injectFailure({ operation: 'getter', status: 400, message: 'Bad request' });
		const failed = await runOrion(sb, { parameters: getter, store });
		expect(failed.error?.message).toBe('Bad request');
		expectNoSecrets(sb, ok, store);
		expectNoSecrets(sb, failed, store);
		expect(JSON.stringify(sb.requests)).not.toContain(sb.orion.password);
		expect(JSON.stringify(sb.requests)).not.toContain(store.getData(CREDENTIAL_REF.id).accessToken as string);
	});
});
