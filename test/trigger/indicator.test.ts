import { useSandbox, apiCalls, tokenCalls } from '../falcon/fixture';
import { filtersSent, ids, poller, sha } from './helpers';

const sandbox = useSandbox();
const COMBINED = '/iocs/combined/indicator/v1';

function createIndicators(values: string[], now = Date.now()): string[] {
	const outcome = sandbox().state.iocs.create(
		values.map((value) => ({ type: 'sha256', value, action: 'detect', severity: 'high', platforms: ['windows'], applied_globally: true })),
		'feed',
		now,
	);
	expect(outcome.errors).toEqual([]);
	return (outcome.resources as Array<{ id: string }>).map((record) => record.id);
}

describe('CrowdStrike Falcon Trigger: New or Updated Indicator', () => {
	const parameters = { event: 'indicatorChanged' };

	it('starts at the newest indicator, then emits created and updated indicators once each', async () => {
		const trigger = poller(sandbox(), parameters);
		const first = await trigger.poll();
		expect(first.outputs).toBeNull();
		const newest = Math.max(...[...sandbox().state.iocs.entries()].map((entry) => entry.modifiedMs));
		expect(first.staticData.cursor).toMatchObject({ event: 'indicatorChanged', since: newest });
		expect((await trigger.poll()).outputs).toBeNull();

		const at = Date.now();
		const created = createIndicators([sha(1), sha(2), sha(3)], at);
		const polled = await trigger.poll();
		expect(ids(polled).sort()).toEqual([...created].sort());
		expect(polled.items[0].json).toMatchObject({ type: 'sha256', action: 'detect', created_on: new Date(at).toISOString() });
		expect((await trigger.poll()).outputs).toBeNull();

		const update = sandbox().state.iocs.updateOne(created[1], { action: 'prevent' }, 'analyst', at + 10);
		expect(update.ok).toBe(true);
		const updated = await trigger.poll();
		expect(updated.items.map((item) => [item.json.id, item.json.action])).toEqual([[created[1], 'prevent']]);

		const restarted = await poller(sandbox(), parameters).poll({ staticData: JSON.parse(JSON.stringify(trigger.staticData)) });
		expect(restarted.outputs).toBeNull();
	});

	it('an indicator updated again at the watermark time is not lost, and one updated later is emitted again', async () => {
		const trigger = poller(sandbox(), parameters);
		await trigger.poll();
		const at = Date.now();
		const [a, b] = createIndicators([sha(4), sha(5)], at);
		expect(ids(await trigger.poll()).sort()).toEqual([a, b].sort());
		sandbox().state.iocs.updateOne(a, { severity: 'critical' }, 'analyst', at + 1);
		sandbox().state.iocs.updateOne(a, { severity: 'low' }, 'analyst', at + 2);
		const polled = await trigger.poll();
		expect(polled.items.map((item) => [item.json.id, item.json.severity])).toEqual([[a, 'low']]);
	});

	it('pages with the after cursor through many new indicators', async () => {
		const trigger = poller(sandbox(), { ...parameters, options: { maxItems: 2500 } });
		await trigger.poll();
		const created = createIndicators(Array.from({ length: 2100 }, (_, i) => sha(100 + i)));
		sandbox().clearRequests();
		const polled = await trigger.poll();
		expect(new Set(ids(polled)).size).toBe(2100);
		expect(new Set(ids(polled))).toEqual(new Set(created));
		const pages = apiCalls(sandbox(), COMBINED);
		expect(pages).toHaveLength(2);
		expect(pages[1].query.after).toHaveLength(1);
		expect((await trigger.poll()).outputs).toBeNull();
	});

	it('passes the filter, and renews an expired token between polls through the credential', async () => {
		const trigger = poller(sandbox(), { ...parameters, filter: "type:'sha256'" });
		await trigger.poll();
		expect(tokenCalls(sandbox())).toHaveLength(1);
		sandbox().expireTokens();
		sandbox().clearRequests();
		const [created] = createIndicators([sha(9)]);
		expect(ids(await trigger.poll())).toEqual([created]);
		expect(tokenCalls(sandbox())).toHaveLength(1);
		expect(filtersSent(sandbox(), COMBINED).at(-1)).toMatch(/^type:'sha256'\+modified_on:>='[^']+'$/);
		expect(apiCalls(sandbox(), COMBINED).at(-1)?.query.sort).toEqual(['modified_on.asc']);
	});

	it('waits out rate limits (429) with the transport', async () => {
		const trigger = poller(sandbox(), parameters);
		await trigger.poll();
		const [created] = createIndicators([sha(10)]);
		sandbox().clearRequests();
		sandbox().config.faults = { ...sandbox().config.faults, rate429: 0.5, seed: 1, paths: [COMBINED] };
		try {
			const polled = await trigger.poll();
			expect(ids(polled)).toEqual([created]);
			expect(apiCalls(sandbox(), COMBINED).some((call) => call.status === 429)).toBe(true);
		} finally {
			sandbox().config.faults = { ...sandbox().config.faults, rate429: 0, paths: undefined };
		}
	});

	it('manual mode returns the most recently modified indicator', async () => {
		const trigger = poller(sandbox(), parameters);
		const [created] = createIndicators([sha(11)]);
		const manual = await trigger.poll({ mode: 'manual' });
		expect(ids(manual)).toEqual([created]);
		expect(manual.staticDataChanged).toBe(false);
		expect(trigger.staticData).toBeUndefined();
	});
});
