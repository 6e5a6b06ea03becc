import { createHash } from 'node:crypto';

import { startSandbox, type Sandbox } from '../../sandbox';
import { toBinary, type CredentialStore } from '../harness';
import { QUICK_SCAN, apiRequests, falconCredentials, run } from './helpers';

let sandbox: Sandbox;
let credentials: CredentialStore;

beforeAll(async () => {
	sandbox = await startSandbox({ scanDelayMs: 0 });
	credentials = falconCredentials(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

const files = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((name) => {
	const content = Buffer.from(`sample ${name}\n`);
	return { name, content, sha256: createHash('sha256').update(content).digest('hex') };
});

/** Uploads the files through the node and clears the request log. */
async function uploadAll() {
	sandbox.reset();
	sandbox.config.scanDelayMs = 0;
	const result = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'upload', options: {} }, {
		input: files.map((file) => ({ json: {}, binary: { data: toBinary(file.content, { fileName: `${file.name}.txt` }) } })),
	});
	expect(result.error).toBeUndefined();
	sandbox.clearRequests();
}

describe('Scan → Submit', () => {
	beforeEach(uploadAll);

	test('items are batched into one scan volume; each item gets the scan ID, its samples and the quota', async () => {
		const result = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'submit', samples: '={{ $json.samples }}' }, {
			input: [{ samples: [files[0].sha256, files[1].sha256] }, { samples: files[2].sha256.toUpperCase() }],
		});
		expect(result.error).toBeUndefined();
		const submits = apiRequests(sandbox).filter((r) => r.operation === 'ScanSamples');
		expect(submits.map((r) => r.body)).toEqual([{ samples: [files[0].sha256, files[1].sha256, files[2].sha256] }]);
		const scanId = result.items[0].json.scanId;
		expect(result.items).toEqual([
			{ json: { scanId, samples: [files[0].sha256, files[1].sha256], quota: { total: 10_000, used: 3, in_progress: 0 } }, pairedItem: { item: 0 } },
			{ json: { scanId, samples: [files[2].sha256], quota: { total: 10_000, used: 3, in_progress: 0 } }, pairedItem: { item: 1 } },
		]);
	});

	test('Max Samples per Scan splits volumes without splitting an item', async () => {
		const result = await run(
			credentials,
			QUICK_SCAN,
			{ resource: 'scan', operation: 'submit', samples: '={{ $json.samples }}', options: { maxSamplesPerScan: 3 } },
			{ input: [{ samples: [files[0].sha256, files[1].sha256] }, { samples: [files[2].sha256, files[3].sha256] }, { samples: [files[4].sha256] }] },
		);
		const submits = apiRequests(sandbox).filter((r) => r.operation === 'ScanSamples');
		expect(submits.map((r) => r.body)).toEqual([
			{ samples: [files[0].sha256, files[1].sha256] },
			{ samples: [files[2].sha256, files[3].sha256, files[4].sha256] },
		]);
		expect(result.items.map((item) => item.json.scanId)).toEqual([expect.any(String), result.items[2].json.scanId, result.items[2].json.scanId]);
		expect(result.items[0].json.scanId).not.toBe(result.items[1].json.scanId);
	});

	test('Wait for Verdict polls until done and outputs each item\'s verdicts', async () => {
		sandbox.config.scanDelayMs = 250;
		const result = await run(
			credentials,
			QUICK_SCAN,
			{ resource: 'scan', operation: 'submit', samples: files[0].sha256, options: { wait: true, pollInterval: 0.1 } },
		);
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ status: 'done', malicious: false, samples: [{ sha256: files[0].sha256, verdict: 'clean', malicious: false }] }),
		);
		expect(apiRequests(sandbox).filter((r) => r.operation === 'GetScans').length).toBeGreaterThanOrEqual(2);
	});

	test('bad SHA256s are refused before any request; samples Falcon does not have fail with its message', async () => {
		const bad = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'submit', samples: `${files[0].sha256}, 1234` });
		expect(bad.error?.message).toBe('Invalid "Sample SHA256s" in item 0: "1234": a SHA256 is 64 hexadecimal characters (separate several values with new lines, commas, semicolons or spaces)');
		expect(apiRequests(sandbox)).toEqual([]);

		const unknown = 'c'.repeat(64);
		const missing = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'submit', samples: unknown });
		expect(missing.error?.message).toBe(`Sample '${unknown}' was not found: upload it with UploadSampleV3 before scanning`);
		expect(missing.error).toEqual(expect.objectContaining({ httpCode: '400' }));
	});
});

describe('Scan → Get, Get Many, Get Aggregates', () => {
	let scanIds: string[];

	beforeAll(async () => {
		await uploadAll();
		const submitted = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'submit', samples: '={{ $json.sha }}', options: { maxSamplesPerScan: 1 } }, {
			input: files.map((file) => ({ sha: file.sha256 })),
		});
		scanIds = submitted.items.map((item) => String(item.json.scanId));
		expect(new Set(scanIds).size).toBe(files.length);
	});

	beforeEach(() => sandbox.clearRequests());

	test('Get: the scans of all items in one request, IDs joined by commas, with the quota', async () => {
		const result = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'get', ids: '={{ $json.ids }}' }, {
			input: [{ ids: [scanIds[0], scanIds[1]] }, { ids: scanIds[2] }],
		});
		expect(result.items.map((item) => [item.json.id, item.json.status, item.pairedItem])).toEqual([
			[scanIds[0], 'done', { item: 0 }],
			[scanIds[1], 'done', { item: 0 }],
			[scanIds[2], 'done', { item: 1 }],
		]);
		expect(result.items[0].json.samples).toEqual([{ sha256: files[0].sha256, verdict: 'clean' }]);
		expect(result.items[0].json.quota).toEqual({ total: 10_000, used: 5, in_progress: 0 });
		expect(apiRequests(sandbox).map((r) => r.query)).toEqual([{ ids: [scanIds.slice(0, 3).join(',')] }]);
	});

	test('Get: an unknown scan fails its item; a malformed ID is refused before any request', async () => {
		const unknown = `${'0'.repeat(32)}_${'1'.repeat(32)}`;
		const result = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'get', ids: '={{ $json.ids }}' }, {
			input: [{ ids: scanIds[0] }, { ids: unknown }, { ids: 'scan-42' }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.error ?? item.json.id)).toEqual([
			scanIds[0],
			`Scan not found: ${unknown} (Scan with id '${unknown}' not found)`,
			'Invalid "Scan IDs" in item 2: "scan-42": a scan ID looks like <32 characters>_<32 characters> (separate several values with new lines, commas, semicolons or spaces)',
		]);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	test('Get Many: queries scan IDs with the filter and sort, then returns the scans', async () => {
		const result = await run(credentials, QUICK_SCAN, {
			resource: 'scan',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
			filter: "status:'done'",
			options: { sort: 'asc' },
		});
		// Oldest first: the order the sandbox received the submissions in.
		const oldest = sandbox.state.quickScan.entries().sort((a, b) => a.seq - b.seq).slice(0, 3).map((scan) => scan.id);
		expect(result.items.map((item) => item.json.id)).toEqual(oldest);
		expect(result.items[0].json).toEqual(expect.objectContaining({ status: 'done', samples: expect.any(Array), quota: expect.any(Object) }));
		expect(apiRequests(sandbox).map((r) => [r.operation, r.query])).toEqual([
			['QuerySubmissionsMixin0', { filter: ["status:'done'"], sort: ['asc'], limit: ['3'], offset: ['0'] }],
			['GetScans', { ids: [oldest.join(',')] }],
		]);
	});

	test('Get Many: Return All and IDs Only, filtered on a sample', async () => {
		const all = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'getMany', returnAll: true, options: { idsOnly: true } });
		expect(all.items.map((item) => item.json.id).sort()).toEqual([...scanIds].sort());
		const one = await run(credentials, QUICK_SCAN, {
			resource: 'scan',
			operation: 'getMany',
			returnAll: true,
			filter: `samples.sha256:'${files[3].sha256}'`,
		});
		expect(one.items.map((item) => item.json.id)).toEqual([scanIds[3]]);
	});

	test('Get Aggregates: the aggregate query in the body', async () => {
		const result = await run(credentials, QUICK_SCAN, {
			resource: 'scan',
			operation: 'getAggregates',
			aggregateMode: 'fields',
			aggregationType: 'terms',
			field: 'samples.verdict',
			aggregateOptions: { name: 'verdicts' },
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{ name: 'verdicts', buckets: [{ label: 'clean', count: 5 }], sum_other_doc_count: 0 },
		]);
		expect(apiRequests(sandbox).map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/scanner/aggregates/scans/GET/v1', { name: 'verdicts', type: 'terms', field: 'samples.verdict' }],
		]);
	});
});
