/** The sandbox's Hosts, Host Group membership and Alerts services, over HTTP. */
import type { Sandbox } from '../../sandbox';
import { call, getToken, startWithToken, type Envelope } from './helpers';

let sb: Sandbox;
let token: string;

beforeAll(async () => {
	({ sb, token } = await startWithToken({ containmentDelayMs: 60_000 }));
});
afterAll(async () => await sb.close());
beforeEach(async () => {
	sb.reset();
	sb.config.containmentDelayMs = 60_000;
	sb.config.deniedScopes = [];
	token = await getToken(sb);
});

const quiet = () => sb.state.hosts.all().find((entry) => !entry.hidden && entry.device.platform_name === 'Windows' && sb.state.hosts.statusOf(entry) === 'normal');
const details = async (id: string) => (await call<Envelope<Record<string, unknown>>>(sb, 'POST', '/devices/entities/devices/v2', { token, body: { ids: [id] } })).json.resources?.[0];
/** Lets the pending state take effect now: the delay is read when the state is. */
const elapse = () => {
	sb.config.containmentDelayMs = 0;
};

describe('Hosts', () => {
	it('containment goes normal → containment_pending → contained, and back through lift_containment_pending', async () => {
		const id = quiet()?.device.device_id ?? '';
		const contain = await call<Envelope<{ id: string; path: string }>>(sb, 'POST', '/devices/entities/devices-actions/v2', { token, query: { action_name: 'contain' }, body: { ids: [id] } });
		expect(contain.status).toBe(202);
		expect(contain.json.resources).toEqual([{ id, path: `/devices/entities/devices/v2?ids=${id}` }]);
		expect((await details(id))?.status).toBe('containment_pending');
		elapse();
		expect((await details(id))?.status).toBe('contained');
		sb.config.containmentDelayMs = 60_000;
		const lift = await call(sb, 'POST', '/devices/entities/devices-actions/v2', { token, query: { action_name: 'lift_containment' }, body: { ids: [id] } });
		expect(lift.status).toBe(202);
		expect((await details(id))?.status).toBe('lift_containment_pending');
		elapse();
		expect((await details(id))?.status).toBe('normal');
	});

	it('refuses an unknown action, too many IDs, and a client without devices:write', async () => {
		const id = quiet()?.device.device_id ?? '';
		expect((await call(sb, 'POST', '/devices/entities/devices-actions/v2', { token, query: { action_name: 'isolate' }, body: { ids: [id] }, invalid: 'an action the API does not have' })).status).toBe(400);
		const many = sb.state.hosts.seedSynthetic(101);
		const hide = await call<Envelope>(sb, 'POST', '/devices/entities/devices-actions/v2', { token, query: { action_name: 'hide_host' }, body: { ids: many } });
		expect(hide.status).toBe(400);
		expect(hide.json.errors?.[0]).toMatchObject({ message: 'A maximum of 100 ids is allowed per request, got 101' });
		sb.config.deniedScopes = ['devices:write'];
		const denied = await call<Envelope>(sb, 'POST', '/devices/entities/devices-actions/v2', { token, query: { action_name: 'contain' }, body: { ids: [id] } });
		expect(denied.status).toBe(403);
		expect(denied.json).toEqual({ meta: expect.any(Object), errors: [{ code: 403, message: 'access denied, authorization failed' }] });
		expect(sb.state.hosts.actionLog).toEqual([]);
	});

	it('a hidden host leaves the queries and shows in the hidden one; the scroll cursor expires', async () => {
		const entry = quiet();
		const id = entry?.device.device_id ?? '';
		await call(sb, 'POST', '/devices/entities/devices-actions/v2', { token, query: { action_name: 'hide_host' }, body: { ids: [id] } });
		const filter = `device_id:'${id}'`;
		expect((await call<Envelope<string>>(sb, 'GET', '/devices/queries/devices/v1', { token, query: { filter } })).json.resources).toEqual([]);
		expect((await call<Envelope<string>>(sb, 'GET', '/devices/queries/devices-hidden/v1', { token, query: { filter } })).json.resources).toEqual([id]);
		expect((await details(id))?.host_hidden_status).toBe('hidden');

		const first = await call<Envelope<string>>(sb, 'GET', '/devices/queries/devices-scroll/v1', { token, query: { limit: 10 } });
		const cursor = String(first.json.meta.pagination?.offset);
		const second = await call<Envelope<string>>(sb, 'GET', '/devices/queries/devices-scroll/v1', { token, query: { limit: 10, offset: cursor } });
		expect(second.json.resources).toHaveLength(10);
		expect(second.json.resources).not.toEqual(first.json.resources);
		const bogus = await call(sb, 'GET', '/devices/queries/devices-scroll/v1', { token, query: { offset: 'bm90LWEtY3Vyc29y' } });
		expect(bogus.status).toBe(400);
	});

	it('online state for at most 100 hosts; unknown IDs in errors', async () => {
		const id = quiet()?.device.device_id ?? '';
		const unknown = 'f'.repeat(32);
		const answer = await call<Envelope>(sb, 'GET', '/devices/entities/online-state/v1', { token, query: { ids: [id, unknown] } });
		expect(answer.status).toBe(200);
		expect(answer.json.resources).toEqual([{ cid: expect.any(String), id, last_seen: expect.any(String), state: expect.stringMatching(/^(online|offline|unknown)$/) }]);
		expect(answer.json.errors).toEqual([{ code: 404, message: `Device '${unknown}' not found`, id: unknown }]);
		const many = sb.state.hosts.seedSynthetic(101);
		expect((await call(sb, 'GET', '/devices/entities/online-state/v1', { token, query: { ids: many } })).status).toBe(400);
	});
});

describe('Host groups: members and actions', () => {
	it('adds and removes the hosts a filter names; a dynamic group refuses', async () => {
		const id = quiet()?.device.device_id ?? '';
		const group = sb.state.hostGroups.add({ name: 'Contained hosts' });
		const add = await call<Envelope>(sb, 'POST', '/devices/entities/host-group-actions/v1', {
			token,
			query: { action_name: 'add-hosts' },
			body: { ids: [group.id], action_parameters: [{ name: 'filter', value: `(device_id:['${id}'])` }] },
		});
		expect(add.status).toBe(200);
		expect(add.json.resources).toEqual([expect.objectContaining({ id: group.id, name: 'Contained hosts' })]);
		expect((await call<Envelope<string>>(sb, 'GET', '/devices/queries/host-group-members/v1', { token, query: { id: group.id } })).json.resources).toEqual([id]);
		await call(sb, 'POST', '/devices/entities/host-group-actions/v1', { token, query: { action_name: 'remove-hosts' }, body: { ids: [group.id], action_parameters: [{ name: 'filter', value: `device_id:'${id}'` }] } });
		expect((await call<Envelope<string>>(sb, 'GET', '/devices/queries/host-group-members/v1', { token, query: { id: group.id } })).json.resources).toEqual([]);

		const dynamic = sb.state.hostGroups.add({ name: 'Windows hosts', group_type: 'dynamic' });
		const refused = await call<Envelope>(sb, 'POST', '/devices/entities/host-group-actions/v1', { token, query: { action_name: 'add-hosts' }, body: { ids: [dynamic.id], action_parameters: [{ name: 'filter', value: `device_id:'${id}'` }] } });
		expect(refused.status).toBe(400);
		sb.config.deniedScopes = ['host-group:write'];
		expect((await call(sb, 'POST', '/devices/entities/host-group-actions/v1', { token, query: { action_name: 'add-hosts' }, body: { ids: [group.id], action_parameters: [{ name: 'filter', value: `device_id:'${id}'` }] } })).status).toBe(403);
	});
});

describe('Alerts', () => {
	it('every seeded quarantined file has its alert: same composite ID, host, file and hash', () => {
		const copies = sb.state.quarantine.all().filter((entry) => entry.doc.alert_ids.length > 0);
		expect(sb.state.alerts.size).toBe(copies.length);
		for (const { doc } of copies) {
			const alert = sb.state.alerts.get(doc.alert_ids[0])?.doc;
			expect(alert).toMatchObject({ sha256: doc.sha256, agent_id: doc.aid, device: { device_id: doc.aid, hostname: doc.hostname }, quarantined_files: [{ id: doc.id, sha256: doc.sha256 }] });
		}
	});

	it('the combined search pages with `after` in the body; its meta.pagination is {limit, total, after}', async () => {
		const first = await call<Envelope<{ composite_id: string }>>(sb, 'POST', '/alerts/combined/alerts/v1', { token, body: { limit: 20, sort: 'created_timestamp|asc' } });
		expect(Object.keys(first.json.meta.pagination ?? {}).sort()).toEqual(['after', 'limit', 'total']);
		const second = await call<Envelope<{ composite_id: string }>>(sb, 'POST', '/alerts/combined/alerts/v1', { token, body: { limit: 20, sort: 'created_timestamp|asc', after: first.json.meta.pagination?.after } });
		const ids = [...(first.json.resources ?? []), ...(second.json.resources ?? [])].map((alert) => alert.composite_id);
		expect(new Set(ids).size).toBe(Math.min(40, sb.state.alerts.size));
		expect((await call(sb, 'POST', '/alerts/combined/alerts/v1', { token, body: { limit: 1001 } })).status).toBe(400);
	});

	it('an update answers meta and errors only; a bad status, a missing scope refuse it', async () => {
		const [entry] = sb.state.alerts.all();
		const ok = await call<Record<string, unknown>>(sb, 'PATCH', '/alerts/entities/alerts/v3', { token, body: { composite_ids: [entry.doc.composite_id], action_parameters: [{ name: 'update_status', value: 'closed' }] } });
		expect(ok.status).toBe(200);
		expect(Object.keys(ok.json).sort()).toEqual(['errors', 'meta']);
		expect(entry.doc.status).toBe('closed');
		const bad = await call(sb, 'PATCH', '/alerts/entities/alerts/v3', { token, body: { composite_ids: [entry.doc.composite_id], action_parameters: [{ name: 'update_status', value: 'done' }] }, invalid: 'a status the API does not have' });
		expect(bad.status).toBe(400);
		sb.config.deniedScopes = ['alerts:write'];
		expect((await call(sb, 'PATCH', '/alerts/entities/alerts/v3', { token, body: { composite_ids: [entry.doc.composite_id], action_parameters: [{ name: 'add_tag', value: 'x' }] } })).status).toBe(403);
	});

	it('POST /_sandbox/falcon/alerts refuses unknown fields and bad values', async () => {
		expect((await call(sb, 'POST', '/_sandbox/falcon/alerts', { body: { colour: 'red' } })).status).toBe(400);
		expect((await call(sb, 'POST', '/_sandbox/falcon/alerts', { body: { severity_name: 'Severe' } })).status).toBe(400);
		expect((await call(sb, 'POST', '/_sandbox/falcon/alerts', { body: { sha256: 'abc' } })).status).toBe(400);
		const made = await call<{ composite_id: string; severity: number }>(sb, 'POST', '/_sandbox/falcon/alerts', { body: { severity_name: 'Critical' } });
		expect(made.status).toBe(201);
		expect(made.json.severity).toBe(90);
		expect(sb.state.alerts.get(made.json.composite_id)).toBeDefined();
	});
});
