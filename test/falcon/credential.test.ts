import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { request } from 'undici';

import { CrowdStrikeFalconApi } from '../../credentials/CrowdStrikeFalconApi.credentials';
import { startSandbox } from '../../sandbox';
import { testCredential } from '../harness';
import { apiCalls, falconCredential, falconStore, json, runFalcon, tokenCalls, useSandbox, visible } from './fixture';

const sandbox = useSandbox();
const countDevices = { resource: 'device', operation: 'count', type: 'domain', value: 'evil-updates.example' };

describe('CrowdStrike Falcon API credential', () => {
	it('fetches one token, sends it as a bearer token and keeps it for the next execution', async () => {
		const store = falconStore(sandbox());
		await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, { credentials: store });
		await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, { credentials: store });

		const [token] = tokenCalls(sandbox());
		expect(tokenCalls(sandbox())).toHaveLength(1);
		expect(token.method).toBe('POST');
		expect(token.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(token.body).toMatchObject({ client_id: sandbox().falcon.clientId });
		const calls = apiCalls(sandbox());
		expect(calls).toHaveLength(2);
		expect(calls.every((call) => call.headers.authorization === 'Bearer <redacted>')).toBe(true);
	});

	it('sends the member CID of an MSSP parent acting for a child', async () => {
		const memberCid = sandbox().config.memberCids[0];
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, {
			credentials: falconStore(sandbox(), { memberCid }),
		});
		expect(result.error).toBeUndefined();
		expect(tokenCalls(sandbox())[0].body).toMatchObject({ member_cid: memberCid });
	});

	it('renews a revoked token once and carries on with the new one', async () => {
		const store = falconStore(sandbox());
		await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, { credentials: store });
		sandbox().expireTokens();
		sandbox().clearRequests();

		const input = Array.from({ length: 20 }, (_, i) => ({ json: { value: `host-${i}.example` } }));
		const result = await runFalcon(
			sandbox(),
			'crowdStrikeFalconIoc',
			{ ...countDevices, value: '={{ $json.value }}', requestOptions: { concurrency: 1 } },
			{ credentials: store, input },
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		expect(tokenCalls(sandbox())).toHaveLength(1);
	});

	it('starts the other requests as soon as the first one has its token, without waiting for its answer', async () => {
		sandbox().config.latencyMs = 400;
		try {
			const input = Array.from({ length: 5 }, (_, i) => ({ json: { value: `host-${i}.example` } }));
			const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', { ...countDevices, value: '={{ $json.value }}' }, { input });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(5);
			expect(tokenCalls(sandbox())).toHaveLength(1);
			const [first, ...others] = apiCalls(sandbox()).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
			const firstAnsweredAt = Date.parse(first.at) + first.durationMs;
			expect(others).toHaveLength(4);
			for (const call of others) expect(Date.parse(call.at)).toBeLessThan(firstAnsweredAt);
		} finally {
			sandbox().config.latencyMs = 0;
		}
	});

	it('renews a token near its end once before fanning out again', async () => {
		sandbox().config.tokenLifetimeSeconds = 1;
		try {
			const store = falconStore(sandbox());
			const input = Array.from({ length: 30 }, (_, i) => ({ json: { value: `host-${i}.example` } }));
			await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, { credentials: store });
			await new Promise((resolve) => setTimeout(resolve, 1100));
			sandbox().clearRequests();
			const result = await runFalcon(
				sandbox(),
				'crowdStrikeFalconIoc',
				{ ...countDevices, value: '={{ $json.value }}', requestOptions: { concurrency: 8 } },
				{ credentials: store, input },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(30);
			expect(tokenCalls(sandbox()).length).toBeGreaterThanOrEqual(1);
			// One renewal per expiry: with a 1 s lifetime the run may span a second expiry, never one per request.
			expect(tokenCalls(sandbox()).length).toBeLessThanOrEqual(3);
		} finally {
			sandbox().config.tokenLifetimeSeconds = 1799;
		}
	});

	it("shows CrowdStrike's message for a wrong secret, and never the secret", async () => {
		const secret = 'wrong-secret-0123456789abcdef';
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, {
			credentials: falconStore(sandbox(), { clientSecret: secret }),
		});
		expect(result.error?.message).toContain('Failed to generate access token');
		expect(apiCalls(sandbox())).toHaveLength(0);
		expect(visible(result)).not.toContain(secret);
	});

	it('passes the credential test with good secrets and shows the API message with bad ones', async () => {
		expect(await testCredential('crowdStrikeFalconApi', falconCredential(sandbox()))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const bad = await testCredential('crowdStrikeFalconApi', falconCredential(sandbox(), { clientSecret: 'nope-nope-nope' }));
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('Failed to generate access token');
		expect(bad.message).not.toContain('nope-nope-nope');
	});

	it('refuses a plain-http custom URL that is not loopback, before sending the secret', async () => {
		const result = await testCredential('crowdStrikeFalconApi', falconCredential(sandbox(), { customBaseUrl: 'http://api.example.com' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('https://');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('follows a token redirect to the region that holds the client, and calls the API there', async () => {
		const region = await startSandbox({ falcon: sandbox().falcon, badTokenRateLimitPerMinute: 0 });
		try {
			sandbox().config.redirectTokenTo = `${region.url}/oauth2/token`;
			const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices);
			expect(result.error).toBeUndefined();
			expect(json(result)[0]).toMatchObject({ type: 'domain', value: 'evil-updates.example' });
			expect(tokenCalls(sandbox())).toHaveLength(1);
			expect(tokenCalls(region)).toHaveLength(1);
			expect(apiCalls(region)).toHaveLength(1);
			expect(apiCalls(sandbox())).toHaveLength(0);
		} finally {
			sandbox().config.redirectTokenTo = null;
			await region.close();
		}
	});

	it('refuses a token redirect to a host that is not CrowdStrike', async () => {
		sandbox().config.redirectTokenTo = 'https://falcon-phish.example.com/oauth2/token';
		const refused = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices);
		sandbox().config.redirectTokenTo = null;
		expect(refused.error?.message).toContain('not a CrowdStrike API host');
		expect(apiCalls(sandbox())).toHaveLength(0);
	});

	it('autodiscovers the cloud from the X-Cs-Region header of the token answer', async () => {
		sandbox().config.region = 'eu-1';
		// The US-1 entry point, answered by the sandbox on loopback.
		const helper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					const answer = await request(options.url.replace('https://api.crowdstrike.com', sandbox().url), {
						method: options.method,
						body: options.body as string,
						headers: options.headers as Record<string, string>,
					});
					return { statusCode: answer.statusCode, headers: answer.headers, body: (await answer.body.json()) as IDataObject };
				},
			},
		};
		const credential = new CrowdStrikeFalconApi();
		const data = falconCredential(sandbox(), { cloud: 'autodiscover', customBaseUrl: '' });
		const session = await credential.preAuthentication.call(helper, data);
		sandbox().config.region = 'us-1';

		expect(session.resolvedBaseUrl).toBe('https://api.eu-1.crowdstrike.com');
		expect(session.sessionToken).toEqual(expect.any(String));
		const signed = await credential.authenticate({ ...data, ...session }, { url: '/iocs/queries/ioc-types/v1' });
		expect(signed.baseURL).toBe('https://api.eu-1.crowdstrike.com');
		expect(signed.headers?.Authorization).toBe(`Bearer ${session.sessionToken}`);
	});

	it('does not reuse a token issued for other settings', async () => {
		const store = falconStore(sandbox());
		await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, { credentials: store });
		const id = store.findByType('crowdStrikeFalconApi')?.id as string;
		store.patch(id, { memberCid: sandbox().config.memberCids[1] });
		sandbox().clearRequests();

		await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices, { credentials: store });
		expect(tokenCalls(sandbox())).toHaveLength(1);
		expect(tokenCalls(sandbox())[0].body).toMatchObject({ member_cid: sandbox().config.memberCids[1] });
	});
});
