/** Host → Contain / Lift Containment / Hide / Unhide: the device actions API, guarded and batched. */
import { apiCalls, json, useSandbox } from '../falcon/fixture';
import { idsOf, quietHosts, runHost } from './helpers';

const sandbox = useSandbox({ containmentDelayMs: 60_000 });
const ACTION_PATH = '/devices/entities/devices-actions/v2';
const DETAILS_PATH = '/devices/entities/devices/v2';
const actionCalls = () => apiCalls(sandbox(), ACTION_PATH);

const contain = (parameters: Record<string, unknown>, options = {}) => runHost(sandbox(), { resource: 'host', operation: 'contain', ...parameters }, options);

describe('Host → Contain', () => {
	it('contains hosts by device ID: action_name in the query, the IDs in the body, one output item per host', async () => {
		const [a, b] = quietHosts(sandbox());
		const result = await contain({ deviceIds: `${a.device.device_id}, ${b.device.device_id.toUpperCase()}` });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			{ device_id: a.device.device_id, hostname: a.device.hostname, action: 'contain', accepted: true, previous_status: 'normal' },
			{ device_id: b.device.device_id, hostname: b.device.hostname, action: 'contain', accepted: true, previous_status: 'normal' },
		]);
		const calls = apiCalls(sandbox());
		expect(calls.map((call) => [call.method, call.path])).toEqual([
			['POST', DETAILS_PATH],
			['POST', ACTION_PATH],
		]);
		expect(calls[0].body).toEqual({ ids: [a.device.device_id, b.device.device_id] });
		expect(calls[1].query).toEqual({ action_name: ['contain'] });
		expect(calls[1].body).toEqual({ ids: [a.device.device_id, b.device.device_id] });
		expect(sandbox().state.hosts.statusOf(a)).toBe('containment_pending');
		expect(sandbox().state.hosts.actionLog.map((entry) => [entry.device_id, entry.action])).toEqual([
			[a.device.device_id, 'contain'],
			[b.device.device_id, 'contain'],
		]);
	});

	it('the hosts of every item go out together, each output paired to its item', async () => {
		const [a, b, c] = quietHosts(sandbox());
		const result = await contain({ deviceIds: '={{ $json.aid }}' }, { input: [{ aid: a.device.device_id }, { aid: b.device.device_id }, { aid: c.device.device_id }] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.device_id, item.pairedItem])).toEqual([
			[a.device.device_id, { item: 0 }],
			[b.device.device_id, { item: 1 }],
			[c.device.device_id, { item: 2 }],
		]);
		expect(actionCalls()).toHaveLength(1);
		expect(actionCalls()[0].body).toEqual({ ids: idsOf([a, b, c]) });
	});

	it('Preview Only returns the hosts the action would touch, with their state, and sends no action', async () => {
		const [quiet] = quietHosts(sandbox());
		const contained = sandbox().state.hosts.all().find((entry) => entry.state === 'contained');
		const result = await contain({ deviceIds: [quiet.device.device_id, contained?.device.device_id].join(','), preview: true });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			expect.objectContaining({ preview: true, action: 'contain', device_id: quiet.device.device_id, hostname: quiet.device.hostname, status: 'normal', wouldChange: true }),
			expect.objectContaining({ preview: true, device_id: contained?.device.device_id, status: 'contained', wouldChange: false, reason: 'already contained (status contained)' }),
		]);
		expect(actionCalls()).toEqual([]);
		expect(sandbox().state.hosts.statusOf(quiet)).toBe('normal');
	});

	it('Max Hosts to Affect (10 by default) refuses a larger execution before any action request', async () => {
		const hosts = quietHosts(sandbox()).slice(0, 11);
		const result = await contain({ deviceIds: '={{ $json.aid }}' }, { input: hosts.map((host) => ({ aid: host.device.device_id })) });
		expect(result.error?.message).toMatch(/^The action "contain" would touch 11 hosts, more than Max Hosts to Affect \(10\): /);
		expect(result.error?.message).toContain(hosts[0].device.hostname);
		expect(actionCalls()).toEqual([]);
		expect(hosts.every((host) => sandbox().state.hosts.statusOf(host) === 'normal')).toBe(true);

		const raised = await contain({ deviceIds: '={{ $json.aid }}', maxHosts: 11 }, { input: hosts.map((host) => ({ aid: host.device.device_id })) });
		expect(raised.error).toBeUndefined();
		expect(actionCalls()).toHaveLength(1);
	});

	it('fails closed: when the hosts cannot be read, no action is sent', async () => {
		const [a] = quietHosts(sandbox());
		sandbox().config.faults = { ...sandbox().config.faults, rate5xx: 1, paths: [DETAILS_PATH] };
		try {
			const result = await contain({ deviceIds: a.device.device_id, requestOptions: { maxRetries: 0 } }, { continueOnFail: true });
			expect(json(result)).toEqual([expect.objectContaining({ error: expect.stringMatching(/^Could not read the hosts to contain, so no action was sent \(Max Hosts to Affect is 10\): /) })]);
		} finally {
			sandbox().config.faults = { ...sandbox().config.faults, rate5xx: 0, paths: undefined };
		}
		expect(actionCalls()).toEqual([]);
		expect(sandbox().state.hosts.statusOf(a)).toBe('normal');
	});

	it('names each host the API refuses, with its reason, and says the others were contained', async () => {
		const [quiet] = quietHosts(sandbox());
		const contained = sandbox().state.hosts.all().find((entry) => entry.state === 'contained');
		const userMode = sandbox().state.hosts.all().find((entry) => entry.linuxSensorMode === 'User Mode' && !entry.hidden);
		const ids = [quiet, contained, userMode].map((entry) => entry?.device.device_id);
		const result = await contain({ deviceIds: ids.join(',') }, { continueOnFail: true });
		const [item] = json(result);
		expect(item.error).toBe(
			`Could not contain 2 of 3 hosts: ${contained?.device.hostname} (${ids[1]}): Device '${ids[1]}' is already contained (status contained); ` +
				`${userMode?.device.hostname} (${ids[2]}): Containment is not supported on device '${ids[2]}': Linux sensor in user mode`,
		);
		expect(item.description).toContain('Contained the other 1.');
		expect(item.httpCode).toBe('400');
		expect(sandbox().state.hosts.statusOf(quiet)).toBe('containment_pending');
	});

	it('a client without the Hosts: Write scope: every host named, and the scope it needs', async () => {
		const [a, b] = quietHosts(sandbox());
		sandbox().config.deniedScopes = ['devices:write'];
		try {
			const result = await contain({ deviceIds: idsOf([a, b]).join(',') }, { continueOnFail: true });
			const [item] = json(result);
			expect(item.error).toBe(
				`Could not contain 2 of 2 hosts: ${a.device.hostname} (${a.device.device_id}): access denied, authorization failed; ${b.device.hostname} (${b.device.device_id}): access denied, authorization failed`,
			);
			expect(item.httpCode).toBe('403');
			expect(item.description).toContain('it needs the Hosts: Write scope (devices:write)');
		} finally {
			sandbox().config.deniedScopes = [];
		}
	});

	it('sends 500 hosts per request at most', async () => {
		const ids = sandbox().state.hosts.seedSynthetic(1200);
		const result = await contain({ deviceIds: ids.join(','), limitAffected: false });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1200);
		expect(actionCalls().map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([500, 500, 200]);
		expect(apiCalls(sandbox(), DETAILS_PATH)).toHaveLength(1);
	});

	it('an answer lost after the API applied it is confirmed by reading the hosts, not sent again', async () => {
		const [a] = quietHosts(sandbox());
		sandbox().config.faults = { ...sandbox().config.faults, rateMalformed: 1, paths: [ACTION_PATH] };
		try {
			const result = await contain({ deviceIds: a.device.device_id, requestOptions: { retryBaseMs: 10 } });
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([expect.objectContaining({ device_id: a.device.device_id, accepted: true })]);
		} finally {
			sandbox().config.faults = { ...sandbox().config.faults, rateMalformed: 0, paths: undefined };
		}
		expect(actionCalls()).toHaveLength(1);
		expect(apiCalls(sandbox(), DETAILS_PATH)).toHaveLength(2);
		expect(sandbox().state.hosts.actionLog).toHaveLength(1);
	});

	it('no answer at all: the hosts are checked before each resend, and the item finally says its outcome is unknown', async () => {
		const [a] = quietHosts(sandbox());
		sandbox().config.faults = { ...sandbox().config.faults, rateDrop: 1, paths: [ACTION_PATH] };
		try {
			const result = await contain({ deviceIds: a.device.device_id, requestOptions: { maxRetries: 1, retryBaseMs: 10 } }, { continueOnFail: true });
			const [item] = json(result);
			expect(item.error).toMatch(new RegExp(`^Could not contain 1 of 1 host: ${a.device.hostname} \\(${a.device.device_id}\\): Unknown outcome for the contain action on ${a.device.hostname}`));
			expect(item.description).toContain('may or may not have been applied');
		} finally {
			sandbox().config.faults = { ...sandbox().config.faults, rateDrop: 0, paths: undefined };
		}
		expect(actionCalls()).toHaveLength(2);
		expect(apiCalls(sandbox(), DETAILS_PATH)).toHaveLength(2);
	});
});

describe('Host → Contain by hostname or IP address', () => {
	it('looks a hostname up through the query API, then contains that host', async () => {
		const [a] = quietHosts(sandbox());
		const result = await contain({ hostInput: 'hostname', hostnames: a.device.hostname.toLowerCase() });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([expect.objectContaining({ device_id: a.device.device_id, hostname: a.device.hostname, accepted: true })]);
		const [query] = apiCalls(sandbox(), '/devices/queries/devices/v1');
		expect(query.query).toEqual({ filter: [`hostname:'${a.device.hostname.toLowerCase()}'`], limit: ['10'] });
	});

	it('refuses an IP address several hosts share, listing the candidates, and sends nothing for it', async () => {
		const [a, b, c] = quietHosts(sandbox());
		for (const entry of [a, b]) entry.device.external_ip = '203.0.113.50';
		const result = await contain({ hostInput: 'ip', ipAddresses: '={{ $json.ip }}' }, { input: [{ ip: '203.0.113.50' }, { ip: c.device.local_ip }], continueOnFail: true });
		const [ambiguous, single] = json(result);
		expect(ambiguous.error).toMatch(/^The IP address "203\.0\.113\.50" matches 2 hosts, so it was not used: /);
		for (const entry of [a, b]) expect(ambiguous.error).toContain(`${entry.device.hostname} (${entry.device.device_id})`);
		expect(ambiguous.description).toMatch(/Give the device ID/);
		expect(single).toEqual(expect.objectContaining({ device_id: c.device.device_id, accepted: true }));
		expect(actionCalls().map((call) => call.body)).toEqual([{ ids: [c.device.device_id] }]);
		const filters = apiCalls(sandbox(), '/devices/queries/devices/v1').map((call) => call.query.filter?.[0]);
		expect(filters).toEqual(expect.arrayContaining(["local_ip:'203.0.113.50',external_ip:'203.0.113.50'"]));
	});

	it('an unknown hostname fails its item', async () => {
		const result = await contain({ hostInput: 'hostname', hostnames: 'NO-SUCH-HOST' }, { continueOnFail: true });
		expect(json(result)).toEqual([expect.objectContaining({ error: 'No host has the hostname "NO-SUCH-HOST"' })]);
		expect(actionCalls()).toEqual([]);
	});

	it('a malformed device ID fails before any request', async () => {
		const result = await contain({ deviceIds: 'not-a-device' });
		expect(result.error?.message).toBe('Invalid "Device IDs" in item 0: "not-a-device": a device ID is 32 hexadecimal characters (separate several values with new lines, commas, semicolons or spaces)');
		expect(apiCalls(sandbox())).toEqual([]);
	});
});

describe('Host → Lift Containment, Hide, Unhide', () => {
	it('lifts containment on a contained host; a host that is not contained is refused', async () => {
		const contained = sandbox().state.hosts.all().find((entry) => entry.state === 'contained');
		const [quiet] = quietHosts(sandbox());
		const lifted = await runHost(sandbox(), { resource: 'host', operation: 'liftContainment', deviceIds: contained?.device.device_id ?? '' });
		expect(json(lifted)).toEqual([expect.objectContaining({ action: 'lift_containment', accepted: true, previous_status: 'contained' })]);
		expect(actionCalls()[0].query).toEqual({ action_name: ['lift_containment'] });
		expect(contained && sandbox().state.hosts.statusOf(contained)).toBe('lift_containment_pending');

		const refused = await runHost(sandbox(), { resource: 'host', operation: 'liftContainment', deviceIds: quiet.device.device_id }, { continueOnFail: true });
		expect(json(refused)[0]).toEqual(expect.objectContaining({ error: `Could not lift containment on 1 of 1 host: ${quiet.device.hostname} (${quiet.device.device_id}): Device '${quiet.device.device_id}' is not contained`, httpCode: '409' }));
	});

	it('hides hosts in requests of 100, and unhides them by hostname (looked up among hidden hosts)', async () => {
		const ids = sandbox().state.hosts.seedSynthetic(150);
		const hidden = await runHost(sandbox(), { resource: 'host', operation: 'hide', deviceIds: ids.join(','), maxHosts: 150 });
		expect(hidden.error).toBeUndefined();
		expect(actionCalls().map((call) => [call.query.action_name?.[0], (call.body as { ids: string[] }).ids.length])).toEqual([
			['hide_host', 100],
			['hide_host', 50],
		]);
		expect(json(hidden)[0]).toEqual(expect.objectContaining({ action: 'hide_host', previous_host_hidden_status: 'visible' }));

		sandbox().clearRequests();
		const name = sandbox().state.hosts.entry(ids[0])?.device.hostname ?? '';
		const unhidden = await runHost(sandbox(), { resource: 'host', operation: 'unhide', hostInput: 'hostname', hostnames: name });
		expect(json(unhidden)).toEqual([expect.objectContaining({ device_id: ids[0], action: 'unhide_host', accepted: true, previous_host_hidden_status: 'hidden' })]);
		expect(apiCalls(sandbox(), '/devices/queries/devices-hidden/v1')).toHaveLength(1);
		expect(sandbox().state.hosts.entry(ids[0])?.hidden).toBe(false);
	});
});
