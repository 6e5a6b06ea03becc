import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox';
import { runPoll, type RunPollResult } from '../harness';
import { ORION_API, apiCalls, orionStore } from '../orion/helpers';

const DAY = 86_400_000;
const TRIGGER = 'cytomicOrionTrigger';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.reset();
	sb.clearRequests();
});

/** Polls with the static data n8n saved after the previous poll. */
function poller(parameters: INodeParameters = {}) {
	const store = orionStore(sb);
	let saved: IDataObject | undefined;
	return {
		get staticData() {
			return saved;
		},
		async poll(extra: { staticData?: IDataObject; mode?: 'trigger' | 'manual' } = {}): Promise<RunPollResult> {
			const result = await runPoll({
				type: TRIGGER,
				parameters: { event: 'newAlert', ...parameters },
				credentials: store,
				staticData: extra.staticData ?? saved,
				mode: extra.mode,
			});
			if (result.error) throw result.error;
			if (result.staticDataChanged && extra.mode !== 'manual') saved = result.staticData;
			return result;
		},
	};
}

const ids = (result: RunPollResult) => result.items.map((item) => String(item.json.id));
const alertCalls = () => apiCalls(sb).filter((call) => call.path.startsWith(`${ORION_API}/alerts/`));
const interval = (path: string) => path.split('/').slice(-2).map(Number) as [number, number];

describe('Cytomic Orion Trigger: New Alert', () => {
	it('records the position on activation and emits nothing, then nothing while nothing is new', async () => {
		const trigger = poller();
		const first = await trigger.poll();
		expect(first.outputs).toBeNull();
		expect(first.staticData.cursor).toMatchObject({ version: 1, event: 'newAlert', seen: {} });
		// The seed's alerts are older than a day: the trigger starts a day back.
		expect((first.staticData.cursor as { since: number }).since).toBeGreaterThan(Date.now() - DAY - 60_000);

		const again = await trigger.poll();
		expect(again.outputs).toBeNull();
		expect(again.staticDataChanged).toBe(false);
	});

	it('emits new alerts once each, also several with the same timestamp, and none again after a restart', async () => {
		const trigger = poller();
		const recent = sb.state.orion.addAlert({ timestamp: Date.now() - 3_600_000 });
		await trigger.poll();
		expect((trigger.staticData?.cursor as { since: number }).since).toBe(recent.timestamp);

		const at = Date.now() - 100;
		const a = sb.state.orion.addAlert({ timestamp: at });
		const b = sb.state.orion.addAlert({ timestamp: at });
		const c = sb.state.orion.addAlert({ timestamp: at + 3 });
		const polled = await trigger.poll();
		expect(ids(polled).slice(0, 2).sort()).toEqual([a.id, b.id].sort());
		expect(ids(polled)[2]).toBe(c.id);
		expect(polled.items[0].json).toMatchObject({ huntingRule: expect.any(String), machineName: expect.any(String), timestamp: at });
		expect((await trigger.poll()).outputs).toBeNull();

		const restarted = await poller().poll({ staticData: JSON.parse(JSON.stringify(trigger.staticData)) });
		expect(restarted.outputs).toBeNull();

		const d = sb.state.orion.addAlert({ timestamp: at + 3 });
		expect(ids(await trigger.poll())).toEqual([d.id]);
	});

	it('reads a long gap in windows of at most one month', async () => {
		const trigger = poller();
		const since = Date.now() - 75 * DAY;
		const polled = await trigger.poll({ staticData: { cursor: { version: 1, event: 'newAlert', since, seen: {} } } });
		expect(polled.items).toHaveLength(sb.state.orion.alerts.length);
		const windows = alertCalls().map((call) => interval(call.path));
		expect(windows).toHaveLength(3);
		expect(windows[0][0]).toBe(since);
		for (const [from, to] of windows) expect(to - from).toBeLessThanOrEqual(30 * DAY);
		for (let i = 1; i < windows.length; i++) expect(windows[i][0]).toBe(windows[i - 1][1]);
		const newest = Math.max(...sb.state.orion.alerts.map((alert) => alert.timestamp));
		expect((trigger.staticData?.cursor as { since: number }).since).toBe(newest);
	});

	it('moves a watermark that fell two days behind up to one day behind, and leaves a newer one alone', async () => {
		const stale = { version: 1, event: 'newAlert', since: Date.now() - 3 * DAY, seen: {} };
		const quiet = { filters: { machineName: 'NO-SUCH-HOST' } };
		const moved = await poller(quiet).poll({ staticData: { cursor: stale } });
		expect(moved.outputs).toBeNull();
		const since = (moved.staticData.cursor as { since: number }).since;
		expect(since).toBeGreaterThan(Date.now() - DAY - 60_000);
		expect(since).toBeLessThanOrEqual(Date.now() - DAY);

		const recent = { version: 1, event: 'newAlert', since: Date.now() - 1.5 * DAY, seen: {} };
		const kept = await poller(quiet).poll({ staticData: { cursor: recent } });
		expect(kept.staticDataChanged).toBe(false);
	});

	it('filters by status: one status as the statuses parameter, two as one request each', async () => {
		const trigger = poller({ statuses: ['Pending'] });
		await trigger.poll();
		const at = Date.now() - 100;
		const pending = sb.state.orion.addAlert({ timestamp: at, status: 'Pending' });
		sb.state.orion.addAlert({ timestamp: at, status: 'Closed' });
		sb.clearRequests();
		expect(ids(await trigger.poll())).toEqual([pending.id]);
		expect(alertCalls().map((call) => call.query.statuses)).toEqual([['Pending']]);

		const two = poller({ statuses: ['Pending', 'InProgress'], filters: { machineName: 'DC-01' } });
		await two.poll();
		const inProgress = sb.state.orion.addAlert({ timestamp: at + 5, status: 'InProgress', machineName: 'DC-01' });
		sb.state.orion.addAlert({ timestamp: at + 5, status: 'InProgress', machineName: 'DEV-WS-33' });
		sb.clearRequests();
		expect(ids(await two.poll())).toEqual([inProgress.id]);
		expect(alertCalls().map((call) => [call.query.statuses, call.query.machineName])).toEqual([
			[['Pending'], ['DC-01']],
			[['InProgress'], ['DC-01']],
		]);
	});

	it('emits at most Max Items per Poll, oldest first, and the rest next time', async () => {
		const trigger = poller({ options: { maxItems: 2 } });
		await trigger.poll();
		const at = Date.now() - 100;
		const added = [0, 1, 2, 3, 4].map((i) => sb.state.orion.addAlert({ timestamp: at + i }));
		const seen = [...ids(await trigger.poll()), ...ids(await trigger.poll()), ...ids(await trigger.poll())];
		expect(seen).toEqual(added.map((alert) => alert.id));
		expect((await trigger.poll()).outputs).toBeNull();
	});

	it('manual mode returns the newest matching alert and keeps the saved position', async () => {
		const trigger = poller({ statuses: ['Closed'] });
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		const closed = sb.state.orion.addAlert({ timestamp: Date.now() - 1000, status: 'Closed' });
		sb.state.orion.addAlert({ timestamp: Date.now(), status: 'Pending' });
		const manual = await trigger.poll({ mode: 'manual' });
		expect(ids(manual)).toEqual([closed.id]);
		expect(manual.staticDataChanged).toBe(false);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect(ids(await trigger.poll())).toEqual([closed.id]);
	});

	it('refuses an unknown status before any request', async () => {
		await expect(poller({ statuses: ['Open'] }).poll()).rejects.toThrow('Invalid "Statuses": must be among Pending, InProgress, Closed');
		expect(apiCalls(sb)).toHaveLength(0);
	});

	it('the sandbox adds alerts over its admin API too', async () => {
		const response = await fetch(`${sb.url}/_sandbox/orion/alerts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'Pending', machineName: 'DC-01' }),
		});
		expect(response.status).toBe(201);
		const alert = (await response.json()) as { id: string; status: string; machineName: string };
		expect(alert).toMatchObject({ status: 'Pending', machineName: 'DC-01' });
		expect(sb.state.orion.alerts.some((entry) => entry.id === alert.id)).toBe(true);
		const bad = await fetch(`${sb.url}/_sandbox/orion/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"Open"}' });
		expect(bad.status).toBe(400);
	});
});
