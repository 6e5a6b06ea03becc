import { EICAR_SHA256 } from '../../sandbox';
import { apiCalls, json, pairedItems, runFalcon, useSandbox } from '../falcon/fixture';

const sandbox = useSandbox();

describe.each([
	['crowdStrikeFalconIoc', '/iocs/aggregates/indicators/device-count/v1', '/iocs/queries/indicators/devices/v1', '/iocs/queries/indicators/processes/v1'],
	['crowdStrikeFalconIocs', '/indicators/aggregates/devices-count/v1', '/indicators/queries/devices/v1', '/indicators/queries/processes/v1'],
])('%s: where an indicator was seen', (node, countPath, devicesPath, processesPath) => {
	it('counts the hosts that saw each item, zero for an unseen one', async () => {
		const result = await runFalcon(
			sandbox(),
			node,
			{ resource: 'device', operation: 'count', type: '={{ $json.type }}', value: '={{ $json.value }}' },
			{ input: [{ json: { type: 'sha256', value: EICAR_SHA256 } }, { json: { type: 'domain', value: 'never-seen.example' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			{ type: 'sha256', value: EICAR_SHA256, device_count: expect.any(Number), limit_exceeded: false },
			{ type: 'domain', value: 'never-seen.example', device_count: 0, limit_exceeded: false },
		]);
		expect(Number(json(result)[0].device_count)).toBeGreaterThan(0);
		expect(apiCalls(sandbox()).map((call) => [call.path, call.query])).toEqual([
			[countPath, { type: ['sha256'], value: [EICAR_SHA256] }],
			[countPath, { type: ['domain'], value: ['never-seen.example'] }],
		]);
	});

	it('lists the hosts and then the processes an indicator ran in, with their details', async () => {
		const devices = await runFalcon(sandbox(), node, { resource: 'device', operation: 'getMany', type: 'sha256', value: EICAR_SHA256, returnAll: true });
		expect(devices.error).toBeUndefined();
		expect(devices.items.length).toBeGreaterThan(0);
		expect(apiCalls(sandbox(), devicesPath)).not.toHaveLength(0);
		const deviceId = String(json(devices)[0].device_id);

		const processes = await runFalcon(sandbox(), node, {
			resource: 'process',
			operation: 'getMany',
			type: 'sha256',
			value: EICAR_SHA256,
			deviceId,
			limit: 2,
		});
		expect(processes.error).toBeUndefined();
		expect(apiCalls(sandbox(), processesPath)[0].query).toMatchObject({ device_id: [deviceId], limit: ['2'] });
		const processIds = json(processes).map((item) => String(item.process_id));
		expect(processIds.length).toBeGreaterThan(0);

		sandbox().clearRequests();
		const details = await runFalcon(sandbox(), node, { resource: 'process', operation: 'get', ids: '={{ $json.process_id }}' }, { input: processes.items });
		expect(details.error).toBeUndefined();
		expect(apiCalls(sandbox())).toHaveLength(1);
		expect(apiCalls(sandbox())[0].query.ids).toEqual(processIds);
		expect(json(details).map((item) => `pid:${String(item.device_id)}:${String(item.process_id)}`)).toEqual(processIds);
		expect(pairedItems(details)).toEqual(processIds.map((_, item) => ({ item })));
	});

	it('refuses a bad device ID before any request', async () => {
		const result = await runFalcon(sandbox(), node, { resource: 'process', operation: 'getMany', type: 'sha256', value: EICAR_SHA256, deviceId: 'zz', limit: 5 });
		expect(result.error?.message).toContain('Invalid "Device ID" in item 0');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('crowdStrikeFalconIoc: actions and reference data', () => {
	it('gets the actions as the API describes them (api.ActionV1), and one by ID', async () => {
		const all = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', { resource: 'action', operation: 'getMany', returnAll: true });
		expect(json(all).map((action) => action.id)).toEqual(expect.arrayContaining(['detect', 'prevent', 'allow', 'no_action']));
		const one = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', { resource: 'action', operation: 'get', ids: 'detect' });
		// api.ActionV1 is {id, platforms_by_type, severities}: no description.
		expect(json(one)).toEqual([{ id: 'detect', platforms_by_type: expect.objectContaining({ sha256: expect.any(Array) }), severities: expect.any(Array) }]);
	});

	it.each([
		['getIocTypes', ['sha256', 'md5', 'domain', 'ipv4', 'ipv6']],
		['getPlatforms', ['windows', 'mac', 'linux']],
		['getSeverities', ['informational', 'low', 'medium', 'high', 'critical']],
	])('%s lists every value', async (operation, expected) => {
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', { resource: 'referenceData', operation });
		expect(json(result).map((item) => item.value)).toEqual(expect.arrayContaining(expected));
	});
});
