import { createHash } from 'node:crypto';

import { DEMO_ALERT_FILES, EICAR_SHA256, EICAR_TEST_STRING, startSandbox, type Sandbox } from '../../sandbox';
import { toBinary, type CredentialStore } from '../harness';
import { QUICK_SCAN, apiRequests, falconCredentials, run } from './helpers';

const [malware, benign] = DEMO_ALERT_FILES;

let sandbox: Sandbox;
let credentials: CredentialStore;

beforeAll(async () => {
	sandbox = await startSandbox({ scanDelayMs: 300 });
	credentials = falconCredentials(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
	sandbox.config.scanDelayMs = 300;
	sandbox.config.maxSampleBytes = 256 * 1024 * 1024;
});

function fileItem(content: Buffer | string, fileName: string, field = 'data') {
	return { json: { fileName }, binary: { [field]: toBinary(content, { fileName }) } };
}

const scanFile = (options: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}) => ({
	resource: 'file',
	operation: 'scan',
	...parameters,
	options: { pollInterval: 0.1, ...options },
});

describe('File → Scan', () => {
	test('uploads each file as multipart, scans them as one volume, polls until done and outputs each verdict', async () => {
		const result = await run(credentials, QUICK_SCAN, scanFile({ comment: 'from alert 42', isConfidential: false }), {
			input: [fileItem(malware.content, malware.file_name), fileItem(benign.content, benign.file_name)],
		});

		expect(result.error).toBeUndefined();
		const scanId = result.items[0].json.scanId as string;
		expect(scanId).toMatch(/^[a-f0-9]{32}_[a-f0-9]{32}$/);
		expect(result.items.map((item) => ({ json: item.json, pairedItem: item.pairedItem }))).toEqual([
			{
				json: expect.objectContaining({ sha256: malware.sha256, fileName: malware.file_name, verdict: 'malware', malicious: true, scanId, status: 'done' }),
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({ sha256: benign.sha256, fileName: benign.file_name, verdict: 'clean', malicious: false, scanId, status: 'done' }),
				pairedItem: { item: 1 },
			},
		]);
		// The quota Falcon reports, and the raw scan.
		expect(result.items[1].json.quota).toEqual({ total: 10_000, used: 2, in_progress: 0 });
		expect(result.items[0].json.result).toEqual({
			id: scanId,
			cid: sandbox.config.cid.toLowerCase(),
			status: 'done',
			created_timestamp: expect.any(String),
			samples: [
				{ sha256: malware.sha256, verdict: 'malware' },
				{ sha256: benign.sha256, verdict: 'clean' },
			],
		});

		const requests = apiRequests(sandbox);
		const uploads = requests.filter((r) => r.operation === 'UploadSampleV3');
		expect(uploads).toHaveLength(2);
		expect(uploads[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(uploads.map((r) => r.body)).toEqual([
			{
				file_name: malware.file_name,
				comment: 'from alert 42',
				is_confidential: 'false',
				files: [{ field: 'sample', filename: malware.file_name, contentType: 'application/octet-stream', size: malware.content.length }],
			},
			{
				file_name: benign.file_name,
				comment: 'from alert 42',
				is_confidential: 'false',
				files: [{ field: 'sample', filename: benign.file_name, contentType: 'application/octet-stream', size: benign.content.length }],
			},
		]);
		// What Falcon stored is byte for byte the file.
		expect(sandbox.state.samples.get(malware.sha256)?.data.equals(malware.content)).toBe(true);

		const submits = requests.filter((r) => r.operation === 'ScanSamples');
		expect(submits.map((r) => r.body)).toEqual([{ samples: [malware.sha256, benign.sha256] }]);

		// Polled until done: pending first, then done after the sandbox's 300 ms.
		const polls = requests.filter((r) => r.operation === 'GetScans');
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((r) => r.query.ids?.[0] === scanId)).toBe(true);
	});

	test('judges by the malicious hash list as well as by content', async () => {
		const eicar = Buffer.from(EICAR_TEST_STRING, 'latin1');
		expect(createHash('sha256').update(eicar).digest('hex')).toBe(EICAR_SHA256);
		const result = await run(credentials, QUICK_SCAN, scanFile(), {
			input: [fileItem(eicar, 'eicar.com'), fileItem('just a text file\n', 'notes.txt')],
		});
		expect(result.items.map((item) => [item.json.sha256, item.json.verdict, item.json.malicious])).toEqual([
			[EICAR_SHA256, 'malware', true],
			[createHash('sha256').update('just a text file\n').digest('hex'), 'clean', false],
		]);
	});

	test('reads the file from the binary field named, and names it as told', async () => {
		const result = await run(credentials, QUICK_SCAN, scanFile({ fileName: 'renamed.bin' }, { binaryPropertyName: 'attachment' }), {
			input: [fileItem(benign.content, benign.file_name, 'attachment')],
		});
		expect(result.items[0].json).toEqual(expect.objectContaining({ fileName: 'renamed.bin', verdict: 'clean' }));
		expect(apiRequests(sandbox).find((r) => r.operation === 'UploadSampleV3')?.body).toEqual(
			expect.objectContaining({ file_name: 'renamed.bin' }),
		);
	});

	test('items beyond Max Files per Scan go to another volume', async () => {
		const input = ['a', 'b', 'c'].map((name) => fileItem(`content of ${name}\n`, `${name}.txt`));
		const result = await run(credentials, QUICK_SCAN, scanFile({ maxFilesPerScan: 2 }), { input });
		expect(result.items).toHaveLength(3);
		const submits = apiRequests(sandbox).filter((r) => r.operation === 'ScanSamples');
		expect(submits.map((r) => (r.body as { samples: string[] }).samples.length)).toEqual([2, 1]);
		expect(new Set(result.items.map((item) => item.json.scanId)).size).toBe(2);
	});

	test('a scan not done in time fails with an error that names the scan ID', async () => {
		sandbox.config.scanDelayMs = 60_000;
		const started = Date.now();
		const result = await run(credentials, QUICK_SCAN, scanFile({ pollTimeout: 0.5, pollInterval: 0.2 }), {
			input: [fileItem(malware.content, malware.file_name)],
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		const scanId = (apiRequests(sandbox).find((r) => r.operation === 'GetScans')?.query.ids ?? [])[0];
		expect(scanId).toMatch(/^[a-f0-9]{32}_[a-f0-9]{32}$/);
		expect(result.error?.message).toBe(`Scan ${scanId} was not done after 0.5 s (status "pending")`);
		expect(result.error?.description).toContain(`Scan → Get and the scan ID ${scanId}`);
		expect(result.items).toEqual([]);
		// It polled for the whole timeout, not once.
		expect(apiRequests(sandbox).filter((r) => r.operation === 'GetScans').length).toBeGreaterThanOrEqual(3);
	});

	test('On Timeout "Output the Pending Scan" gives the scan ID as data, and Scan → Get fetches it later', async () => {
		sandbox.config.scanDelayMs = 1_500;
		const pending = await run(credentials, QUICK_SCAN, scanFile({ pollTimeout: 0.2, onTimeout: 'output' }), {
			input: [fileItem(malware.content, malware.file_name)],
		});
		expect(pending.items[0].json).toEqual(
			expect.objectContaining({ sha256: malware.sha256, timedOut: true, status: 'pending', scanId: expect.stringMatching(/_/) }),
		);
		expect(pending.items[0].json.verdict).toBeUndefined();

		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const later = await run(credentials, QUICK_SCAN, { resource: 'scan', operation: 'get', ids: '={{ $json.scanId }}' }, {
			input: [pending.items[0].json],
		});
		expect(later.items[0].json).toEqual(
			expect.objectContaining({ id: pending.items[0].json.scanId, status: 'done', samples: [{ sha256: malware.sha256, verdict: 'malware' }] }),
		);
	});

	test('a file over 256 MB is refused before anything is sent', async () => {
		const big = Buffer.alloc(256 * 1024 * 1024 + 1);
		const result = await run(credentials, QUICK_SCAN, scanFile(), { input: [fileItem(big, 'huge.iso')] });
		expect(result.error?.message).toBe(
			'Invalid "Input Binary Field" in item 0: the file is 268435457 bytes (256.0 MB); CrowdStrike accepts samples of at most 268435456 bytes (256 MB), so it was not uploaded',
		);
		expect(apiRequests(sandbox)).toEqual([]);
	}, 60_000);

	test('an item without the binary field fails before any request; with continueOnFail the others are scanned', async () => {
		const input = [{ json: { note: 'no file' } }, fileItem(benign.content, benign.file_name)];
		const failing = await run(credentials, QUICK_SCAN, scanFile(), { input });
		expect(failing.error?.message).toBe('Invalid "Input Binary Field" in item 0: the item has no binary field "data" (it carries no file)');
		expect(apiRequests(sandbox)).toEqual([]);

		const continuing = await run(credentials, QUICK_SCAN, scanFile(), { input, continueOnFail: true });
		expect(continuing.error).toBeUndefined();
		expect(continuing.items).toHaveLength(2);
		expect(continuing.items[0].json.error).toBe('Invalid "Input Binary Field" in item 0: the item has no binary field "data" (it carries no file)');
		expect(continuing.items[0].pairedItem).toEqual({ item: 0 });
		expect(continuing.items[1].json).toEqual(expect.objectContaining({ sha256: benign.sha256, verdict: 'clean' }));
		expect(continuing.items[1].pairedItem).toEqual({ item: 1 });
	});

	test('an upload CrowdStrike refuses fails that item with CrowdStrike\'s message; with continueOnFail the others are scanned', async () => {
		sandbox.config.maxSampleBytes = 100;
		const input = [fileItem(malware.content, malware.file_name), fileItem(benign.content, benign.file_name)];
		expect(malware.content.length).toBeGreaterThan(100);
		const result = await run(credentials, QUICK_SCAN, scanFile(), { input, continueOnFail: true });
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ error: `The sample is ${malware.content.length} bytes: samples may be at most 100 bytes (256 MB)`, httpCode: '413' }),
		);
		expect(result.items[0].json.traceId).toEqual(expect.any(String));
		expect(result.items[1].json).toEqual(expect.objectContaining({ sha256: benign.sha256, verdict: 'clean' }));
		expect(apiRequests(sandbox).filter((r) => r.operation === 'ScanSamples').map((r) => r.body)).toEqual([{ samples: [benign.sha256] }]);
	});
});
