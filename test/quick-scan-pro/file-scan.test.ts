/** File → Scan of the Quick Scan Pro node, in n8n's engine against the sandbox: binary in, verdict out. */
import { createHash } from 'node:crypto';

import { DEMO_ALERT_FILES, EICAR_SHA256, EICAR_TEST_STRING, MALICIOUS_SHA256, startSandbox, type Sandbox } from '../../sandbox';
import { toBinary, type CredentialStore } from '../harness';
import { QUICK_SCAN_PRO, apiRequests, falconCredentials, fileItem, requestsOf, run } from './helpers';

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
	sandbox.config.quickScanProQuota = 10_000;
});

const scanFile = (options: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}) => ({
	resource: 'file',
	operation: 'scan',
	...parameters,
	options: { pollInterval: 0.1, ...options },
});

describe('File → Scan', () => {
	test('uploads each file as multipart, launches one scan per file in one request, polls until done and outputs each verdict', async () => {
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile(), {
			input: [fileItem(malware.content, malware.file_name), fileItem(benign.content, benign.file_name)],
		});

		expect(result.error).toBeUndefined();
		const [first, second] = result.items;
		expect(first.json.scanId).toMatch(/^[a-f0-9]{32}$/);
		expect(second.json.scanId).toMatch(/^[a-f0-9]{32}$/);
		expect(first.json.scanId).not.toBe(second.json.scanId);
		expect(result.items.map((item) => ({ json: item.json, pairedItem: item.pairedItem }))).toEqual([
			{
				json: {
					sha256: malware.sha256,
					verdict: 'malicious',
					malicious: true,
					verdictReason: 'Contains the EICAR anti-malware test string',
					maliciousConfidence: 100,
					malwareFamilies: ['EICAR-Test-File'],
					fileType: 'txt',
					fileName: malware.file_name,
					scanId: first.json.scanId,
					status: 'done',
					quota: { total: 10_000, used: 2, in_progress: 2 },
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					sha256: benign.sha256,
					verdict: 'clean',
					malicious: false,
					verdictReason: 'No malicious indicators found',
					maliciousConfidence: 0,
					malwareFamilies: [],
					fileType: 'txt',
					fileName: benign.file_name,
					scanId: second.json.scanId,
					status: 'done',
					quota: { total: 10_000, used: 2, in_progress: 2 },
				},
				pairedItem: { item: 1 },
			},
		]);

		const uploads = requestsOf(sandbox, 'UploadFileMixin0Mixin93');
		expect(uploads).toHaveLength(2);
		expect(uploads[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(uploads.map((r) => r.body)).toEqual([
			{ scan: 'false', files: [{ field: 'file', filename: malware.file_name, contentType: 'application/octet-stream', size: malware.content.length }] },
			{ scan: 'false', files: [{ field: 'file', filename: benign.file_name, contentType: 'application/octet-stream', size: benign.content.length }] },
		]);
		// What Falcon stored is byte for byte the file.
		expect(sandbox.state.quickScanPro.file(malware.sha256)?.data.equals(malware.content)).toBe(true);

		expect(requestsOf(sandbox, 'LaunchScan').map((r) => r.body)).toEqual([{ resources: [{ sha256: malware.sha256 }, { sha256: benign.sha256 }] }]);
		// Polled until done: running first, then done after the sandbox's 300 ms; both scans in each request, ids repeated.
		const polls = requestsOf(sandbox, 'GetScanResult');
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls[0].query.ids).toEqual([first.json.scanId, second.json.scanId]);
		// Nothing but the three operations went out.
		expect(new Set(apiRequests(sandbox).map((r) => r.operation))).toEqual(new Set(['UploadFileMixin0Mixin93', 'LaunchScan', 'GetScanResult']));
	});

	test('judges by the malicious hash list as well as by content; Simplify off adds the raw result', async () => {
		const eicar = Buffer.from(EICAR_TEST_STRING, 'latin1');
		expect(createHash('sha256').update(eicar).digest('hex')).toBe(EICAR_SHA256);
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile({ simplify: false }), {
			input: [fileItem(eicar, 'eicar.com'), fileItem('just a text file\n', 'notes.txt')],
		});
		expect(result.items.map((item) => [item.json.sha256, item.json.verdict, item.json.malicious])).toEqual([
			[EICAR_SHA256, 'malicious', true],
			[createHash('sha256').update('just a text file\n').digest('hex'), 'clean', false],
		]);
		expect(result.items[0].json.result).toEqual({
			id: result.items[0].json.scanId,
			scan: { sha256: EICAR_SHA256, status: 'done', created_timestamp: expect.any(String), updated_timestamp: expect.any(String) },
			result: expect.objectContaining({
				verdict: 'malicious',
				verdict_reason: 'Known malicious file hash',
				malicious_confidence: 100,
				file_artifacts: [{ sha256: EICAR_SHA256, filename: 'eicar.com', verdict: 'malicious', verdict_reason: 'Known malicious file hash' }],
				malware_families: [{ name: 'EICAR-Test-File' }],
				file_size: eicar.length,
			}),
		});
		expect(MALICIOUS_SHA256[0]).toBe(EICAR_SHA256);
	});

	test('reads the file from the binary field named, names it as told, and sends the archive password with the scan', async () => {
		const result = await run(
			credentials,
			QUICK_SCAN_PRO,
			scanFile({ fileName: 'renamed.zip', archivePassword: 'infected' }, { binaryPropertyName: 'attachment' }),
			{ input: [fileItem(benign.content, benign.file_name, 'attachment')] },
		);
		expect(result.items[0].json).toEqual(expect.objectContaining({ fileName: 'renamed.zip', verdict: 'clean' }));
		expect(requestsOf(sandbox, 'UploadFileMixin0Mixin93')[0].body).toEqual(expect.objectContaining({ files: [expect.objectContaining({ filename: 'renamed.zip' })] }));
		const launch = requestsOf(sandbox, 'LaunchScan')[0].body as { resources: Array<{ sha256: string; password?: string }> };
		expect(launch.resources).toEqual([{ sha256: benign.sha256, password: 'infected' }]);
		expect(sandbox.state.quickScanPro.scan(result.items[0].json.scanId as string)?.withPassword).toBe(true);
		// The password is never in the output.
		expect(JSON.stringify(result.items)).not.toContain('infected');
	});

	test('items beyond Max Files per Request go to another launch; the same file twice in one launch is scanned once', async () => {
		const [a, b, c] = ['a', 'b', 'c'].map((name) => fileItem(`content of ${name}\n`, `${name}.txt`));
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile({ maxFilesPerRequest: 3 }), { input: [a, b, a, c] });
		expect(result.items).toHaveLength(4);
		const launches = requestsOf(sandbox, 'LaunchScan').map((r) => (r.body as { resources: unknown[] }).resources.length);
		expect(launches.sort()).toEqual([1, 2]);
		expect(result.items[2].json.scanId).toBe(result.items[0].json.scanId);
		expect(new Set(result.items.map((item) => item.json.scanId)).size).toBe(3);
	});

	test('a scan not done in time fails with an error that names the scan ID', async () => {
		sandbox.config.scanDelayMs = 60_000;
		const started = Date.now();
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile({ pollTimeout: 0.5, pollInterval: 0.2 }), {
			input: [fileItem(malware.content, malware.file_name)],
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		const scanId = sandbox.state.quickScanPro.entries()[0].id;
		expect(result.error?.message).toBe(`Scan ${scanId} was not done after 0.5 s (status "running")`);
		expect(result.error?.description).toContain(`Scan → Get and the scan ID ${scanId}`);
		expect(result.items).toEqual([]);
		// It polled for the whole timeout, not once.
		expect(requestsOf(sandbox, 'GetScanResult').length).toBeGreaterThanOrEqual(3);
	});

	test('On Timeout "Output the Pending Scan" gives the scan ID as data, and Scan → Get fetches it later', async () => {
		sandbox.config.scanDelayMs = 1_500;
		const pending = await run(credentials, QUICK_SCAN_PRO, scanFile({ pollTimeout: 0.2, onTimeout: 'output' }), {
			input: [fileItem(malware.content, malware.file_name)],
		});
		expect(pending.items[0].json).toEqual({
			sha256: malware.sha256,
			fileName: malware.file_name,
			scanId: expect.stringMatching(/^[a-f0-9]{32}$/),
			status: 'running',
			quota: { total: 10_000, used: 1, in_progress: 1 },
			timedOut: true,
		});

		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const later = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'get', ids: '={{ $json.scanId }}' }, { input: [pending.items[0].json] });
		expect(later.items[0].json).toEqual(expect.objectContaining({ id: pending.items[0].json.scanId, status: 'done', verdict: 'malicious', malicious: true }));
	});

	test('a scan that fails fails its item with CrowdStrike\'s reason (never a clean verdict); the other files get theirs', async () => {
		sandbox.state.quickScanPro.failScansOf(malware.sha256, { code: 'archive_password', message: 'The archive is encrypted and no password was given' });
		const input = [fileItem(malware.content, malware.file_name), fileItem(benign.content, benign.file_name)];
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input, continueOnFail: true });
		const scanId = requestsOf(sandbox, 'GetScanResult')[0].query.ids?.[0];
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ error: `The scan ${scanId} of ${malware.sha256} failed: archive_password: The archive is encrypted and no password was given` }),
		);
		expect(result.items[0].json.verdict).toBeUndefined();
		expect(result.items[1].json).toEqual(expect.objectContaining({ sha256: benign.sha256, verdict: 'clean', status: 'done' }));
		// Polling stopped once both were finished, failed or not.
		const failing = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input });
		expect(failing.error?.message).toMatch(/^The scan [a-f0-9]{32} of [a-f0-9]{64} failed: archive_password: /);
	});

	test('a file over 256 MB is refused before anything is sent, without being read', async () => {
		// Its declared size is what n8n's binary metadata says (the 256 MB read itself is Quick Scan's test).
		const big = { json: {}, binary: { data: { ...toBinary('x', { fileName: 'huge.iso' }), bytes: 256 * 1024 * 1024 + 1 } } };
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input: [big] });
		expect(result.error?.message).toBe(
			'Invalid "Input Binary Field" in item 0: the file is 268435457 bytes (256.0 MB); CrowdStrike accepts samples of at most 268435456 bytes (256 MB), so it was not uploaded',
		);
		expect(apiRequests(sandbox)).toEqual([]);
	});

	test('an item without the binary field fails before any request; with On Error → Continue the others are scanned', async () => {
		const input = [{ json: { note: 'no file' } }, fileItem(benign.content, benign.file_name)];
		const failing = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input });
		expect(failing.error?.message).toBe('Invalid "Input Binary Field" in item 0: the item has no binary field "data" (it carries no file)');
		expect(apiRequests(sandbox)).toEqual([]);

		const continuing = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input, continueOnFail: true });
		expect(continuing.error).toBeUndefined();
		expect(continuing.items).toHaveLength(2);
		expect(continuing.items[0].json.error).toBe('Invalid "Input Binary Field" in item 0: the item has no binary field "data" (it carries no file)');
		expect(continuing.items[0].pairedItem).toEqual({ item: 0 });
		expect(continuing.items[1].json).toEqual(expect.objectContaining({ sha256: benign.sha256, verdict: 'clean' }));
		expect(continuing.items[1].pairedItem).toEqual({ item: 1 });
	});

	test("an upload CrowdStrike refuses fails that item with CrowdStrike's message; with On Error → Continue the others are scanned", async () => {
		sandbox.config.maxSampleBytes = 100;
		expect(malware.content.length).toBeGreaterThan(100);
		const input = [fileItem(malware.content, malware.file_name), fileItem(benign.content, benign.file_name)];
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input, continueOnFail: true });
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ error: `The file is ${malware.content.length} bytes: files may be at most 100 bytes (256 MB)`, httpCode: '400', traceId: expect.any(String) }),
		);
		expect(result.items[1].json).toEqual(expect.objectContaining({ sha256: benign.sha256, verdict: 'clean' }));
		expect(requestsOf(sandbox, 'LaunchScan').map((r) => r.body)).toEqual([{ resources: [{ sha256: benign.sha256 }] }]);

		const stopping = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input });
		expect(stopping.error?.message).toBe(`The file is ${malware.content.length} bytes: files may be at most 100 bytes (256 MB)`);
	});

	test('an exhausted scan quota fails the items with CrowdStrike\'s message at once, without waiting for the quota to renew', async () => {
		sandbox.config.quickScanProQuota = 1;
		const input = [fileItem(malware.content, malware.file_name), fileItem(benign.content, benign.file_name)];
		const started = Date.now();
		const result = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input, continueOnFail: true });
		expect(Date.now() - started).toBeLessThan(10_000);
		const message = expect.stringMatching(
			/^Rate limited, and the wait before trying again \(.+ s\) would go past the Max Total Wait of 120 s: QuickScan Pro scan quota exceeded: 0 of 1 scans used, 2 more requested$/,
		) as unknown as string;
		expect(result.items.map((item) => [item.json.error, item.json.httpCode, item.pairedItem])).toEqual([
			[message, '429', { item: 0 }],
			[message, '429', { item: 1 }],
		]);
		// The files were uploaded; no scan started.
		expect(requestsOf(sandbox, 'LaunchScan')).toHaveLength(1);
		expect(sandbox.state.quickScanPro.entries()).toEqual([]);
	});

	test('a server error on the launch is not sent again: the items say their outcome is unknown', async () => {
		sandbox.config.faults = { ...sandbox.config.faults, rate5xx: 1, paths: ['/quickscanpro/entities/scans/v1'] };
		try {
			const result = await run(credentials, QUICK_SCAN_PRO, scanFile(), { input: [fileItem(benign.content, benign.file_name)], continueOnFail: true });
			expect(result.items[0].json.error).toMatch(/^CrowdStrike did not confirm this write, it may or may not have been applied: /);
			expect(requestsOf(sandbox, 'LaunchScan')).toHaveLength(1);
		} finally {
			sandbox.config.faults = { ...sandbox.config.faults, rate5xx: 0, paths: undefined };
		}
	});
});
