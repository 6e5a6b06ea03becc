/** Indicator → Sync: the indicators of one source made equal to the feed, through n8n's engine against the sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { apiCalls, json, pairedItems, runFalcon, useSandbox } from '../falcon/fixture';

const sandbox = useSandbox();
const NODE = 'crowdStrikeFalconIoc';
const SOURCE = 'Feed A';
const INDICATORS = '/iocs/entities/indicators/v1';
const sha = (n: number) => `5eed${n.toString(16).padStart(60, '0')}`;

interface FeedLine extends IDataObject {
	type: string;
	value: string;
	severity?: string;
}

const line = (n: number, severity = 'high'): FeedLine => ({ type: 'sha256', value: sha(n), severity });

const syncParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'indicator',
	operation: 'sync',
	source: SOURCE,
	type: '={{ $json.type }}',
	value: '={{ $json.value }}',
	action: 'detect',
	platforms: ['windows', 'linux'],
	severity: '={{ $json.severity }}',
	appliedGlobally: true,
	...extra,
});

async function sync(feed: FeedLine[], extra: Record<string, unknown> = {}, continueOnFail = false) {
	return await runFalcon(sandbox(), NODE, syncParameters(extra), { input: feed.map((entry) => ({ json: entry })), continueOnFail });
}

/** Indicators of a source in the sandbox, by value. */
function stored(source = SOURCE): Map<string, IDataObject> {
	return new Map(
		sandbox()
			.state.iocs.all()
			.filter((doc) => doc.source === source)
			.map((doc) => [String(doc.value), doc as unknown as IDataObject]),
	);
}

const writes = () => apiCalls(sandbox(), INDICATORS).filter((call) => call.method !== 'GET');

/** Feed A with lines 1–4, created by a first sync. */
async function seedFeed(lines = [1, 2, 3, 4]) {
	const first = await sync(lines.map((n) => line(n)));
	expect(first.error).toBeUndefined();
	expect(stored().size).toBe(lines.length);
	sandbox().clearRequests();
}

describe('Indicator: Sync', () => {
	it('creates what is new, updates what changed, leaves the equal ones alone and deletes what the feed dropped, in one request each', async () => {
		await seedFeed();
		const before = stored();
		const otherSources = sandbox().state.iocs.size - before.size;

		const result = await sync([line(1), line(2, 'critical'), line(5)], { maxRemovals: 'count', maxRemovalsCount: 2 });

		expect(result.error).toBeUndefined();
		const [list] = apiCalls(sandbox(), '/iocs/combined/indicator/v1');
		expect(list.query).toMatchObject({ filter: ["source:'Feed A'"], limit: ['2000'] });
		expect(writes().map((call) => call.method).sort()).toEqual(['DELETE', 'PATCH', 'POST']);
		const post = writes().find((call) => call.method === 'POST');
		expect((post?.body as { indicators: IDataObject[] }).indicators).toEqual([
			{ type: 'sha256', value: sha(5), action: 'detect', severity: 'high', platforms: ['windows', 'linux'], applied_globally: true, source: SOURCE },
		]);
		const patch = writes().find((call) => call.method === 'PATCH');
		expect((patch?.body as { indicators: IDataObject[] }).indicators).toEqual([
			expect.objectContaining({ id: before.get(sha(2))?.id, severity: 'critical' }),
		]);
		const removed = [before.get(sha(3))?.id, before.get(sha(4))?.id];
		expect(writes().find((call) => call.method === 'DELETE')?.query.ids?.sort()).toEqual([...removed].sort());

		const items = json(result);
		expect(items.slice(0, 3).map((item) => [item.result, item.value])).toEqual([
			['unchanged', sha(1)],
			['updated', sha(2)],
			['created', sha(5)],
		]);
		expect(items[1].changed).toEqual(['severity']);
		expect(pairedItems(result).slice(0, 3)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[3]).toMatchObject({
			result: 'summary',
			source: SOURCE,
			created: 1,
			updated: 1,
			unchanged: 1,
			failed: 0,
			removed: 2,
			existing: 4,
			requests: { list: 1, create: 1, update: 1, remove: 1, total: 4 },
		});
		expect((items[3].removedIds as string[]).sort()).toEqual([...removed].sort());
		expect([...stored().keys()].sort()).toEqual([sha(1), sha(2), sha(5)].sort());
		expect(sandbox().state.iocs.size - stored().size).toBe(otherSources);
	});

	it('never touches indicators of another source: a feed line that exists there fails as a duplicate, and nothing of it is removed', async () => {
		await seedFeed([1]);
		const manual = sandbox().state.iocs.create([{ type: 'sha256', value: sha(9), action: 'detect', severity: 'low', platforms: ['mac'], applied_globally: true, source: 'Manual' }], 'analyst', Date.now());
		expect(manual.written).toBe(1);
		const otherFeed = await runFalcon(sandbox(), NODE, syncParameters({ source: 'Feed B' }), { input: [{ json: line(20) }] });
		expect(otherFeed.error).toBeUndefined();
		sandbox().clearRequests();

		const result = await sync([line(2), line(9)], { maxRemovals: 'none' }, true);

		const items = json(result);
		expect(items[0]).toMatchObject({ result: 'created', value: sha(2) });
		expect(String(items[1].error)).toMatch(/Duplicate/);
		expect(sandbox().state.iocs.findByValue('sha256', sha(9))).toMatchObject({ source: 'Manual', severity: 'low', platforms: ['mac'] });
		expect(stored('Feed B').size).toBe(1);
		expect(items[2]).toMatchObject({ result: 'summary', created: 1, failed: 1, removed: 1, existing: 1 });
		expect([...stored().keys()]).toEqual([sha(2)]);
	});

	it('leaves an indicator alone when only the order of its platforms and tags differs, and updates it when a managed field changes', async () => {
		const first = await sync([line(1)], { platforms: ['windows', 'linux'], additionalFields: { tags: 'alpha, beta', description: 'Loader' } });
		expect(first.error).toBeUndefined();
		sandbox().clearRequests();

		const same = await sync([line(1)], { platforms: ['linux', 'windows'], additionalFields: { tags: 'beta, alpha', description: 'Loader' } });
		expect(writes()).toEqual([]);
		expect(json(same)[0]).toMatchObject({ result: 'unchanged' });

		const changed = await sync([line(1)], { platforms: ['linux', 'windows', 'mac'], additionalFields: { tags: 'beta', description: 'Loader, v2' } });
		expect(json(changed)[0]).toMatchObject({ result: 'updated', changed: ['platforms', 'description', 'tags'] });
		expect(stored().get(sha(1))).toMatchObject({ platforms: ['linux', 'windows', 'mac'], tags: ['beta'], description: 'Loader, v2' });
	});

	it('Missing From Feed = Expire Now sets their expiration instead of deleting them', async () => {
		await seedFeed([1, 2]);
		const id = stored().get(sha(2))?.id;

		const result = await sync([line(1)], { missingFromFeed: 'expire', maxRemovals: 'none' });

		expect(result.error).toBeUndefined();
		expect(writes().map((call) => call.method)).toEqual(['PATCH']);
		const expiration = Date.parse(String(stored().get(sha(2))?.expiration));
		expect(expiration).toBeGreaterThan(Date.now());
		expect(expiration).toBeLessThan(Date.now() + 6 * 60_000);
		expect(json(result)[1]).toMatchObject({ result: 'summary', expired: 1, expiredIds: [id], kept: 0 });

		sandbox().clearRequests();
		const again = await sync([line(1)], { missingFromFeed: 'expire', maxRemovals: 'none' });
		expect(writes()).toEqual([]);
		expect(json(again)[1]).toMatchObject({ expired: 0, kept: 1 });
	});

	it('Missing From Feed = Keep leaves them', async () => {
		await seedFeed([1, 2, 3]);
		const result = await sync([line(1)], { missingFromFeed: 'keep' });
		expect(result.error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(stored().size).toBe(3);
		expect(json(result)[1]).toMatchObject({ result: 'summary', unchanged: 1, removed: 0, kept: 2 });
	});

	it('Dry Run reports what it would do and the sandbox receives no write', async () => {
		await seedFeed();
		const before = JSON.stringify(sandbox().state.iocs.all());

		const result = await sync([line(1), line(2, 'low'), line(7)], { dryRun: true, maxRemovals: 'count', maxRemovalsCount: 1 });

		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox()).every((call) => call.method === 'GET')).toBe(true);
		expect(writes()).toEqual([]);
		expect(JSON.stringify(sandbox().state.iocs.all())).toBe(before);
		const items = json(result);
		expect(items.slice(0, 3).map((item) => item.result)).toEqual(['unchanged', 'toUpdate', 'toCreate']);
		expect(items[3]).toMatchObject({
			result: 'summary',
			dryRun: true,
			toCreate: 1,
			toUpdate: 1,
			unchanged: 1,
			toRemove: 2,
			createList: [{ type: 'sha256', value: sha(7) }],
			updateList: [expect.objectContaining({ value: sha(2), changed: ['severity'] })],
		});
		expect(String(items[3].refused)).toMatch(/would remove 2 .*more than Max Removals allows: 1/);
	});

	it.each([
		['a share', { maxRemovals: 'share', maxRemovalsPercent: 10 }, /would remove 8 indicators .* 10 % of the 10 existing .* \(1\)/],
		['a number', { maxRemovals: 'count', maxRemovalsCount: 5 }, /would remove 8 indicators .*: 5\./],
	])('Max Removals as %s refuses a run that would remove more, before any write', async (_name, limit, message) => {
		await seedFeed([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

		const result = await sync([line(1), line(2, 'low'), line(11)], limit);

		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/Nothing was written/);
		expect(writes()).toEqual([]);
		expect(stored().size).toBe(10);
	});

	it('refuses by default when a truncated feed would wipe the source, and removes nothing when feed items are invalid', async () => {
		await seedFeed([1, 2, 3]);
		const truncated = await sync([line(1)]);
		expect(truncated.error?.message).toMatch(/would remove 2 indicators/);
		expect(writes()).toEqual([]);

		const withInvalid = await sync([line(1), { type: 'sha256', value: 'not-a-hash' }], {}, true);
		const items = json(withInvalid);
		expect(String(items[1].error)).toMatch(/Invalid "Value" in item 1/);
		expect(items[2]).toMatchObject({ result: 'summary', invalid: 1, removed: 0, kept: 2 });
		expect(String((items[2].notes as string[])[0])).toMatch(/nothing was removed/);
		expect(writes()).toEqual([]);
		expect(stored().size).toBe(3);
	});

	it('refuses an empty Source or an invalid feed line before any request', async () => {
		const noSource = await sync([line(1)], { source: '  ' });
		expect(noSource.error?.message).toMatch(/Invalid "Source" in item 0: a source is required/);
		const badLine = await sync([line(1), { type: 'sha256', value: 'nope' }]);
		expect(badLine.error?.message).toMatch(/Invalid "Value" in item 1/);
		expect(apiCalls(sandbox())).toEqual([]);
	});

	it('merges duplicate feed lines: one indicator sent, each line answered with a note', async () => {
		const result = await sync([line(1), { type: 'sha256', value: sha(1).toUpperCase(), severity: 'low' }, line(2)]);

		expect(result.error).toBeUndefined();
		const [post] = writes();
		expect((post.body as { indicators: IDataObject[] }).indicators.map((indicator) => indicator.value)).toEqual([sha(1), sha(2)]);
		const items = json(result);
		expect(items.slice(0, 3).map((item) => [item.result, item.id])).toEqual([
			['created', stored().get(sha(1))?.id],
			['created', stored().get(sha(1))?.id],
			['created', stored().get(sha(2))?.id],
		]);
		expect(items[0].note).toMatch(/lists this indicator 2 times \(items 0, 1\): merged, with the fields of item 0/);
		expect(items[1].note).toBe(items[0].note);
		expect(items[2].note).toBeUndefined();
		expect(items[3]).toMatchObject({ feedItems: 3, distinct: 2, duplicates: 1, created: 2 });
		expect(stored().get(sha(1))?.severity).toBe('high');
	});

	it.each([
		['while the feed is read (On Error → Continue)', true],
		['after the feed is read', false],
	])('compares a source listed over several pages, %s, as one plan: updates in feed order', async (_when, continueOnFail) => {
		// 4,500 indicators of the source (3 pages of 2,000): the first 30 with another severity.
		sandbox().state.iocs.seedFeed({ count: 4500, source: SOURCE, sha256Prefix: '5eed', changedBelow: 30, otherSeverity: 'low', severity: 'high' });
		sandbox().clearRequests();
		const feed = [...Array.from({ length: 4400 }, (_, n) => line(n)), ...Array.from({ length: 50 }, (_, n) => line(10_000 + n))];

		const result = await sync(feed, {}, continueOnFail);

		expect(result.error).toBeUndefined();
		const items = json(result);
		expect(items[feed.length]).toMatchObject({ existing: 4500, created: 50, updated: 30, unchanged: 4370, removed: 100, failed: 0, requests: { list: 3, create: 1, update: 1, remove: 1, total: 6 } });
		expect(items.slice(0, 30).every((item) => item.result === 'updated')).toBe(true);
		expect(items.slice(4400, 4450).every((item) => item.result === 'created')).toBe(true);
		const update = writes().find((call) => call.method === 'PATCH');
		const patched = (update?.body as { indicators: Array<{ id: string }> }).indicators.map((entry) => sandbox().state.iocs.get(entry.id)?.value);
		expect(patched).toEqual(Array.from({ length: 30 }, (_, n) => sha(n)));
		expect(stored().size).toBe(4450);
	});

	describe('with faults mid-run', () => {
		afterEach(() => Object.assign(sandbox().config.faults, { rate5xx: 0, rateDrop: 0, rateMalformed: 0, paths: undefined }));

		it('leaves every item with a definite result or an unknown-outcome error, and creates nothing twice', async () => {
			const existingLines = Array.from({ length: 300 }, (_, n) => line(1000 + n));
			await seedFeed(existingLines.map((_, n) => 1000 + n));
			Object.assign(sandbox().config.faults, { seed: 'sync', rate5xx: 0.3, rateDrop: 0.3, paths: [INDICATORS] });
			const feed = [
				...existingLines.slice(0, 200).map((entry, n) => (n % 2 === 0 ? { ...entry, severity: 'low' } : entry)),
				...Array.from({ length: 500 }, (_, n) => line(5000 + n)),
			];

			const result = await sync(feed, { missingFromFeed: 'delete', maxRemovals: 'none', requestOptions: { maxRetries: 0 } }, true);

			expect(result.error).toBeUndefined();
			const items = json(result);
			expect(items).toHaveLength(feed.length + 1);
			expect(pairedItems(result).slice(0, feed.length)).toEqual(feed.map((_, item) => ({ item })));
			const faulted = sandbox().requests.filter((request) => request.fault !== undefined);
			expect(faulted.length).toBeGreaterThan(0);
			// Without retries, a dropped create is not sent again: its lines end as unknown outcomes, never as gaps.
			expect(items.filter((item) => /^Unknown outcome for the sha256 indicator/.test(String(item.error))).length).toBeGreaterThan(0);
			for (const item of items.slice(0, feed.length)) {
				if (item.error === undefined) expect(['created', 'updated', 'unchanged']).toContain(item.result);
				// A 5xx the sandbox injects is answered before anything is written: a definite failure, in the API's words.
				else expect(String(item.error)).toMatch(/Unknown outcome|Failed after|may or may not|^(Internal Server Error|Bad Gateway|Service Unavailable)$/);
			}
			// One indicator per value whatever was retried, and every item that says created is there.
			const values = sandbox().state.iocs.all().map((doc) => `${doc.type}:${doc.value}`);
			expect(new Set(values).size).toBe(values.length);
			for (const item of items.filter((entry) => entry.result === 'created')) expect(stored().has(String(item.value))).toBe(true);
			const summary = items[feed.length];
			expect(summary.result).toBe('summary');
			expect(Number(summary.created) + Number(summary.updated) + Number(summary.unchanged) + Number(summary.failed)).toBe(summary.distinct);
			const removedIds = summary.removedIds as string[];
			for (const id of removedIds) expect(sandbox().state.iocs.get(id)).toBeUndefined();
			const failedRemovals = ((summary.removalErrors as Array<{ ids: string[] }> | undefined) ?? []).flatMap((entry) => entry.ids);
			expect(removedIds.length + failedRemovals.length).toBe(100);
		});
	});
});
