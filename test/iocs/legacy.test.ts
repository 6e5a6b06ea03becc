import { EICAR_SHA256 } from '../../sandbox';
import { apiCalls, json, runFalcon, useSandbox } from '../falcon/fixture';

const sandbox = useSandbox();
const NODE = 'crowdStrikeFalconIocs';

describe('CrowdStrike Falcon IOCs (Legacy): retired operations on IOC Management', () => {
	afterEach(() => {
		// The retired endpoints must never be called: they answer 404 in the real API.
		expect(sandbox().requests.filter((request) => request.path.startsWith('/indicators/entities/iocs') || request.path.startsWith('/indicators/queries/iocs'))).toHaveLength(0);
	});

	it('creates an IOC from the legacy fields: policy detect → action detect, expiration days → a date', async () => {
		const before = Date.now();
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'ioc',
			operation: 'create',
			type: 'domain',
			value: 'legacy-c2.example',
			policy: 'detect',
			additionalFields: { expiration_days: 30, source: 'legacy feed', description: 'from the old workflow', share_level: 'red' },
		});
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(sandbox());
		expect(call).toMatchObject({ method: 'POST', path: '/iocs/entities/indicators/v1' });
		const sent = (call.body as { indicators: Array<Record<string, unknown>> }).indicators[0];
		expect(sent).toMatchObject({ type: 'domain', value: 'legacy-c2.example', action: 'detect', source: 'legacy feed', applied_globally: true });
		const expires = Date.parse(String(sent.expiration));
		expect(expires - before).toBeGreaterThan(29.9 * 86_400_000);
		expect(expires - before).toBeLessThan(30.1 * 86_400_000);
		expect(json(result)[0]).toMatchObject({
			type: 'domain',
			value: 'legacy-c2.example',
			policy: 'detect',
			share_level: 'red',
			source: 'legacy feed',
			description: 'from the old workflow',
			expiration_timestamp: sent.expiration,
			created_timestamp: expect.any(String),
		});
	});

	it('maps policy none to no_action and ignores expiration days for hashes, as the legacy API did', async () => {
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'ioc',
			operation: 'create',
			type: 'sha256',
			value: 'ab'.repeat(32),
			policy: 'none',
			additionalFields: { expiration_days: 10 },
		});
		const sent = (apiCalls(sandbox())[0].body as { indicators: Array<Record<string, unknown>> }).indicators[0];
		expect(sent.action).toBe('no_action');
		expect(sent.expiration).toBeUndefined();
		expect(json(result)[0]).toMatchObject({ policy: 'none', expiration_timestamp: null });
	});

	it('gets, updates and deletes an IOC by type and value', async () => {
		const get = await runFalcon(sandbox(), NODE, { resource: 'ioc', operation: 'get', type: 'sha256', value: EICAR_SHA256.toUpperCase() });
		expect(json(get)[0]).toMatchObject({ type: 'sha256', value: EICAR_SHA256, share_level: 'red' });
		expect(apiCalls(sandbox())[0].query.filter).toEqual([`type:'sha256'+value:'${EICAR_SHA256}'`]);

		const update = await runFalcon(sandbox(), NODE, {
			resource: 'ioc',
			operation: 'update',
			type: 'sha256',
			value: EICAR_SHA256,
			updateFields: { policy: 'none', description: 'retired' },
		});
		expect(json(update)[0]).toMatchObject({ value: EICAR_SHA256, policy: 'none', description: 'retired' });

		const del = await runFalcon(sandbox(), NODE, { resource: 'ioc', operation: 'delete', type: 'sha256', value: EICAR_SHA256 });
		expect(json(del)).toEqual([{ type: 'sha256', value: EICAR_SHA256, deleted: true }]);
		expect(sandbox().state.iocs.findByValue('sha256', EICAR_SHA256)).toBeUndefined();

		const gone = await runFalcon(sandbox(), NODE, { resource: 'ioc', operation: 'get', type: 'sha256', value: EICAR_SHA256 }, { continueOnFail: true });
		expect(json(gone)[0].error).toContain(`IOC not found: sha256:${EICAR_SHA256}`);
	});

	it('queries IOCs with the legacy filters and answers type:value identifiers', async () => {
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'ioc',
			operation: 'getMany',
			returnAll: true,
			filters: { types: ['domain', 'ipv4'], policies: ['detect'] },
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox())[0].query.filter).toEqual(["type:['domain','ipv4']+action:['detect']+deleted:false"]);
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of json(result)) {
			expect(['domain', 'ipv4']).toContain(item.type);
			expect(item.id).toBe(`${String(item.type)}:${String(item.value)}`);
		}
	});

	it('refuses a policy or share level the legacy API did not have, before any request', async () => {
		const badPolicy = await runFalcon(sandbox(), NODE, { resource: 'ioc', operation: 'create', type: 'domain', value: 'x.example', policy: 'prevent' });
		const badShare = await runFalcon(sandbox(), NODE, {
			resource: 'ioc',
			operation: 'update',
			type: 'domain',
			value: 'x.example',
			updateFields: { share_level: 'green' },
		});
		expect(badPolicy.error?.message).toContain('Invalid "Policy" in item 0');
		expect(badShare.error?.message).toContain('Invalid "Share Level" in item 0');
		expect(sandbox().requests).toHaveLength(0);
	});
});
