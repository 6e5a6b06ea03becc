import { useSandbox, apiCalls } from '../falcon/fixture';
import { filtersSent, ids, poller, quarantineFile, sha } from './helpers';

const sandbox = useSandbox();
const QUERY = '/quarantine/queries/quarantined-files/v1';

describe('CrowdStrike Falcon Trigger: New Quarantined File', () => {
	const parameters = { event: 'newQuarantinedFile' };

	it('records the current position on activation and emits nothing', async () => {
		const trigger = poller(sandbox(), parameters);
		const first = await trigger.poll();
		expect(first.outputs).toBeNull();
		expect(first.staticDataChanged).toBe(true);
		const newest = Math.max(...sandbox().state.quarantine.all().map((entry) => entry.createdMs));
		expect(first.staticData.cursor).toMatchObject({ version: 1, event: 'newQuarantinedFile', since: newest });
		expect(Object.values((first.staticData.cursor as { seen: Record<string, number> }).seen)).toEqual([newest]);

		const again = await trigger.poll();
		expect(again.outputs).toBeNull();
		expect(again.staticDataChanged).toBe(false);
	});

	it('emits each new file once, also several sharing a timestamp, and nothing again after a restart', async () => {
		const trigger = poller(sandbox(), parameters);
		await trigger.poll();
		const at = Date.now();
		const a = quarantineFile(sandbox(), 1, sha(1), at);
		const b = quarantineFile(sandbox(), 2, sha(1), at);
		const c = quarantineFile(sandbox(), 3, sha(2), at);
		const d = quarantineFile(sandbox(), 4, sha(3), at + 5);

		const polled = await trigger.poll();
		expect(ids(polled).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
		expect(ids(polled)[3]).toBe(d.id);
		expect(polled.items[0].json).toMatchObject({ sha256: expect.any(String), state: 'quarantined', hostname: expect.any(String) });

		const nothing = await trigger.poll();
		expect(nothing.outputs).toBeNull();

		// Restart: a fresh execution from the saved static data.
		const saved = JSON.parse(JSON.stringify(trigger.staticData));
		const restarted = await poller(sandbox(), parameters).poll({ staticData: saved });
		expect(restarted.outputs).toBeNull();

		// One more at the watermark's very millisecond, one later.
		const e = quarantineFile(sandbox(), 5, sha(4), at + 5);
		const f = quarantineFile(sandbox(), 6, sha(5), at + 9);
		expect(ids(await trigger.poll())).toEqual([e.id, f.id]);
		expect((await trigger.poll()).outputs).toBeNull();
	});

	it('sends the user filter combined with its own time condition', async () => {
		const trigger = poller(sandbox(), { ...parameters, filter: "hostname:'nobody',state:'released'" });
		await trigger.poll();
		sandbox().clearRequests();
		await trigger.poll();
		const [filter] = filtersSent(sandbox(), QUERY);
		expect(filter).toMatch(/^\(hostname:'nobody',state:'released'\)\+date_created:>='\d{4}-\d{2}-\d{2}T[\d:.]+Z'$/);
		expect(apiCalls(sandbox(), QUERY)[0].query.sort).toEqual(['date_created|asc']);
	});

	it('only emits files matching the filter', async () => {
		const host = sandbox().state.devices.devices[7].hostname;
		const trigger = poller(sandbox(), { ...parameters, filter: `hostname:'${host}'` });
		await trigger.poll();
		const at = Date.now();
		quarantineFile(sandbox(), 8, sha(6), at);
		const mine = quarantineFile(sandbox(), 7, sha(6), at);
		expect(ids(await trigger.poll())).toEqual([mine.id]);
	});

	it('emits at most Max Items per Poll, oldest first, and the rest on the next polls', async () => {
		const trigger = poller(sandbox(), { ...parameters, options: { maxItems: 2 } });
		await trigger.poll();
		const at = Date.now();
		const files = [0, 0, 0, 1, 2].map((offset, i) => quarantineFile(sandbox(), 10 + i, sha(20 + i), at + offset));
		const seen = [...ids(await trigger.poll()), ...ids(await trigger.poll()), ...ids(await trigger.poll())];
		expect([...seen].sort()).toEqual(files.map((file) => file.id).sort());
		expect(seen.slice(3)).toEqual([files[3].id, files[4].id]);
		expect((await trigger.poll()).outputs).toBeNull();
	});

	it('manual mode returns the newest matching file and leaves the position alone', async () => {
		const trigger = poller(sandbox(), parameters);
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		const newest = quarantineFile(sandbox(), 3, sha(9), Date.now());
		const manual = await trigger.poll({ mode: 'manual' });
		expect(ids(manual)).toEqual([newest.id]);
		expect(manual.staticDataChanged).toBe(false);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		// The cursor did not move: the scheduled poll still emits it.
		expect(ids(await trigger.poll())).toEqual([newest.id]);
	});

	it('starts a little before now when nothing matches yet', async () => {
		const trigger = poller(sandbox(), { ...parameters, filter: "hostname:'not-a-host'" });
		const before = Date.now();
		const first = await trigger.poll();
		expect(first.outputs).toBeNull();
		const since = (first.staticData.cursor as { since: number }).since;
		expect(since).toBeLessThan(before);
		expect(since).toBeGreaterThan(before - 10 * 60_000);
	});

	it('starts over (emitting nothing) when the event was changed or the saved position is unreadable', async () => {
		const trigger = poller(sandbox(), { event: 'indicatorChanged' });
		await trigger.poll();
		quarantineFile(sandbox(), 9, sha(40), Date.now());
		const switched = await trigger.poll({ parameters });
		expect(switched.outputs).toBeNull();
		expect(switched.staticData.cursor).toMatchObject({ event: 'newQuarantinedFile' });

		const garbled = await poller(sandbox(), parameters).poll({ staticData: { cursor: { since: 'yesterday' } } });
		expect(garbled.outputs).toBeNull();
		expect(garbled.staticData.cursor).toMatchObject({ version: 1, event: 'newQuarantinedFile' });
		expect(garbled.logs.join('\n')).toMatch(/not readable, starting over/);
	});

	it('refuses a bad Max Items per Poll before any request', async () => {
		const trigger = poller(sandbox(), { ...parameters, options: { maxItems: 0 } });
		await expect(trigger.poll()).rejects.toThrow('Invalid "Max Items per Poll": must be at least 1');
		expect(apiCalls(sandbox())).toHaveLength(0);
	});
});

describe('CrowdStrike Falcon Trigger: Quarantined File Updated', () => {
	const parameters = { event: 'quarantinedFileUpdated' };

	it('emits state changes once, with the previous state when it saw the file', async () => {
		const trigger = poller(sandbox(), parameters);
		const at = Date.now() - 1000;
		const file = quarantineFile(sandbox(), 20, sha(30), at);
		const first = await trigger.poll();
		expect(first.outputs).toBeNull();

		// A new file is no update.
		quarantineFile(sandbox(), 21, sha(31), Date.now());
		expect((await trigger.poll()).outputs).toBeNull();

		sandbox().state.quarantine.applyByIds([file.id], 'release', 'false positive', 'analyst', Date.now());
		const released = await trigger.poll();
		expect(released.items.map((item) => [item.json.id, item.json.state, item.json.previous_state])).toEqual([[file.id, 'released', 'quarantined']]);
		expect((await trigger.poll()).outputs).toBeNull();

		sandbox().state.quarantine.applyByIds([file.id], 'delete', undefined, 'analyst', Date.now() + 1);
		const deleted = await trigger.poll();
		expect(deleted.items.map((item) => [item.json.id, item.json.state, item.json.previous_state])).toEqual([[file.id, 'deleted', 'released']]);

		const restarted = await poller(sandbox(), parameters).poll({ staticData: JSON.parse(JSON.stringify(trigger.staticData)) });
		expect(restarted.outputs).toBeNull();
	});

	it('emits a file it never saw (no previous state) when it was updated after it was quarantined', async () => {
		const trigger = poller(sandbox(), parameters);
		await trigger.poll();
		const old = sandbox().state.quarantine.all().find((entry) => entry.doc.state === 'quarantined' && entry.createdMs < Date.now() - 86_400_000);
		if (!old) throw new Error('the seed has no old quarantined file');
		// The first activation remembered the states of the newest files; this trigger forgot them.
		const cursor = { ...(trigger.staticData?.cursor as object), states: {} };
		sandbox().state.quarantine.applyByIds([old.doc.id], 'release', undefined, 'analyst', Date.now());
		const polled = await trigger.poll({ staticData: { cursor } });
		expect(polled.items.map((item) => [item.json.id, item.json.state, item.json.previous_state])).toEqual([[old.doc.id, 'released', null]]);
	});

	it('manual mode returns the latest updated file', async () => {
		const manual = await poller(sandbox(), parameters).poll({ mode: 'manual' });
		expect(manual.items).toHaveLength(1);
		expect(manual.items[0].json.state).not.toBe('quarantined');
		expect(manual.staticDataChanged).toBe(false);
	});
});
