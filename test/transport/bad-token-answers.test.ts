/**
 * Issue 11.3: a token answer that names a region that is no Falcon cloud (`constructor`,
 * `__proto__`: names of Object's own properties) is a bad answer with a clear error, never a base
 * URL looked up on Object; an `expires_in` that is absurd (1e13), negative, not a number or missing
 * does not fail the run: a day at most is believed, and a missing one counts as the documented 30 minutes.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { CrowdStrikeFalconApi } from '../../credentials/CrowdStrikeFalconApi.credentials';
import { CytomicOrionApi } from '../../credentials/CytomicOrionApi.credentials';
import { CredentialStore, runNode } from '../harness';
import { sandboxBehindFront } from './front';
import { sendAnswer } from './servers';

const env = sandboxBehindFront();

/** A helper whose token call is answered with `headers` and `body`, as n8n-core hands an answer back. */
const answering = (headers: Record<string, string>, body: IDataObject) => ({
	helpers: { httpRequest: async (_options: IHttpRequestOptions) => ({ statusCode: 201, headers, body }) },
});

describe('Falcon autodiscovery', () => {
	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'us-9'])('X-Cs-Region "%s" is refused with a clear error', async (region) => {
		const credential = new CrowdStrikeFalconApi();
		const data = { cloud: 'autodiscover', clientId: 'client-id-0001', clientSecret: 'client-secret-0001' };
		await expect(credential.preAuthentication.call(answering({ 'x-cs-region': region }, { access_token: 'token-0001', expires_in: 1799 }) as never, data)).rejects.toThrow(
			`names the region "${region}" (X-Cs-Region), which is not a Falcon cloud this credential knows`,
		);
	});

	it('a known region, in any case, is followed', async () => {
		const credential = new CrowdStrikeFalconApi();
		const data = { cloud: 'autodiscover', clientId: 'client-id-0001', clientSecret: 'client-secret-0001' };
		const session = await credential.preAuthentication.call(answering({ 'x-cs-region': 'EU-1' }, { access_token: 'token-0001', expires_in: 1799 }) as never, data);
		expect(session.resolvedBaseUrl).toBe('https://api.eu-1.crowdstrike.com');
	});
});

describe('expires_in', () => {
	const DAY = 24 * 3600 * 1000;
	it.each([
		['1e13', 1e13, DAY],
		['a string of digits', '600', 600_000],
		['negative', -5, 1799_000],
		['not a number', 'NaN', 1799_000],
		['missing', undefined, 1799_000],
	])('Falcon: %s does not fail the run; the token is kept for a sane time', async (_what, expiresIn, lifetimeMs) => {
		env.front.hook = async (seen, res, forward) => {
			if (seen.path !== '/oauth2/token') return false;
			const answer = await forward();
			const body = JSON.parse(answer.body.toString()) as IDataObject;
			if (expiresIn === undefined) delete body.expires_in;
			else body.expires_in = expiresIn;
			sendAnswer(res, { ...answer, body: Buffer.from(JSON.stringify(body)) });
			return true;
		};
		const store = new CredentialStore({ crowdStrikeFalconApi: { cloud: 'custom', customBaseUrl: env.front.url, clientId: env.sandbox.falcon.clientId, clientSecret: env.sandbox.falcon.clientSecret } });
		const before = Date.now();
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: { resource: 'device', operation: 'count', type: 'domain', value: 'evil-updates.example' }, credentials: store });
		expect(result.error).toBeUndefined();
		const expiresAt = Date.parse(store.all()[0].data.expiresAt as string);
		expect(expiresAt).toBeGreaterThanOrEqual(before + lifetimeMs);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + lifetimeMs);
	});

	it.each([
		['1e13', 1e13, true],
		['negative', -5, false],
		['missing', undefined, false],
	])('Orion: %s does not fail the token call', async (_what, expiresIn, known) => {
		const credential = new CytomicOrionApi();
		const data = { authUrl: 'https://auth.example.com/oauth/token', baseUrl: 'https://api.example.com/api/v1/applications', clientId: 'c-0001', clientSecret: 's-000000001', username: 'u', password: 'p-000000001' };
		const session = await credential.preAuthentication.call(answering({}, { access_token: 'token-0002', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) }) as never, data);
		expect(session.accessToken).toBe('token-0002');
		if (known) expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000);
		else expect(session.expiresAt).toBe('');
	});
});
