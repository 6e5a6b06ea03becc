import { DEMO_ALERT_FILES, startSandbox, type Sandbox } from '../../sandbox';
import type { CredentialStore } from '../harness';
import { QUARANTINE, apiRequests, falconCredentials, run } from '../quick-scan/helpers';

const [malware, benign] = DEMO_ALERT_FILES;

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
const inState = (state: string) => docs().filter((doc) => doc.state === state);
const stateOf = (id: string) => sandbox.state.quarantine.get(id)?.state;
const patches = () => apiRequests(sandbox).filter((r) => r.method === 'PATCH');

describe('Quarantined File → Apply Action by IDs', () => {
	const byIds = (extra: Record<string, unknown>) => ({ resource: 'quarantinedFile', operation: 'applyActionByIds', ids: '={{ $json.ids }}', ...extra });

	test('the IDs of all items go in one PATCH, with the action and comment in the body', async () => {
		const [a, b, c] = inState('quarantined');
		const result = await run(credentials, QUARANTINE, byIds({ fileAction: 'release', comment: 'false positive, ticket 981' }), {
			input: [{ ids: [a.id, b.id] }, { ids: c.id }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { id: a.id, action: 'release', applied: true, comment: 'false positive, ticket 981' }, pairedItem: { item: 0 } },
			{ json: { id: b.id, action: 'release', applied: true, comment: 'false positive, ticket 981' }, pairedItem: { item: 0 } },
			{ json: { id: c.id, action: 'release', applied: true, comment: 'false positive, ticket 981' }, pairedItem: { item: 1 } },
		]);
		expect(patches().map((r) => [r.path, r.query, r.body])).toEqual([
			['/quarantine/entities/quarantined-files/v1', {}, { action: 'release', comment: 'false positive, ticket 981', ids: [a.id, b.id, c.id] }],
		]);
		expect([a.id, b.id, c.id].map(stateOf)).toEqual(['released', 'released', 'released']);
		expect(sandbox.state.quarantine.actionLog.map((entry) => entry.comment)).toEqual(Array(3).fill('false positive, ticket 981'));
	});

	test('Batch Size splits the IDs into several requests; other actions go in their own requests', async () => {
		const quarantined = inState('quarantined').slice(0, 5);
		const released = inState('released')[0];
		const result = await run(credentials, QUARANTINE, byIds({ fileAction: '={{ $json.action }}', options: { batchSize: 2 } }), {
			input: [
				{ ids: quarantined.slice(0, 3).map((doc) => doc.id), action: 'delete' },
				{ ids: released.id, action: 'unrelease' },
				{ ids: quarantined.slice(3).map((doc) => doc.id), action: 'delete' },
			],
		});
		expect(result.items.map((item) => [item.json.action, item.pairedItem])).toEqual([
			['delete', { item: 0 }],
			['delete', { item: 0 }],
			['delete', { item: 0 }],
			['unrelease', { item: 1 }],
			['delete', { item: 2 }],
			['delete', { item: 2 }],
		]);
		expect(patches().map((r) => [(r.body as { action: string }).action, (r.body as { ids: string[] }).ids.length])).toEqual([
			['delete', 2],
			['delete', 2],
			['delete', 1],
			['unrelease', 1],
		]);
		expect(quarantined.map((doc) => stateOf(doc.id))).toEqual(Array(5).fill('deleted'));
		expect(stateOf(released.id)).toBe('quarantined');
	});

	test('IDs the API refuses or does not know fail their item with its reasons; with continueOnFail the rest is applied', async () => {
		const deleted = inState('deleted')[0];
		const [ok] = inState('quarantined');
		const unknown = `${'0'.repeat(32)}_${benign.sha256}`;
		const input = [{ ids: [ok.id] }, { ids: [deleted.id, unknown] }];

		const failing = await run(credentials, QUARANTINE, byIds({ fileAction: 'release' }), { input });
		expect(failing.error?.message).toBe(
			`Could not release 2 of 2 quarantined files: ${deleted.id} (Cannot release quarantined file '${deleted.id}': its state is 'deleted'); ${unknown} (Quarantined file with id '${unknown}' not found)`,
		);

		sandbox.reset();
		const result = await run(credentials, QUARANTINE, byIds({ fileAction: 'release' }), { input, continueOnFail: true });
		expect(result.items.map((item) => [item.json.error ?? item.json.id, item.pairedItem])).toEqual([
			[ok.id, { item: 0 }],
			[expect.stringMatching(/^Could not release 2 of 2 quarantined files/), { item: 1 }],
		]);
		expect(result.items[1].json.httpCode).toBe('400');
		expect(stateOf(ok.id)).toBe('released');
		expect(stateOf(deleted.id)).toBe('deleted');
	});

	test('malformed IDs and unknown actions are refused before any request', async () => {
		const [a] = inState('quarantined');
		const badId = await run(credentials, QUARANTINE, byIds({ fileAction: 'delete' }), { input: [{ ids: [a.id, 'abc_123'] }] });
		expect(badId.error?.message).toBe(
			'Invalid "Quarantine IDs" in item 0: "abc_123": a quarantine ID is <32 hexadecimal characters>_<64 hexadecimal characters> (device ID and SHA256) (separate several values with new lines, commas, semicolons or spaces)',
		);
		const badAction = await run(credentials, QUARANTINE, byIds({ fileAction: '={{ "purge" }}' }), { input: [{ ids: [a.id] }] });
		expect(badAction.error?.message).toBe('Invalid "Action" in item 0: "purge": must be one of release, unrelease, delete');
		expect(apiRequests(sandbox)).toEqual([]);
		expect(stateOf(a.id)).toBe('quarantined');
	});
});

describe('Quarantined File → Apply Action by Query', () => {
	const malwareFilter = `sha256:'${malware.sha256}'`;
	const byQuery = (extra: Record<string, unknown>) => ({ resource: 'quarantinedFile', operation: 'applyActionByQuery', ...extra });

	test('Preview Only answers how many files the action would touch, and touches none', async () => {
		const result = await run(credentials, QUARANTINE, byQuery({ fileAction: 'delete', filter: malwareFilter, preview: true }));
		expect(result.items).toEqual([
			{
				json: {
					preview: true,
					action: 'delete',
					filter: malwareFilter,
					wouldAffect: 4,
					countIsUpperBound: false,
					counts: { release: 3, unrelease: 1, delete: 4 },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(apiRequests(sandbox).map((r) => [r.method, r.operation, r.query])).toEqual([
			['GET', 'ActionUpdateCount', { filter: [malwareFilter] }],
		]);
		expect(patches()).toEqual([]);
		expect(sandbox.state.quarantine.actionLog).toEqual([]);
	});

	test('the action goes in the PATCH body after the count shows it stays within Max Files to Affect', async () => {
		const result = await run(credentials, QUARANTINE, byQuery({ fileAction: 'release', filter: malwareFilter, comment: 'cleared by analyst', maxFiles: 3 }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			action: 'release',
			filter: malwareFilter,
			comment: 'cleared by analyst',
			applied: true,
			affected: 3,
		});
		expect(apiRequests(sandbox).map((r) => [r.method, r.path, r.query, r.body])).toEqual([
			['GET', '/quarantine/aggregates/action-update-count/v1', { filter: [malwareFilter] }, undefined],
			['PATCH', '/quarantine/queries/quarantined-files/v1', {}, { action: 'release', comment: 'cleared by analyst', filter: malwareFilter }],
		]);
		expect(docs().filter((doc) => doc.sha256 === malware.sha256).map((doc) => doc.state)).toEqual(['released', 'released', 'released', 'released']);
	});

	test('over Max Files to Affect (100 by default) it stops with a clear error and sends no PATCH', async () => {
		const outbreak = 'e'.repeat(64);
		sandbox.state.quarantine.seedOutbreak(150, outbreak);
		const result = await run(credentials, QUARANTINE, byQuery({ fileAction: 'delete', filter: `sha256:'${outbreak}'` }));
		expect(result.error?.message).toBe(
			'The action "delete" would affect 150 quarantined files, more than Max Files to Affect (100). Nothing was changed.',
		);
		expect(result.error?.description).toMatch(/Preview the action first/);
		expect(apiRequests(sandbox).map((r) => r.operation)).toEqual(['ActionUpdateCount']);
		expect(docs().filter((doc) => doc.sha256 === outbreak && doc.state === 'quarantined')).toHaveLength(150);
	});

	test('the guard holds for a smaller limit too, and continueOnFail turns it into the item\'s error', async () => {
		const result = await run(credentials, QUARANTINE, byQuery({ fileAction: 'delete', filter: '={{ $json.filter }}', maxFiles: 3 }), {
			input: [{ filter: malwareFilter }, { filter: `sha256:'${benign.sha256}'` }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => [item.json.error ?? item.json.affected, item.pairedItem])).toEqual([
			['The action "delete" would affect 4 quarantined files, more than Max Files to Affect (3). Nothing was changed.', { item: 0 }],
			[3, { item: 1 }],
		]);
		expect(patches().map((r) => r.body)).toEqual([{ action: 'delete', filter: `sha256:'${benign.sha256}'` }]);
	});

	test('with Search, the count of matching files caps the count; Search alone is enough', async () => {
		const preview = await run(credentials, QUARANTINE, byQuery({ fileAction: 'release', q: 'invoice_0421', preview: true }));
		expect(preview.items[0].json).toEqual({ preview: true, action: 'release', q: 'invoice_0421', wouldAffect: 4, countIsUpperBound: true, matched: 4 });
		expect(apiRequests(sandbox).map((r) => [r.operation, r.query])).toEqual([
			['QueryQuarantineFiles', { q: ['invoice_0421'], limit: ['1'] }],
		]);

		sandbox.clearRequests();
		const guarded = await run(credentials, QUARANTINE, byQuery({ fileAction: 'release', q: 'invoice_0421', maxFiles: 3 }));
		expect(guarded.error?.message).toBe(
			'The action "release" would affect up to 4 quarantined files, more than Max Files to Affect (3). Nothing was changed.',
		);
		expect(patches()).toEqual([]);

		const both = await run(credentials, QUARANTINE, byQuery({ fileAction: 'release', filter: "state:'quarantined'", q: 'invoice_0421', maxFiles: 3 }));
		// msa.ReplyMetaOnly says nothing of what changed: the bound counted before is what is known.
		expect(both.items[0].json).toEqual(expect.objectContaining({ applied: true, affected: null, affectedAtMost: 3, filter: "state:'quarantined'", q: 'invoice_0421' }));
		expect(patches().map((r) => r.body)).toEqual([{ action: 'release', filter: "state:'quarantined'", q: 'invoice_0421' }]);
	});

	test('Limit Files Affected off: no count, straight to the PATCH', async () => {
		sandbox.state.quarantine.seedOutbreak(150, 'e'.repeat(64));
		const result = await run(credentials, QUARANTINE, byQuery({ fileAction: 'release', filter: "state:'quarantined'", limitAffected: false }));
		// Without a count, and with msa.ReplyMetaOnly naming nothing, how many changed is unknown.
		expect(result.items[0].json).toMatchObject({ applied: true, affected: null });
		expect(inState('quarantined')).toEqual([]);
		expect(apiRequests(sandbox).map((r) => r.method)).toEqual(['PATCH']);
	});

	test('neither filter nor search is refused before any request', async () => {
		const result = await run(credentials, QUARANTINE, byQuery({ fileAction: 'delete', filter: '', q: '' }));
		expect(result.error?.message).toBe(
			'Invalid "Filter" in item 0: give a filter, a search, or both: the action applies to every quarantined file they match',
		);
		expect(apiRequests(sandbox)).toEqual([]);
	});
});
