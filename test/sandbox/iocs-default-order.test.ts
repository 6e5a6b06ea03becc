import { parseSort, sortDocs } from '../../sandbox/core/sort';
import { DEFAULT_INDICATOR_SORT, INDICATOR_FIELDS, INDICATOR_TIEBREAKER } from '../../sandbox/falcon/ioc-management/fields';
import { IocStore } from '../../sandbox/falcon/ioc-management/store';

const specs = parseSort(undefined, INDICATOR_FIELDS, { defaultSort: DEFAULT_INDICATOR_SORT, tiebreaker: INDICATOR_TIEBREAKER });
const sha256 = (n: number) => n.toString(16).padStart(64, 'a');

/** What the default order must be: every stored indicator sorted afresh. */
function sortedAfresh(store: IocStore): string[] {
	return sortDocs([...store.entries()], specs).docs.map((entry) => entry.doc.id);
}

function defaultQuery(store: IocStore, now: number, filter?: string): string[] {
	return store.query(filter, undefined, undefined, now).result.docs.map((entry) => entry.doc.id);
}

describe('IOC Management: the default order (created_on desc, id asc) kept as an index', () => {
	it('answers as a fresh sort would, through seeds, creates at later times, updates and deletes', () => {
		const store = new IocStore(() => ({ seed: 'empty', randomSeed: 7 }));
		store.seedFeed({ count: 300, source: 'Feed A', sha256Prefix: 'f0' });
		const t0 = Date.parse('2026-01-01T00:00:00Z');
		expect(defaultQuery(store, t0)).toEqual(sortedAfresh(store));

		const created = store.create(
			Array.from({ length: 40 }, (_, i) => ({ type: 'sha256', value: sha256(i), action: 'detect', severity: 'high', platforms: ['windows'], applied_globally: true })),
			'tester',
			t0 + 1000,
		);
		expect(created.written).toBe(40);
		store.create([{ type: 'sha256', value: sha256(999), action: 'detect', severity: 'low', platforms: ['linux'], applied_globally: true }], 'tester', t0 - 5000);
		const ids = defaultQuery(store, t0 + 2000);
		expect(ids).toEqual(sortedAfresh(store));
		expect(ids).toHaveLength(341);

		for (const id of ids.filter((_, i) => i % 7 === 0)) store.remove(id);
		store.updateOne(ids[1], { severity: 'critical' }, 'tester', t0 + 3000);
		const after = defaultQuery(store, t0 + 4000);
		expect(after).toEqual(sortedAfresh(store));
		expect(after).toHaveLength(341 - Math.ceil(341 / 7));
		expect(defaultQuery(store, t0 + 4000, "source:'Feed A'")).toEqual(sortedAfresh(store).filter((id) => store.get(id)?.source === 'Feed A'));
	});

	it('serves another sort by sorting, and the same sort named otherwise from the index', () => {
		const store = new IocStore(() => ({ seed: 'empty', randomSeed: 7 }));
		store.seedFeed({ count: 50, source: 'Feed B', sha256Prefix: 'f1' });
		const now = Date.now();
		const ascending = store.query(undefined, 'value.asc', undefined, now).result.docs.map((entry) => entry.doc.value);
		expect(ascending).toEqual([...ascending].sort());
		expect(store.query(undefined, 'created_on|desc', undefined, now).result.docs.map((entry) => entry.doc.id)).toEqual(sortedAfresh(store));
	});
});
