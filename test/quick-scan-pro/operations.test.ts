/** Every other operation of the Quick Scan Pro node (File Upload and Delete; Scan Launch, Get, Get Many, Delete), in n8n's engine against the sandbox. */
import { DEMO_ALERT_FILES, startSandbox, type Sandbox } from '../../sandbox';
import type { CredentialStore } from '../harness';
import { QUICK_SCAN_PRO, apiRequests, falconCredentials, fileItem, requestsOf, run } from './helpers';

const [malware, benign] = DEMO_ALERT_FILES;

let sandbox: Sandbox;
let credentials: CredentialStore;

beforeAll(async () => {
	sandbox = await startSandbox({ scanDelayMs: 200 });
	credentials = falconCredentials(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
	sandbox.config.scanDelayMs = 200;
	sandbox.config.quickScanProQuota = 10_000;
});

const quota = (used: number, inProgress: number) => ({ total: 10_000, used, in_progress: inProgress });

/** Uploads the demo files straight into the sandbox's state (what File → Upload is tested for below). */
function stored(...files: Array<{ content: Buffer; file_name: string }>) {
	return files.map((file) => sandbox.state.quickScanPro.putFile(file.content, file.file_name, 'test', Date.now()).sha256);
}

/** Finished scans of the demo files, launched in this order (the newest last). */
async function finishedScans(): Promise<string[]> {
	sandbox.config.scanDelayMs = 0;
	const [first] = sandbox.state.quickScanPro.launch([{ sha256: stored(malware)[0], withPassword: false }], 'test', Date.now() - 2000);
	const [second] = sandbox.state.quickScanPro.launch([{ sha256: stored(benign)[0], withPassword: false }], 'test', Date.now() - 1000);
	return [first.id, second.id];
}

describe('File', () => {
	test('Upload sends the file as multipart and answers its SHA256; Start Scan starts the scan with the archive password', async () => {
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'file', operation: 'upload', options: {} }, { input: [fileItem(benign.content, benign.file_name)] });
		expect(result.items.map((item) => item.json)).toEqual([{ sha256: benign.sha256, fileName: benign.file_name, size: benign.content.length, quota: quota(0, 0) }]);
		expect(requestsOf(sandbox, 'UploadFileMixin0Mixin93').map((r) => r.body)).toEqual([
			{ scan: 'false', files: [{ field: 'file', filename: benign.file_name, contentType: 'application/octet-stream', size: benign.content.length }] },
		]);

		const scanning = await run(
			credentials,
			QUICK_SCAN_PRO,
			{ resource: 'file', operation: 'upload', options: { startScan: true, archivePassword: 'infected', fileName: 'invoice.zip' } },
			{ input: [fileItem(malware.content, malware.file_name)] },
		);
		const scanId = scanning.items[0].json.scanId as string;
		expect(scanning.items[0].json).toEqual({ sha256: malware.sha256, fileName: 'invoice.zip', size: malware.content.length, scanId: expect.stringMatching(/^[a-f0-9]{32}$/), quota: quota(1, 1) });
		// The password travels in the form (the request log redacts it) and the scan knows it got one.
		expect(requestsOf(sandbox, 'UploadFileMixin0Mixin93')[1].body).toEqual(expect.objectContaining({ scan: 'true', password: '<redacted>' }));
		expect(sandbox.state.quickScanPro.scan(scanId)?.withPassword).toBe(true);
	});

	test('Upload: a lost answer to an upload that starts a scan is not sent again, and says its outcome is unknown', async () => {
		sandbox.config.faults = { ...sandbox.config.faults, rateDrop: 1, paths: ['/quickscanpro/entities/files/v1'] };
		try {
			const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'file', operation: 'upload', options: { startScan: true } }, { input: [fileItem(benign.content, benign.file_name)], continueOnFail: true });
			expect(result.items[0].json.error).toMatch(/^Unknown outcome for the upload and scan of "quarterly_report_q3.txt": the write was not confirmed/);
			// Sent once (the answer dropped), not again.
			expect(requestsOf(sandbox, 'UploadFileMixin0Mixin93').map((r) => r.fault)).toEqual(['drop']);
		} finally {
			sandbox.config.faults = { ...sandbox.config.faults, rateDrop: 0, paths: undefined };
		}
	});

	test('Delete: the SHA256s of all items in one request, repeated ids; a file CrowdStrike does not have fails only its item', async () => {
		const [malwareSha, benignSha] = stored(malware, benign);
		const unknown = 'c'.repeat(64);
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'file', operation: 'delete', sha256s: '={{ $json.sha }}' }, {
			input: [{ sha: malwareSha.toUpperCase() }, { sha: `${benignSha}, ${unknown}` }],
			continueOnFail: true,
		});
		expect(requestsOf(sandbox, 'DeleteFile').map((r) => r.query.ids)).toEqual([[malwareSha, benignSha, unknown]]);
		expect(result.items[0].json).toEqual({ sha256: malwareSha, deleted: true });
		expect(result.items[1].json.error).toBe(`File not found: ${unknown} (File '${unknown}' not found)`);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sandbox.state.quickScanPro.file(malwareSha)).toBeUndefined();
		expect(sandbox.state.quickScanPro.file(benignSha)).toBeUndefined();
	});
});

describe('Scan', () => {
	test('Launch: one request per item, one scan and one output item per file, with the quota', async () => {
		const [malwareSha, benignSha] = stored(malware, benign);
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'launch', sha256s: '={{ $json.sha }}', options: {} }, {
			input: [{ sha: [malwareSha, benignSha] }, { sha: benignSha }],
		});
		expect(requestsOf(sandbox, 'LaunchScan').map((r) => r.body)).toEqual([{ resources: [{ sha256: malwareSha }, { sha256: benignSha }] }, { resources: [{ sha256: benignSha }] }]);
		expect(result.items.map((item) => [item.json.sha256, item.pairedItem])).toEqual([
			[malwareSha, { item: 0 }],
			[benignSha, { item: 0 }],
			[benignSha, { item: 1 }],
		]);
		expect(result.items[0].json).toEqual({ scanId: expect.stringMatching(/^[a-f0-9]{32}$/), sha256: malwareSha, quota: expect.objectContaining({ total: 10_000 }) });
		expect(new Set(result.items.map((item) => item.json.scanId)).size).toBe(3);
		// Nothing waited for the verdicts.
		expect(requestsOf(sandbox, 'GetScanResult')).toEqual([]);
	});

	test('Launch with Wait for Verdict polls until done and outputs the verdicts; an unknown file fails only its item', async () => {
		const [malwareSha] = stored(malware);
		const unknown = 'd'.repeat(64);
		const result = await run(
			credentials,
			QUICK_SCAN_PRO,
			{ resource: 'scan', operation: 'launch', sha256s: '={{ $json.sha }}', options: { wait: true, pollInterval: 0.1, archivePassword: 'secret-pw' } },
			{ input: [{ sha: malwareSha }, { sha: unknown }], continueOnFail: true },
		);
		expect(result.items[0].json).toEqual({
			sha256: malwareSha,
			verdict: 'malicious',
			malicious: true,
			verdictReason: 'Contains the EICAR anti-malware test string',
			maliciousConfidence: 100,
			malwareFamilies: ['EICAR-Test-File'],
			fileType: 'txt',
			scanId: expect.stringMatching(/^[a-f0-9]{32}$/),
			status: 'done',
			quota: quota(1, 1),
		});
		expect(result.items[1].json).toEqual(
			expect.objectContaining({ error: `File '${unknown}' was not found: upload it to /quickscanpro/entities/files/v1 before scanning`, httpCode: '400' }),
		);
		expect(requestsOf(sandbox, 'LaunchScan').map((r) => r.body)).toEqual([
			{ resources: [{ sha256: malwareSha, password: 'secret-pw' }] },
			{ resources: [{ sha256: unknown, password: 'secret-pw' }] },
		]);
		expect(JSON.stringify(result.items)).not.toContain('secret-pw');
	});

	test('Get: the scans of all items in one request, Simplify by default, the raw result without it', async () => {
		const [first, second] = await finishedScans();
		const simple = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'get', ids: '={{ $json.id }}' }, { input: [{ id: first }, { id: second.toUpperCase() }] });
		expect(requestsOf(sandbox, 'GetScanResult').map((r) => r.query.ids)).toEqual([[first, second]]);
		expect(simple.items.map((item) => item.json)).toEqual([
			{
				id: first,
				sha256: malware.sha256,
				status: 'done',
				verdict: 'malicious',
				verdict_reason: 'Contains the EICAR anti-malware test string',
				malicious_confidence: 100,
				file_type: 'ASCII text',
				file_type_short: 'txt',
				file_size: malware.content.length,
				mime_type: 'text/plain',
				malicious: true,
				malware_families: ['EICAR-Test-File'],
				created_timestamp: expect.any(String),
				updated_timestamp: expect.any(String),
			},
			expect.objectContaining({ id: second, sha256: benign.sha256, verdict: 'clean', malicious: false, malware_families: [] }),
		]);

		const raw = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'get', ids: first, simplify: false });
		expect(raw.items[0].json).toEqual({
			id: first,
			scan: expect.objectContaining({ sha256: malware.sha256, status: 'done' }),
			result: expect.objectContaining({ verdict: 'malicious', file_artifacts: [expect.objectContaining({ sha256: malware.sha256 })], mitre_attacks: [], yara_rules: [] }),
		});
	});

	test('Get: an ID CrowdStrike does not know fails its item, naming it; the others get their scans', async () => {
		const [first] = await finishedScans();
		const unknown = 'e'.repeat(32);
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'get', ids: '={{ $json.id }}' }, { input: [{ id: first }, { id: unknown }], continueOnFail: true });
		expect(result.items[0].json.id).toBe(first);
		expect(result.items[1].json).toEqual(expect.objectContaining({ error: `Scan not found: ${unknown} (Scan '${unknown}' not found)`, httpCode: '404' }));
		const failing = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'get', ids: unknown });
		expect(failing.error?.message).toBe(`Scan not found: ${unknown} (Scan '${unknown}' not found)`);
	});

	test('Get Many: the query (an empty filter sent as such), then the scans by ID; newest first, Limit, Sort, IDs Only', async () => {
		const [first, second] = await finishedScans();
		const all = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'getMany', returnAll: true, filter: '', options: {} });
		expect(all.items.map((item) => item.json.id)).toEqual([second, first]);
		expect(all.items[0].json).toEqual(expect.objectContaining({ verdict: 'clean', malicious: false, status: 'done' }));
		const [query] = requestsOf(sandbox, 'QueryScanResults');
		expect(query.query).toEqual({ filter: [''], sort: ['desc'], limit: ['5000'], offset: ['0'] });

		sandbox.clearRequests();
		const limited = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'getMany', returnAll: false, limit: 1, filter: '', options: { sort: 'asc' } });
		expect(limited.items.map((item) => item.json.id)).toEqual([first]);
		expect(requestsOf(sandbox, 'QueryScanResults')[0].query).toEqual(expect.objectContaining({ sort: ['asc'], limit: ['1'] }));

		const ids = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'getMany', returnAll: true, filter: "verdict:'malicious'", options: { idsOnly: true } });
		expect(ids.items.map((item) => item.json)).toEqual([{ id: first }]);
	});

	test('Get Many fetches the results of the IDs found in requests of at most 100 IDs, in the order of the query', async () => {
		sandbox.config.scanDelayMs = 0;
		const [sha] = stored(benign);
		const launched = sandbox.state.quickScanPro.launch(Array.from({ length: 130 }, () => ({ sha256: sha, withPassword: false })), 'test', Date.now());
		expect(launched).toHaveLength(130);
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'getMany', returnAll: true, filter: `sha256:'${sha}'`, options: { sort: 'asc' } });
		expect(result.items.map((item) => item.json.id)).toEqual(launched.map((entry) => entry.id));
		expect(requestsOf(sandbox, 'GetScanResult').map((r) => (r.query.ids ?? []).length)).toEqual([100, 30]);
	});

	test('Get Many: an invalid filter is CrowdStrike\'s 400, with its message', async () => {
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'getMany', returnAll: true, filter: "colour:'red'", options: {} });
		expect(result.error?.message).toMatch(/^Invalid filter field 'colour'/);
		expect((result.error as { httpCode?: string } | undefined)?.httpCode).toBe('400');
	});

	test('Delete: the scan IDs of all items in one request; an unknown ID fails only its item', async () => {
		const [first, second] = await finishedScans();
		const unknown = 'a'.repeat(32);
		const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'delete', ids: '={{ $json.id }}' }, {
			input: [{ id: [first, second] }, { id: unknown }],
			continueOnFail: true,
		});
		expect(requestsOf(sandbox, 'DeleteScanResult').map((r) => r.query.ids)).toEqual([[first, second, unknown]]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: first, deleted: true },
			{ id: second, deleted: true },
			expect.objectContaining({ error: `Scan not found: ${unknown} (Scan '${unknown}' not found)` }),
		]);
		expect(sandbox.state.quickScanPro.entries()).toEqual([]);
	});

	test('meta as the swagger literally declares it (msa.MetaInfo under meta.MetaInfo) reads the same: paging, quota, verdicts', async () => {
		sandbox.config.quickScanProNestedMeta = true;
		try {
			sandbox.config.scanDelayMs = 0;
			const [sha] = stored(benign);
			const launched = sandbox.state.quickScanPro.launch(Array.from({ length: 3 }, () => ({ sha256: sha, withPassword: false })), 'test', Date.now());
			const some = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'getMany', returnAll: false, limit: 2, filter: '', options: { idsOnly: true, sort: 'asc' } });
			expect(some.items.map((item) => item.json.id)).toEqual(launched.slice(0, 2).map((entry) => entry.id));
			const [query] = requestsOf(sandbox, 'QueryScanResults');
			expect(query.status).toBe(200);

			const scanned = await run(credentials, QUICK_SCAN_PRO, { resource: 'file', operation: 'scan', options: { pollInterval: 0.1 } }, { input: [fileItem(malware.content, malware.file_name)] });
			expect(scanned.items[0].json).toEqual(expect.objectContaining({ verdict: 'malicious', quota: quota(4, 0), scanId: expect.stringMatching(/^[a-f0-9]{32}$/) }));
		} finally {
			sandbox.config.quickScanProNestedMeta = false;
		}
	});

	test("a tenant or API client without Quick Scan Pro gets CrowdStrike's 403 with its message and trace id; bad IDs fail before any request", async () => {
		const [first] = await finishedScans();
		sandbox.config.forbiddenPaths = ['/quickscanpro/'];
		try {
			const result = await run(credentials, QUICK_SCAN_PRO, { resource: 'scan', operation: 'get', ids: '={{ $json.id }}' }, { input: [{ id: first }, { id: 'zz' }], continueOnFail: true });
			expect(result.items[0].json).toEqual(
				expect.objectContaining({ error: 'access denied, authorization failed', httpCode: '403', traceId: expect.any(String), description: expect.stringContaining('GET /quickscanpro/entities/scans/v1') }),
			);
			expect(result.items[1].json.error).toBe('Invalid "Scan IDs" in item 1: "zz": a scan ID is 32 hexadecimal characters (separate several values with new lines, commas, semicolons or spaces)');
			expect(apiRequests(sandbox).map((r) => [r.operation, r.status])).toEqual([['GetScanResult', 403]]);
		} finally {
			sandbox.config.forbiddenPaths = [];
		}
	});
});
