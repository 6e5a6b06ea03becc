/** Host Group → Add Hosts, Remove Hosts, Get Members; the host group list the IOC node shares. */
import { DEMO_HOST_GROUPS } from '../../sandbox';
import { runListSearch } from '../harness';
import { apiCalls, falconStore, json, useSandbox } from '../falcon/fixture';
import { HOST, idsOf, quietHosts, runHost } from './helpers';

const sandbox = useSandbox();
const ACTION = '/devices/entities/host-group-actions/v1';
const [servers, workstations, finance] = DEMO_HOST_GROUPS;
const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });

describe('Host Group → Add Hosts / Remove Hosts', () => {
	it('adds the hosts of every item to the group picked from the list, in one request naming them by FQL', async () => {
		const outsiders = quietHosts(sandbox()).filter((entry) => !entry.groups.includes(finance.id)).slice(0, 3);
		const result = await runHost(sandbox(), { resource: 'hostGroup', operation: 'addHosts', hostGroup: fromList(finance.id), deviceIds: '={{ $json.aid }}' }, {
			input: outsiders.map((entry) => ({ aid: entry.device.device_id })),
		});
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual(
			outsiders.map((entry) => ({ device_id: entry.device.device_id, hostname: entry.device.hostname, host_group_id: finance.id, host_group_name: 'Finance', action: 'add-hosts' })),
		);
		const [call] = apiCalls(sandbox(), ACTION);
		expect(call.query).toEqual({ action_name: ['add-hosts'] });
		expect(call.body).toEqual({ ids: [finance.id], action_parameters: [{ name: 'filter', value: `(device_id:[${idsOf(outsiders).map((id) => `'${id}'`).join(',')}])` }] });
		expect(outsiders.every((entry) => entry.groups.includes(finance.id))).toBe(true);

		const removed = await runHost(sandbox(), { resource: 'hostGroup', operation: 'removeHosts', hostGroup: { __rl: true, mode: 'id', value: finance.id.toUpperCase() }, deviceIds: outsiders[0].device.device_id });
		expect(json(removed)).toEqual([expect.objectContaining({ device_id: outsiders[0].device.device_id, action: 'remove-hosts' })]);
		expect(outsiders[0].groups.includes(finance.id)).toBe(false);
	});

	it('items of different groups go in a request each; 500 hosts per request at most', async () => {
		const ids = sandbox().state.hosts.seedSynthetic(700);
		const result = await runHost(sandbox(), { resource: 'hostGroup', operation: 'addHosts', hostGroup: '={{ $json.group }}', deviceIds: '={{ $json.ids }}' }, {
			input: [
				{ group: servers.id, ids: ids.slice(0, 600) },
				{ group: workstations.id, ids: ids.slice(600) },
			],
		});
		expect(result.error).toBeUndefined();
		const calls = apiCalls(sandbox(), ACTION).map((call) => {
			const body = call.body as { ids: string[]; action_parameters: Array<{ value: string }> };
			return [body.ids[0], (body.action_parameters[0].value.match(/'/g) ?? []).length / 2];
		});
		expect(calls).toEqual([
			[servers.id, 500],
			[servers.id, 100],
			[workstations.id, 100],
		]);
	});

	it('an unknown group fails its items with the API\'s words; a bad group ID fails before any request', async () => {
		const [host] = quietHosts(sandbox());
		const unknown = await runHost(sandbox(), { resource: 'hostGroup', operation: 'addHosts', hostGroup: fromList('0'.repeat(32)), deviceIds: host.device.device_id }, { continueOnFail: true });
		expect(json(unknown)[0].error).toBe(`Could not add hosts to the host group ${'0'.repeat(32)}: Host group with id '${'0'.repeat(32)}' not found`);
		const bad = await runHost(sandbox(), { resource: 'hostGroup', operation: 'addHosts', hostGroup: fromList('finance'), deviceIds: host.device.device_id });
		expect(bad.error?.message).toBe('Invalid "Host Group" in item 0: "finance": a host group ID is 32 hexadecimal characters');
	});
});

describe('Host Group → Get Members', () => {
	it('lists the member hosts of a group, simplified, filtered and sorted', async () => {
		const members = sandbox().state.hosts.all().filter((entry) => entry.groups.includes(finance.id) && !entry.hidden);
		const result = await runHost(sandbox(), { resource: 'hostGroup', operation: 'getMembers', hostGroup: fromList(finance.id), returnAll: true, options: { sort: 'hostname.asc' } });
		expect(result.error).toBeUndefined();
		expect(json(result).map((host) => host.hostname)).toEqual(members.map((entry) => entry.device.hostname).sort());
		const [call] = apiCalls(sandbox(), '/devices/combined/host-group-members/v1');
		expect(call.query).toEqual({ id: [finance.id], sort: ['hostname.asc'], limit: ['5000'], offset: ['0'] });
	});
});

describe('the host group list', () => {
	it('is searchable by name in the Host node, as in the IOC node', async () => {
		const store = falconStore(sandbox());
		const found = await runListSearch({ type: HOST, method: 'searchHostGroups', filter: 'fin', credentials: store });
		expect(found.results).toEqual([expect.objectContaining({ name: 'Finance', value: finance.id })]);
	});
});
