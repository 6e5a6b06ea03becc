/** Host → Get Many, Get, Get Online State: the queries, the details look-up, Simplify. */
import { apiCalls, json, useSandbox } from '../falcon/fixture';
import { idsOf, quietHosts, runHost } from './helpers';

const sandbox = useSandbox();
const SCROLL = '/devices/queries/devices-scroll/v1';
const DETAILS = '/devices/entities/devices/v2';

describe('Host → Get Many', () => {
	it('builds one FQL filter from the Filter and the Filters collection, scrolls, then reads the records', async () => {
		const result = await runHost(sandbox(), {
			resource: 'host',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filter: "os_version:'Windows 11',os_version:'Windows 10'",
			filters: { platform: 'Windows', lastSeenAfter: '2025-01-01T00:00:00Z', hostname: 'WS-*' },
			options: { sort: 'hostname.asc' },
		});
		expect(result.error).toBeUndefined();
		const calls = apiCalls(sandbox());
		expect(calls.map((call) => [call.method, call.path])).toEqual([
			['GET', SCROLL],
			['POST', DETAILS],
		]);
		expect(calls[0].query).toEqual({
			filter: ["(os_version:'Windows 11',os_version:'Windows 10')+hostname:*'WS-*'+platform_name:'Windows'+last_seen:>='2025-01-01T00:00:00.000Z'"],
			sort: ['hostname.asc'],
			limit: ['5'],
		});
		const hosts = json(result);
		expect(hosts).toHaveLength(5);
		expect(hosts.map((host) => host.hostname)).toEqual([...hosts.map((host) => String(host.hostname))].sort());
		for (const host of hosts) {
			expect(Object.keys(host)).toEqual(expect.arrayContaining(['device_id', 'hostname', 'platform_name', 'status', 'local_ip', 'external_ip', 'last_seen', 'tags']));
			expect(host).not.toHaveProperty('bios_version');
			expect(String(host.hostname)).toMatch(/^WS-/);
		}
		expect(calls[1].body).toEqual({ ids: hosts.map((host) => host.device_id) });
	});

	it('Return All scrolls past 10,000 hosts with the cursor the API hands back, 5000 per page', async () => {
		sandbox().state.hosts.seedSynthetic(12_000);
		const result = await runHost(sandbox(), { resource: 'host', operation: 'getMany', returnAll: true, filters: { hostname: 'SYN-*' }, simplify: false });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12_000);
		expect(result.items[0].json).toHaveProperty('bios_version');
		const scrolls = apiCalls(sandbox(), SCROLL);
		expect(scrolls.map((call) => [call.query.limit?.[0], call.query.offset === undefined])).toEqual([
			['5000', true],
			['5000', false],
			['5000', false],
		]);
		expect(scrolls[1].query.offset).not.toEqual(scrolls[2].query.offset);
		expect(apiCalls(sandbox(), DETAILS).map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([5000, 5000, 2000]);
	});

	it('Hidden Hosts Only searches the hidden hosts', async () => {
		const hidden = sandbox().state.hosts.all().filter((entry) => entry.hidden);
		const result = await runHost(sandbox(), { resource: 'host', operation: 'getMany', returnAll: true, options: { hidden: true } });
		expect(json(result).map((host) => host.device_id)).toEqual(idsOf(hidden).sort());
		expect(json(result).every((host) => host.host_hidden_status === 'hidden')).toBe(true);
		expect(apiCalls(sandbox(), '/devices/queries/devices-hidden/v1')).toHaveLength(1);
	});

	it('a bad filter value fails before any request; a filter the API rejects fails with its message', async () => {
		const bad = await runHost(sandbox(), { resource: 'host', operation: 'getMany', filters: { localIp: '10.0.0' } });
		expect(bad.error?.message).toBe('Invalid "Local IP" in item 0: "10.0.0" is not an IPv4 or IPv6 address');
		expect(apiCalls(sandbox())).toEqual([]);
		const rejected = await runHost(sandbox(), { resource: 'host', operation: 'getMany', filter: "colour:'red'" });
		expect(rejected.error?.message).toMatch(/Invalid filter field 'colour'/);
	});
});

describe('Host → Get', () => {
	it('reads the hosts of many items in one PostDeviceDetailsV2 request; an unknown ID fails its own item', async () => {
		const [a, b] = quietHosts(sandbox());
		const unknown = 'f'.repeat(32);
		const result = await runHost(sandbox(), { resource: 'host', operation: 'get', deviceIds: '={{ $json.ids }}' }, {
			input: [{ ids: [a.device.device_id, b.device.device_id] }, { ids: unknown }],
			continueOnFail: true,
		});
		expect(json(result)).toEqual([
			expect.objectContaining({ device_id: a.device.device_id, hostname: a.device.hostname }),
			expect.objectContaining({ device_id: b.device.device_id }),
			expect.objectContaining({ error: `Host not found: ${unknown}` }),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		const calls = apiCalls(sandbox());
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toEqual({ ids: [a.device.device_id, b.device.device_id, unknown] });
	});

	it('gets a host by hostname; a hostname two hosts share is refused with both listed', async () => {
		const [a, b, c] = quietHosts(sandbox());
		b.device.hostname = a.device.hostname;
		const result = await runHost(sandbox(), { resource: 'host', operation: 'get', hostInput: 'hostname', hostnames: '={{ $json.name }}' }, {
			input: [{ name: a.device.hostname }, { name: c.device.hostname }],
			continueOnFail: true,
		});
		const [ambiguous, found] = json(result);
		expect(ambiguous.error).toMatch(new RegExp(`^The hostname "${a.device.hostname}" matches 2 hosts, so it was not used: `));
		expect(ambiguous.error).toContain(a.device.device_id);
		expect(ambiguous.error).toContain(b.device.device_id);
		expect(found).toEqual(expect.objectContaining({ device_id: c.device.device_id }));
	});
});

describe('Host → Get Online State', () => {
	it('answers online, offline or unknown per host, 100 IDs per request', async () => {
		const ids = sandbox().state.hosts.seedSynthetic(150);
		const [a] = quietHosts(sandbox());
		const result = await runHost(sandbox(), { resource: 'host', operation: 'getOnlineState', deviceIds: [a.device.device_id, ...ids].join(',') });
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toEqual({ device_id: a.device.device_id, hostname: a.device.hostname, state: a.online, last_seen: expect.any(String) });
		expect(json(result)).toHaveLength(151);
		expect(apiCalls(sandbox(), '/devices/entities/online-state/v1').map((call) => call.query.ids?.length)).toEqual([100, 51]);
	});
});
