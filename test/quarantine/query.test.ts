import { DEMO_ALERT_FILES, startSandbox, type Sandbox } from '../../sandbox';
import type { CredentialStore } from '../harness';
import { QUARANTINE, apiRequests, falconCredentials, run } from '../quick-scan/helpers';

const [malware] = DEMO_ALERT_FILES;

let sandbox: Sandbox;
let credentials: CredentialStore;

beforeAll(async () => {
	sandbox = await startSandbox();
	credentials = falconCredentials(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
});

const docs = () => sandbox.state.quarantine.all().map((entry) => entry.doc);

describe('Quarantined File → Get Many', () => {
	test('queries the IDs with filter, then returns the file records', async () => {
		const result = await run(credentials, QUARANTINE, {
			resource: 'quarantinedFile',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filter: "state:'quarantined'",
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		for (const item of result.items) {
			expect(item.json).toEqual(
				expect.objectContaining({
					id: expect.stringMatching(/^[a-f0-9]{32}_[a-f0-9]{64}$/),
					state: 'quarantined',
					sha256: expect.any(String),
					hostname: expect.any(String),
					paths: [expect.objectContaining({ path: expect.any(String), filename: expect.any(String), state: 'quarantined' })],
				}),
			);
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		const requests = apiRequests(sandbox);
		expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/quarantine/queries/quarantined-files/v1', { filter: ["state:'quarantined'"], limit: ['5'], offset: ['0'] }],
			['POST', '/quarantine/entities/quarantined-files/GET/v1', {}],
		]);
		expect(requests[1].body).toEqual({ ids: result.items.map((item) => item.json.id) });
	});

	test('Search is the API\'s q (phrase prefix); Return All pages through everything, sorted as asked', async () => {
		const found = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'getMany', returnAll: true, q: 'invoice_04' });
		expect(found.items.map((item) => item.json.sha256)).toEqual([malware.sha256, malware.sha256, malware.sha256, malware.sha256]);
		expect(apiRequests(sandbox)[0].query).toEqual({ q: ['invoice_04'], limit: ['5000'], offset: ['0'] });

		const inside = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'getMany', returnAll: true, q: 'voice_0421' });
		expect(inside.items).toEqual([]);

		const sorted = await run(credentials, QUARANTINE, {
			resource: 'quarantinedFile',
			operation: 'getMany',
			returnAll: true,
			filter: "state:'released'",
			options: { sort: 'hostname|asc' },
		});
		const released = docs().filter((doc) => doc.state === 'released').map((doc) => doc.hostname);
		expect(sorted.items.map((item) => item.json.hostname)).toEqual([...released].sort());
	});

	test('a filter the API rejects fails with its message', async () => {
		const result = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'getMany', returnAll: true, filter: "colour:'red'" });
		expect(result.error?.message).toMatch(/^Invalid filter field 'colour'/);
		expect(result.error).toEqual(expect.objectContaining({ httpCode: '400' }));
	});
});

describe('Quarantined File → Get', () => {
	test('the IDs of all items go in one request body; each item gets its own records', async () => {
		const [a, b, c] = docs();
		const result = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'get', ids: '={{ $json.ids }}' }, {
			input: [{ ids: `${a.id}, ${b.id.toUpperCase()}` }, { ids: [c.id, a.id] }],
		});
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[a.id, { item: 0 }],
			[b.id, { item: 0 }],
			[c.id, { item: 1 }],
			[a.id, { item: 1 }],
		]);
		const requests = apiRequests(sandbox);
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ ids: [a.id, b.id, c.id] });
	});

	test('unknown IDs fail their item; malformed IDs are refused before any request', async () => {
		const [a] = docs();
		const unknown = `${'0'.repeat(32)}_${malware.sha256}`;
		const failing = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'get', ids: `${a.id}, ${a.sha256}` });
		expect(failing.error?.message).toBe(
			`Invalid "Quarantine IDs" in item 0: "${a.sha256}": a quarantine ID is <32 hexadecimal characters>_<64 hexadecimal characters> (device ID and SHA256) (separate several values with new lines, commas, semicolons or spaces)`,
		);
		expect(apiRequests(sandbox)).toEqual([]);

		const result = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'get', ids: '={{ $json.ids }}' }, {
			input: [{ ids: a.id }, { ids: unknown }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.error ?? item.json.id)).toEqual([
			a.id,
			`Quarantined file not found: ${unknown} (Quarantined file with id '${unknown}' not found)`,
		]);
	});
});

describe('Quarantined File → Count Affected by Action', () => {
	test('ActionUpdateCount for the filter, per action', async () => {
		const filter = `sha256:'${malware.sha256}'`;
		const result = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'countAffected', filter });
		expect(result.items).toEqual([{ json: { filter, release: 3, unrelease: 1, delete: 4 }, pairedItem: { item: 0 } }]);
		expect(apiRequests(sandbox).map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/quarantine/aggregates/action-update-count/v1', { filter: [filter] }],
		]);
	});

	test('a filter is required', async () => {
		const result = await run(credentials, QUARANTINE, { resource: 'quarantinedFile', operation: 'countAffected', filter: '  ' });
		expect(result.error?.message).toBe('Invalid "Filter" in item 0: a filter is required');
		expect(apiRequests(sandbox)).toEqual([]);
	});
});

describe('Quarantined File → Get Aggregates', () => {
	test('the aggregate query goes in the body; buckets come back', async () => {
		const result = await run(credentials, QUARANTINE, {
			resource: 'quarantinedFile',
			operation: 'getAggregates',
			aggregateMode: 'json',
			aggregateJson: JSON.stringify([{ name: 'by_state', type: 'terms', field: 'state', sort: '_term|asc' }]),
		});
		const counts = (state: string) => docs().filter((doc) => doc.state === state).length;
		expect(result.items.map((item) => item.json)).toEqual([
			{
				name: 'by_state',
				buckets: [
					{ label: 'deleted', count: counts('deleted') },
					{ label: 'quarantined', count: counts('quarantined') },
					{ label: 'released', count: counts('released') },
				],
				sum_other_doc_count: 0,
			},
		]);
		expect(apiRequests(sandbox)[0].path).toBe('/quarantine/aggregates/quarantined-files/GET/v1');
	});
});
