/**
 * What a newcomer meets when a field or a credential is filled in as people do (issue 13): lists
 * typed with commas or spaces, a wrong API address, an empty Custom Base URL, and Create telling
 * which indicators already existed. Run in n8n's WorkflowExecute against the sandbox.
 */
import { CrowdStrikeFalconApi } from '../../credentials/CrowdStrikeFalconApi.credentials';
import { EICAR_SHA256 } from '../../sandbox';
import { allowInvalidRequests } from '../contract';
import { testCredential } from '../harness';
import { apiCalls as falconCalls, falconCredential, json, runFalcon, useSandbox } from '../falcon/fixture';
import { ORION_API, apiCalls as orionCalls, orionStore, runOrion } from '../orion/helpers';

const sandbox = useSandbox();

describe('Orion IOC Values typed as people type lists', () => {
	it('imports "a, b" as two domains, and "a; b" or one per line too', async () => {
		for (const values of ['evil.example, bad.example', 'evil.example; bad.example', 'evil.example\nbad.example']) {
			sandbox().clearRequests();
			const result = await runOrion(sandbox(), { parameters: { operation: 'import', iocType: 'DomainIoc', values } });
			expect(result.error).toBeUndefined();
			expect(orionCalls(sandbox())).toHaveLength(1);
			expect((orionCalls(sandbox())[0].body as Array<{ domain: string }>).map((entry) => entry.domain)).toEqual(['evil.example', 'bad.example']);
		}
	});

	it('imports URLs separated by ", " or new lines, keeping commas inside a URL', async () => {
		const result = await runOrion(sandbox(), {
			parameters: { operation: 'import', iocType: 'UrlIoc', values: 'https://a.example/x?q=1,2, https://b.example/y\nhttps://c.example/z' },
		});
		expect(result.error).toBeUndefined();
		expect((orionCalls(sandbox())[0].body as Array<{ url: string }>).map((entry) => entry.url)).toEqual([
			'https://a.example/x?q=1,2',
			'https://b.example/y',
			'https://c.example/z',
		]);
	});

	it('names the value, the field, the rule and the separators that work when a value is wrong, before any request', async () => {
		const result = await runOrion(sandbox(), { parameters: { operation: 'import', iocType: 'DomainIoc', values: 'evil.example, not a domain!' } });
		expect(result.error?.message).toBe(
			'Invalid "IOC Values" in item 0: "not" is not a domain name (e.g. malware.example.com) (IOC type Domain) (separate several values with new lines, commas, semicolons or spaces)',
		);
		expect(orionCalls(sandbox())).toHaveLength(0);
	});
});

describe('Orion with a wrong API Base URL', () => {
	it('says which URL answered 404 and what the API Base URL looks like', async () => {
		const wrong = `${sandbox().url}/orion/api/v2`;
		allowInvalidRequests('a credential whose API Base URL points where no Orion API answers', { path: '/orion/api/v2/', refusedOnly: true });
		const result = await runOrion(sandbox(), {
			parameters: { operation: 'getManyByDate', iocType: 'FileHashIoc', from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z' },
			store: orionStore(sandbox(), { baseUrl: wrong }),
		});
		expect(result.error?.message).toBe(`Cytomic Orion answered 404 Not Found at ${wrong}/iocs/FileHashIoc: check the credential's API Base URL`);
		expect((result.error as { description?: string }).description).toContain('up to /api/v1/applications, e.g. https://api.orion.cytomic.ai/api/v1/applications');
		expect(sandbox().requests.some((request) => request.path.startsWith(ORION_API))).toBe(false);
	});
});

describe('Falcon credential with Cloud "Custom URL"', () => {
	it('marks Custom Base URL required when it is shown, and an empty one says it is required for Custom URL', async () => {
		const field = new CrowdStrikeFalconApi().properties.find((property) => property.name === 'customBaseUrl');
		expect(field).toMatchObject({ required: true, displayOptions: { show: { cloud: ['custom'] } } });
		const result = await testCredential('crowdStrikeFalconApi', falconCredential(sandbox(), { customBaseUrl: '' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Custom Base URL \(for Cloud "Custom URL"\) is required: give the API's address, e\.g\. https:\/\//),
		});
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Create with If Indicator Exists: each item says whether it existed', () => {
	const indicator = { resource: 'indicator', operation: 'create', type: 'sha256', value: '={{ $json.value }}', action: 'no_action', platforms: ['windows'] };
	const create = (onExisting: string) => ({ ...indicator, appliedGlobally: true, options: { onExisting } });
	const fresh = 'c0de'.padEnd(64, '7');

	it('Return the Existing: existed true for the one that was there, false for the one created now', async () => {
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', create('skip'), { input: [{ json: { value: EICAR_SHA256 } }, { json: { value: fresh } }] });
		expect(result.error).toBeUndefined();
		expect(json(result).map((item) => [item.value, item.existed])).toEqual([
			[EICAR_SHA256, true],
			[fresh, false],
		]);
	});

	it('Update the Existing says existed: true, Fail the Item says existed: false for what it created', async () => {
		const updated = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', create('update'), { input: [{ json: { value: EICAR_SHA256 } }] });
		expect(json(updated).map((item) => item.existed)).toEqual([true]);
		const created = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', create('error'), { input: [{ json: { value: 'c0de'.padEnd(64, '8') } }] });
		expect(json(created).map((item) => item.existed)).toEqual([false]);
		expect(falconCalls(sandbox()).some((call) => call.method === 'PATCH')).toBe(true);
	});
});

