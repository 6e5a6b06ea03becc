import { CredentialStore, HarnessCredentialsHelper, createRegistry, runNode, testCredential } from '../harness';
import { fakeCredentialData, fakes, fakeStore } from './fixtures/setup';
import { startTokenServer, type TokenServer } from './fixtures/token-server';

let server: TokenServer;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => {
	await server.close();
});

const getData = { type: 'fakeApi', parameters: { operation: 'getData' }, ...fakes };

describe('preAuthentication and the credential store', () => {
	test('(a) the token is fetched once and reused by a later run sharing the store', async () => {
		const store = fakeStore(server);
		const before = server.tokenRequests;

		const first = await runNode({ ...getData, credentials: store });
		const second = await runNode({ ...getData, credentials: store });

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(server.tokenRequests - before).toBe(1);
		expect(first.items[0].json.token).toBe(second.items[0].json.token);
		expect(store.updateCount('1')).toBe(1);
		expect(store.getData('1').sessionToken).toBe(first.items[0].json.token);
		// The node referenced the store's credential by id, as n8n nodes do.
		expect(first.node.credentials).toEqual({ fakeTokenApi: { id: '1', name: 'Fake account' } });
	});

	test('(b) after the server expires the token, the 401 triggers exactly one refresh', async () => {
		const store = fakeStore(server);
		const warm = await runNode({ ...getData, credentials: store });
		const oldToken = warm.items[0].json.token;
		server.expireTokens();
		const tokensBefore = server.tokenRequests;
		const unauthorizedBefore = server.unauthorized;

		const refreshed = await runNode({ ...getData, credentials: store });
		const after = await runNode({ ...getData, credentials: store });

		expect(refreshed.error).toBeUndefined();
		expect(server.tokenRequests - tokensBefore).toBe(1);
		expect(server.unauthorized - unauthorizedBefore).toBe(1);
		expect(refreshed.items[0].json.token).not.toBe(oldToken);
		expect(after.items[0].json.token).toBe(refreshed.items[0].json.token);
		expect(store.updateCount('1')).toBe(2);
		expect(store.getData('1').sessionToken).toBe(refreshed.items[0].json.token);
	});

	test('credentials given as data by type get a fresh store per run (token fetched each time)', async () => {
		const before = server.tokenRequests;
		await runNode({ ...getData, credentials: { fakeTokenApi: fakeCredentialData(server) } });
		await runNode({ ...getData, credentials: { fakeTokenApi: fakeCredentialData(server) } });
		expect(server.tokenRequests - before).toBe(2);
	});

	test('getDecrypted reads a copy with the type defaults; updateCredentials stores', async () => {
		const store = new CredentialStore();
		const ref = store.add('fakeTokenApi', { clientId: 'x', stray: 'dropped' });
		const { credentialTypes } = createRegistry(fakes);
		const helper = new HarnessCredentialsHelper(store, credentialTypes);
		const additionalData = {} as Parameters<typeof helper.getDecrypted>[0];

		const first = await helper.getDecrypted(additionalData, ref, 'fakeTokenApi', 'manual');
		first.clientId = 'mutated';
		const second = await helper.getDecrypted(additionalData, ref, 'fakeTokenApi', 'manual');

		expect(second).toEqual({ sessionToken: '', baseUrl: '', clientId: 'x', clientSecret: '' });
		await helper.updateCredentials(ref, 'fakeTokenApi', { clientId: 'y' });
		expect(store.getData(ref.id)).toEqual({ clientId: 'y' });
		expect(store.updateCount()).toBe(1);
		await expect(helper.getDecrypted(additionalData, { id: '99', name: 'x' }, 'fakeTokenApi', 'manual')).rejects.toThrow(
			'Credential with ID "99" does not exist for type "fakeTokenApi".',
		);
	});
});

describe('(g) testCredential', () => {
	test('OK with valid client credentials; preAuthentication runs even with a stored token', async () => {
		const store = fakeStore(server);
		store.patch('1', { sessionToken: 'stale-but-present' });
		const before = server.tokenRequests;

		const result = await testCredential('fakeTokenApi', store, fakes);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.tokenRequests - before).toBe(1);
		expect(store.getData('1').sessionToken).toMatch(/^token-/);
		expect(await testCredential('fakeTokenApi', fakeCredentialData(server), fakes)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	test('Error with a wrong client secret, with the message n8n shows', async () => {
		const result = await testCredential('fakeTokenApi', fakeCredentialData(server, 'wrong'), fakes);
		expect(result).toEqual({ status: 'Error', message: 'Authorization failed - please check your credentials' });
	});

	test('Error when the API cannot be reached', async () => {
		const data = { ...fakeCredentialData(server), baseUrl: 'http://127.0.0.1:9' };
		const result = await testCredential('fakeTokenApi', data, fakes);
		expect(result).toEqual({ status: 'Error', message: 'The service refused the connection - perhaps it is offline' });
	});

	test('Error for a type without a test request', async () => {
		const result = await testCredential('noTestApi', {}, {
			extraCredentialTypes: [{ name: 'noTestApi', displayName: 'No test', properties: [] }],
		});
		expect(result).toEqual({ status: 'Error', message: 'No testing function found for this credential.' });
	});
});
