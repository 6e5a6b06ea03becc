/** CrowdStrike Falcon Trigger: New Alert and Alert Updated (the combined alerts search, by created and updated time). */
import { DEMO_ALERT_FILES, EICAR_SHA256 } from '../../sandbox';
import { apiCalls, useSandbox } from '../falcon/fixture';
import { poller } from './helpers';

const sandbox = useSandbox();
const COMBINED = '/alerts/combined/alerts/v1';
const [malware, benign] = DEMO_ALERT_FILES;
const composite = (result: { items: Array<{ json: Record<string, unknown> }> }) => result.items.map((item) => String(item.json.composite_id));
const bodies = () => apiCalls(sandbox(), COMBINED).map((call) => call.body as { filter?: string; sort?: string; limit?: number; after?: string });

describe('CrowdStrike Falcon Trigger: New Alert', () => {
	const parameters = { event: 'newAlert', minSeverity: 'High' };

	it('emits nothing old on activation, then each new alert of at least the minimum severity once, also after a restart', async () => {
		const trigger = poller(sandbox(), parameters);
		const first = await trigger.poll();
		expect(first.outputs).toBeNull();
		const newestHigh = Math.max(...sandbox().state.alerts.all().filter((entry) => ['High', 'Critical'].includes(entry.doc.severity_name)).map((entry) => entry.createdMs));
		expect(first.staticData.cursor).toMatchObject({ event: 'newAlert', since: newestHigh });
		expect((await trigger.poll()).outputs).toBeNull();

		const at = Date.now();
		const high = sandbox().state.alerts.create({ timestamp: at });
		const low = sandbox().state.alerts.create({ sha256: benign.sha256, severity_name: 'Low', timestamp: at + 1 });
		const critical = sandbox().state.alerts.create({ sha256: EICAR_SHA256, timestamp: at + 2 });
		sandbox().clearRequests();
		const polled = await trigger.poll();
		expect(composite(polled)).toEqual([high.composite_id, critical.composite_id]);
		expect(polled.items[0].json).toMatchObject({ sha256: malware.sha256, severity_name: 'High', status: 'new', device: { device_id: high.agent_id } });
		expect(composite(polled)).not.toContain(low.composite_id);
		const [body] = bodies();
		expect(body).toEqual({ filter: expect.stringMatching(/^severity_name:\['High','Critical'\]\+created_timestamp:>='[^']+'$/), sort: 'created_timestamp|asc', limit: 1000 });

		expect((await trigger.poll()).outputs).toBeNull();
		const restarted = await poller(sandbox(), parameters).poll({ staticData: JSON.parse(JSON.stringify(trigger.staticData)) });
		expect(restarted.outputs).toBeNull();

		// Raised at the very millisecond of the last one: not lost, and the last one not emitted again.
		const same = sandbox().state.alerts.create({ timestamp: at + 2 });
		expect(composite(await trigger.poll())).toEqual([same.composite_id]);
	});

	it('a poll emits at most Max Items per Poll, oldest first; the rest follow, none lost', async () => {
		const trigger = poller(sandbox(), { ...parameters, options: { maxItems: 2 } });
		await trigger.poll();
		const at = Date.now();
		const raised = [0, 1, 2, 3, 4].map((i) => sandbox().state.alerts.create({ timestamp: at + i }).composite_id);
		const emitted = [...composite(await trigger.poll()), ...composite(await trigger.poll()), ...composite(await trigger.poll())];
		expect(emitted).toEqual(raised);
		expect((await trigger.poll()).outputs).toBeNull();
	});

	it('the user filter is kept in parentheses when it has an OR; a bad Minimum Severity fails before any request', async () => {
		const trigger = poller(sandbox(), { event: 'newAlert', filter: "product:'epp',product:'idp'", minSeverity: 'Informational' });
		await trigger.poll();
		expect(bodies()[0].filter).toBe("(product:'epp',product:'idp')");
		sandbox().clearRequests();
		await expect(poller(sandbox(), { event: 'newAlert', minSeverity: 'Severe' }).poll()).rejects.toThrow('Invalid "Minimum Severity": must be one of Informational, Low, Medium, High, Critical');
		expect(apiCalls(sandbox())).toEqual([]);
	});

	it('"Fetch test event" gives the newest matching alert and keeps no state', async () => {
		const trigger = poller(sandbox(), parameters);
		const created = sandbox().state.alerts.create({ timestamp: Date.now() });
		const manual = await trigger.poll({ mode: 'manual' });
		expect(composite(manual)).toEqual([created.composite_id]);
		expect(trigger.staticData).toBeUndefined();
	});

	it('an alert made with POST /_sandbox/falcon/alerts fires the trigger', async () => {
		const trigger = poller(sandbox(), parameters);
		await trigger.poll();
		const answer = await fetch(`${sandbox().url}/_sandbox/falcon/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity_name: 'Critical' }) });
		expect(answer.status).toBe(201);
		const made = (await answer.json()) as { composite_id: string; sha256: string; device: { hostname: string } };
		expect(made.sha256).toBe(malware.sha256);
		expect(composite(await trigger.poll())).toEqual([made.composite_id]);
		const refused = await fetch(`${sandbox().url}/_sandbox/falcon/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hostname: 'NOPE' }) });
		expect(refused.status).toBe(404);
	});
});

describe('CrowdStrike Falcon Trigger: Alert Updated', () => {
	const parameters = { event: 'alertUpdated' };

	it('emits status changes with the previous status, once each; other updates are not status changes', async () => {
		const trigger = poller(sandbox(), parameters);
		expect((await trigger.poll()).outputs).toBeNull();
		const alert = sandbox().state.alerts.create({ timestamp: Date.now() - 1000 });
		expect((await trigger.poll()).outputs).toBeNull();

		const at = Date.now();
		sandbox().state.alerts.update([alert.composite_id], [{ name: 'update_status', value: 'in_progress' }], 'analyst', at);
		const changed = await trigger.poll();
		expect(changed.items.map((item) => [item.json.composite_id, item.json.status, item.json.previous_status])).toEqual([[alert.composite_id, 'in_progress', 'new']]);
		expect((await trigger.poll()).outputs).toBeNull();

		sandbox().state.alerts.update([alert.composite_id], [{ name: 'add_tag', value: 'n8n' }], 'analyst', at + 5);
		expect((await trigger.poll()).outputs).toBeNull();

		sandbox().state.alerts.update([alert.composite_id], [{ name: 'update_status', value: 'closed' }], 'analyst', at + 10);
		const closed = await trigger.poll();
		expect(closed.items.map((item) => [item.json.status, item.json.previous_status])).toEqual([['closed', 'in_progress']]);
		const restarted = await poller(sandbox(), parameters).poll({ staticData: JSON.parse(JSON.stringify(trigger.staticData)) });
		expect(restarted.outputs).toBeNull();
		expect(bodies().at(-1)).toEqual(expect.objectContaining({ sort: 'updated_timestamp|asc', filter: expect.stringMatching(/^updated_timestamp:>='/) }));
	});

	it('To Status emits only changes to the chosen statuses, and still tracks the others', async () => {
		const trigger = poller(sandbox(), { ...parameters, toStatuses: ['closed'] });
		await trigger.poll();
		const alert = sandbox().state.alerts.create({ timestamp: Date.now() - 1000 });
		const at = Date.now();
		sandbox().state.alerts.update([alert.composite_id], [{ name: 'update_status', value: 'in_progress' }], 'analyst', at);
		expect((await trigger.poll()).outputs).toBeNull();
		sandbox().state.alerts.update([alert.composite_id], [{ name: 'update_status', value: 'closed' }], 'analyst', at + 1);
		const closed = await trigger.poll();
		expect(closed.items.map((item) => [item.json.status, item.json.previous_status])).toEqual([['closed', 'in_progress']]);
	});
});
