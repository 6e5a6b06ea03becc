/** The sandbox's Quarantine service, called over HTTP as any client would. */
import { DEMO_ALERT_FILES, type Sandbox } from '../../sandbox';
import { phrasePrefix } from '../../sandbox/falcon/quarantine/store';
import { call, startWithToken } from '../sandbox/helpers';

interface MetaOnly {
	meta: Record<string, unknown>;
	errors: Array<{ code: number; message: string; id?: string }>;
	resources?: unknown;
}

const [malware] = DEMO_ALERT_FILES;

let sb: Sandbox;
let token: string;

beforeAll(async () => {
	({ sb, token } = await startWithToken());
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => sb.state.quarantine.reset());

const ENTITIES = '/quarantine/entities/quarantined-files/v1';
const QUERIES = '/quarantine/queries/quarantined-files/v1';

test('the seed spreads files over hosts and states', () => {
	const docs = sb.state.quarantine.all().map((entry) => entry.doc);
	expect(docs.length).toBeGreaterThan(40);
	expect(new Set(docs.map((doc) => doc.state))).toEqual(new Set(['quarantined', 'released', 'deleted']));
	expect(new Set(docs.map((doc) => doc.hostname)).size).toBeGreaterThan(30);
	for (const doc of docs) expect(doc.id).toBe(`${doc.aid}_${doc.sha256}`);
});

test('actions belong in the body, are validated, and change state as documented', async () => {
	const [quarantined] = sb.state.quarantine.all().filter((entry) => entry.doc.state === 'quarantined');
	const id = quarantined.doc.id;
	expect((await call(sb, 'PATCH', ENTITIES, { token, query: { action: 'release' }, body: { ids: [id] }, invalid: 'the action in the query string' })).status).toBe(400);
	expect((await call(sb, 'PATCH', ENTITIES, { token, body: { action: 'purge', ids: [id] }, invalid: 'an action outside the enum' })).status).toBe(400);
	expect((await call(sb, 'PATCH', ENTITIES, { token, body: { action: 'release', ids: ['abc'] } })).status).toBe(400);
	const tooMany = Array.from({ length: 501 }, (_, i) => `${i.toString(16).padStart(32, '0')}_${malware.sha256}`);
	expect((await call(sb, 'PATCH', ENTITIES, { token, body: { action: 'release', ids: tooMany } })).status).toBe(400);

	// msa.ReplyMetaOnly: meta and errors, no resources; an id without an error is applied.
	const released = await call<MetaOnly>(sb, 'PATCH', ENTITIES, { token, body: { action: 'release', comment: 'ok', ids: [id] } });
	expect(released.status).toBe(200);
	expect(released.json).toEqual({ meta: expect.objectContaining({ trace_id: expect.any(String) }), errors: [] });
	expect(quarantined.doc.state).toBe('released');
	expect(quarantined.doc.paths.every((path) => path.state === 'released')).toBe(true);
	// Again: already released, nothing changes.
	const again = await call<MetaOnly>(sb, 'PATCH', ENTITIES, { token, body: { action: 'release', ids: [id] } });
	expect(again.status).toBe(200);
	expect(again.json.errors).toEqual([]);
	expect(again.json.resources).toBeUndefined();
	await call(sb, 'PATCH', ENTITIES, { token, body: { action: 'unrelease', ids: [id] } });
	expect(quarantined.doc.state).toBe('quarantined');
	await call(sb, 'PATCH', ENTITIES, { token, body: { action: 'delete', ids: [id] } });
	const refused = await call<MetaOnly>(sb, 'PATCH', ENTITIES, { token, body: { action: 'release', ids: [id] } });
	expect(refused.status).toBe(400);
	expect(refused.json.resources).toBeUndefined();
	expect(refused.json.errors[0].message).toBe(`Cannot release quarantined file '${id}': its state is 'deleted'`);
	expect(sb.state.quarantine.actionLog.map((entry) => [entry.action, entry.from, entry.to])).toEqual([
		['release', 'quarantined', 'released'],
		['unrelease', 'released', 'quarantined'],
		['delete', 'quarantined', 'deleted'],
	]);
});

test('ActionUpdateCount counts what each action would change; UpdateQfByQuery changes exactly that', async () => {
	const filter = `sha256:'${malware.sha256}'`;
	// msa.AggregatesResponse: one aggregation result per action, its one bucket holding the count.
	const bucket = (name: string, count: number) => ({ name, buckets: [{ label: name, count }] });
	const counts = await call(sb, 'GET', '/quarantine/aggregates/action-update-count/v1', { token, query: { filter } });
	expect(counts.json).toEqual(expect.objectContaining({ resources: [bucket('release', 3), bucket('unrelease', 1), bucket('delete', 4)] }));
	expect((await call(sb, 'GET', '/quarantine/aggregates/action-update-count/v1', { token, invalid: 'filter is required' })).status).toBe(400);

	expect((await call(sb, 'PATCH', QUERIES, { token, body: { action: 'delete' } })).status).toBe(400);
	const deleted = await call<MetaOnly>(sb, 'PATCH', QUERIES, { token, body: { action: 'delete', filter } });
	expect(deleted.status).toBe(200);
	expect(deleted.json).toEqual({ meta: expect.any(Object), errors: [] });
	expect(sb.state.quarantine.all().filter((e) => e.doc.sha256 === malware.sha256 && e.doc.state === 'deleted')).toHaveLength(4);
	const after = await call(sb, 'GET', '/quarantine/aggregates/action-update-count/v1', { token, query: { filter } });
	expect(after.json).toEqual(expect.objectContaining({ resources: [bucket('release', 0), bucket('unrelease', 0), bucket('delete', 0)] }));
});

test('FQL on the documented fields, q as match phrase prefix, sort, paging', async () => {
	const entries = sb.state.quarantine.all();
	const host = entries[0].doc.hostname;
	const byHost = await call<{ resources: string[]; meta: { pagination: { total: number } } }>(sb, 'GET', QUERIES, { token, query: { filter: `hostname:'${host}'` } });
	expect(byHost.json.resources).toEqual(entries.filter((e) => e.doc.hostname === host).map((e) => e.doc.id));

	const recent = await call<{ resources: string[] }>(sb, 'GET', QUERIES, { token, query: { filter: "date_created:>='2024-12-25'+state:['quarantined','released']", sort: 'date_created|asc' } });
	const expected = entries
		.filter((e) => e.createdMs >= Date.parse('2024-12-25T00:00:00Z') && e.doc.state !== 'deleted')
		.sort((a, b) => a.createdMs - b.createdMs)
		.map((e) => e.doc.id);
	expect(recent.json.resources).toEqual(expected);

	const page = await call<{ resources: string[]; meta: { pagination: { total: number; offset: number } } }>(sb, 'GET', QUERIES, { token, query: { limit: 2, offset: 2 } });
	expect(page.json.resources).toHaveLength(2);
	// msa.Paging: offset, limit, total and nothing else (no after cursor).
	expect(page.json.meta.pagination).toEqual({ offset: 2, limit: 2, total: entries.length });
	expect((await call(sb, 'GET', QUERIES, { token, query: { sort: 'sha256|asc' } })).status).toBe(400);

	const match = phrasePrefix('downloads\\invoice');
	expect(entries.filter(match).every((e) => e.doc.paths[0].path.toLowerCase().includes('downloads\\invoice'))).toBe(true);
	expect(entries.filter(phrasePrefix('nvoice_0421'))).toEqual([]);
	expect(entries.filter(phrasePrefix('invoice_0421')).length).toBe(4);
});
