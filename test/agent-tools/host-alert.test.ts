/** The Host and Alert nodes as an AI agent's tools: reads run, changes refused unless allowed, and an agent's Max Hosts is lower. */
import { falconStore, useSandbox } from '../falcon/fixture';
import { runAgentTools, type AgentTool } from '../harness/run-tool';
import { idsOf, quietHosts } from '../host/helpers';
import { READ_ONLY, fromAI, received, refusedWith } from './helpers';

const sandbox = useSandbox();

const contain = (allow: boolean): AgentTool => ({
	name: 'Contain host',
	type: 'crowdStrikeFalconHost',
	parameters: { resource: 'host', operation: 'contain', deviceIds: fromAI('deviceIds', 'Device IDs, comma-separated'), allowAgentChanges: allow },
});

describe('CrowdStrike Falcon Host as a tool', () => {
	it('searches hosts with the filter the model writes', async () => {
		const { results } = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [{ name: 'Search hosts', type: 'crowdStrikeFalconHost', parameters: { resource: 'host', operation: 'getMany', filter: fromAI('filter'), limit: 5 } }],
			calls: [{ node: 'Search hosts', args: { filter: "platform_name:'Windows'" } }],
		});
		const hosts = results[0].result as Array<Record<string, unknown>>;
		expect(hosts).toHaveLength(5);
		expect(hosts.every((host) => host.platform_name === 'Windows')).toBe(true);
	});

	it.each(['wrapper', 'engine'] as const)('refuses to contain a host while changes are not allowed, sending nothing (%s)', async (path) => {
		const [host] = quietHosts(sandbox());
		const { results } = await runAgentTools({ path, credentials: falconStore(sandbox()), tools: [contain(false)], calls: [{ node: 'Contain host', args: { deviceIds: host.device.device_id } }] });
		expect(results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);
		expect(sandbox().state.hosts.statusOf(host)).toBe('normal');
	});

	it('contains one host when allowed; two are more than an agent\'s Max Hosts to Affect (1), refused before any action', async () => {
		const [one, two, three] = quietHosts(sandbox());
		const allowed = await runAgentTools({ credentials: falconStore(sandbox()), tools: [contain(true)], calls: [{ node: 'Contain host', args: { deviceIds: one.device.device_id } }] });
		expect(allowed.results[0].result).toEqual([expect.objectContaining({ device_id: one.device.device_id })]);
		expect(sandbox().state.hosts.statusOf(one)).not.toBe('normal');

		sandbox().clearRequests();
		const tooMany = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [contain(true)],
			calls: [{ node: 'Contain host', args: { deviceIds: idsOf([two, three]).join(',') } }],
		});
		expect(tooMany.results[0].result).toEqual(refusedWith('more than Max Hosts to Affect (1)'));
		expect(received(sandbox()).filter((r) => r.includes('devices-actions'))).toEqual([]);
		expect(sandbox().state.hosts.statusOf(two)).toBe('normal');
	});

	it('refuses host group changes while not allowed', async () => {
		const { results } = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [{ name: 'Add to group', type: 'crowdStrikeFalconHost', parameters: { resource: 'hostGroup', operation: 'addHosts', hostGroup: fromAI('group'), deviceIds: fromAI('deviceIds') } }],
			calls: [{ node: 'Add to group', args: { group: 'a'.repeat(32), deviceIds: 'b'.repeat(32) } }],
		});
		expect(results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);
	});
});

describe('CrowdStrike Falcon Alert as a tool', () => {
	const update = (allow: boolean): AgentTool => ({
		name: 'Update alert',
		type: 'crowdStrikeFalconAlert',
		parameters: { resource: 'alert', operation: 'update', compositeIds: fromAI('compositeId'), updateFields: { status: 'in_progress' }, allowAgentChanges: allow },
	});

	it('searches alerts; refuses an update unless allowed, then updates', async () => {
		const [alert] = sandbox().state.alerts.all();
		const search = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [{ name: 'Search alerts', type: 'crowdStrikeFalconAlert', parameters: { resource: 'alert', operation: 'getMany', filter: fromAI('filter'), limit: 3 } }],
			calls: [{ node: 'Search alerts', args: { filter: `composite_id:'${alert.doc.composite_id}'` } }],
		});
		expect(search.results[0].result).toEqual([expect.objectContaining({ composite_id: alert.doc.composite_id })]);

		sandbox().clearRequests();
		const refused = await runAgentTools({ credentials: falconStore(sandbox()), tools: [update(false)], calls: [{ node: 'Update alert', args: { compositeId: alert.doc.composite_id } }] });
		expect(refused.results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);

		const done = await runAgentTools({ credentials: falconStore(sandbox()), tools: [update(true)], calls: [{ node: 'Update alert', args: { compositeId: alert.doc.composite_id } }] });
		expect(done.results[0].result).toEqual([expect.objectContaining({ composite_id: alert.doc.composite_id, updated: true })]);
		expect(alert.doc.status).toBe('in_progress');
	});

	it('answers a malformed alert ID with an error, sending nothing', async () => {
		const { results } = await runAgentTools({ credentials: falconStore(sandbox()), tools: [update(true)], calls: [{ node: 'Update alert', args: { compositeId: 'not an id' } }] });
		expect(results[0].result).toEqual(refusedWith('Composite Alert IDs'));
		expect(received(sandbox())).toEqual([]);
	});
});
