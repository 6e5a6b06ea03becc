/** The sandbox's Quick Scan Pro service, called over HTTP as any client would, answering as the spec's models say. */
import { DEMO_ALERT_FILES, EICAR_TEST_STRING, MALICIOUS_SHA256, type Sandbox } from '../../sandbox';
import { allowInvalidRequests } from '../contract';
import { call, startWithToken } from '../sandbox/helpers';

const [malware, benign] = DEMO_ALERT_FILES;
const FILES = '/quickscanpro/entities/files/v1';
const SCANS = '/quickscanpro/entities/scans/v1';
const QUERY = '/quickscanpro/queries/scans/v1';

interface Answer {
	status: number;
	headers: Headers;
	json: {
		meta: Record<string, unknown>;
		quota?: Record<string, number>;
		resources: Array<Record<string, unknown>> | string[];
		errors: Array<{ code: number; message: string; id?: string }>;
	};
}

let sb: Sandbox;
let token: string;

beforeAll(async () => {
	({ sb, token } = await startWithToken({ scanDelayMs: 150 }));
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => {
	sb.state.quickScanPro.reset();
	sb.config.scanDelayMs = 150;
	sb.config.maxSampleBytes = 256 * 1024 * 1024;
	sb.config.quickScanProQuota = 10_000;
});

async function upload(content: Buffer | string | undefined, fields: Record<string, string> = {}, fileName = 'file.bin'): Promise<Answer> {
	const form = new FormData();
	if (content !== undefined) form.append('file', new Blob([content]), fileName);
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const res = await fetch(`${sb.url}${FILES}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
	return { status: res.status, headers: res.headers, json: (await res.json()) as Answer['json'] };
}

async function launch(resources: unknown): Promise<Answer> {
	const res = await fetch(`${sb.url}${SCANS}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ resources }),
	});
	return { status: res.status, headers: res.headers, json: (await res.json()) as Answer['json'] };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('files', () => {
	test('multipart upload stores the file by SHA256 (named by the part), answers quickscanpro.FileUploadResponse with the quota in meta and next to it', async () => {
		const answer = await upload(benign.content, {}, 'report.txt');
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			meta: { query_time: expect.any(Number), powered_by: 'quickscanpro', trace_id: expect.any(String), quota: { total: 10_000, used: 0, in_progress: 0 } },
			quota: { total: 10_000, used: 0, in_progress: 0 },
			resources: [{ sha256: benign.sha256 }],
			errors: [],
		});
		expect(sb.state.quickScanPro.file(benign.sha256)).toEqual(expect.objectContaining({ file_name: 'report.txt', size: benign.content.length }));
	});

	test('scan=true starts the scan at once: scan_id in the answer, one scan of the quota used', async () => {
		const answer = await upload(malware.content, { scan: 'true', password: 'infected' });
		const [resource] = answer.json.resources as Array<Record<string, string>>;
		expect(resource).toEqual({ sha256: malware.sha256, scan_id: expect.stringMatching(/^[a-f0-9]{32}$/) });
		expect(answer.json.quota).toEqual({ total: 10_000, used: 1, in_progress: 1 });
		expect(sb.state.quickScanPro.scan(resource.scan_id)?.withPassword).toBe(true);
	});

	test('octet-stream upload takes its name from file_name and its password from X-File-Password', async () => {
		allowInvalidRequests('an octet-stream upload: the file is the body, not a form field (the spec lists only form fields); our nodes send multipart', { path: FILES });
		const res = await call(sb, 'POST', FILES, {
			token,
			query: { file_name: 'raw.bin', scan: 'true' },
			headers: { 'content-type': 'application/octet-stream', 'x-file-password': 'pw' },
			rawBody: benign.content,
		});
		expect(res.status).toBe(200);
		const scanId = (res.json as { resources: Array<{ scan_id: string }> }).resources[0].scan_id;
		expect(sb.state.quickScanPro.file(benign.sha256)?.file_name).toBe('raw.bin');
		expect(sb.state.quickScanPro.scan(scanId)?.withPassword).toBe(true);
		const nameless = await call(sb, 'POST', FILES, { token, headers: { 'content-type': 'application/octet-stream' }, rawBody: benign.content });
		expect(nameless.status).toBe(400);
	});

	test('refusals: no file, an empty file, a file over the limit, a JSON body (400 msa.ReplyMetaOnly errors)', async () => {
		allowInvalidRequests('refusals of malformed uploads', { path: FILES, refusedOnly: true });
		expect((await upload(undefined, { scan: 'false' })).json.errors[0].message).toBe('file is required: the file, in the multipart field "file"');
		expect((await upload('', {}, 'empty.txt')).json.errors[0].message).toBe('The file is empty');
		expect((await upload(benign.content, { scan: 'maybe' })).status).toBe(400);
		sb.config.maxSampleBytes = 16;
		const big = await upload(benign.content);
		expect(big.status).toBe(400);
		expect(big.json.errors).toEqual([{ code: 400, message: `The file is ${benign.content.length} bytes: files may be at most 16 bytes (256 MB)` }]);
		expect((await call(sb, 'POST', FILES, { token, body: { file: 'x' } })).status).toBe(400);
	});

	test('delete takes repeated ids: the deleted SHA256s in resources, unknown ones in errors; an invalid id is a 400', async () => {
		await upload(benign.content);
		await upload(malware.content);
		const unknown = 'f'.repeat(64);
		const res = await call<Answer['json']>(sb, 'DELETE', FILES, { token, query: { ids: [benign.sha256, malware.sha256.toUpperCase(), unknown] } });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			meta: expect.objectContaining({ trace_id: expect.any(String) }),
			resources: [benign.sha256, malware.sha256],
			errors: [{ code: 404, message: `File '${unknown}' not found`, id: unknown }],
		});
		expect((await call(sb, 'DELETE', FILES, { token, query: { ids: 'nope' } })).status).toBe(400);
		expect((await call(sb, 'DELETE', FILES, { token, invalid: 'ids is required' })).status).toBe(400);
	});
});

describe('scans', () => {
	test('launch: one scan per file (quickscanpro.LaunchScanResource), running for scanDelayMs then done with the verdict', async () => {
		await upload(malware.content, {}, 'invoice.exe');
		await upload(benign.content, {}, 'report.txt');
		const launched = await launch([{ sha256: malware.sha256 }, { sha256: benign.sha256.toUpperCase(), password: 'pw' }]);
		expect(launched.status).toBe(200);
		expect(launched.json.resources).toEqual([
			{ id: expect.stringMatching(/^[a-f0-9]{32}$/), sha256: malware.sha256, created_timestamp: expect.any(String) },
			{ id: expect.stringMatching(/^[a-f0-9]{32}$/), sha256: benign.sha256, created_timestamp: expect.any(String) },
		]);
		expect(launched.json.meta.quota).toEqual({ total: 10_000, used: 2, in_progress: 2 });
		const ids = (launched.json.resources as Array<{ id: string }>).map((r) => r.id);

		const running = await call<Answer['json']>(sb, 'GET', SCANS, { token, query: { ids } });
		expect(running.json.resources[0]).toEqual({
			id: ids[0],
			scan: { sha256: malware.sha256, status: 'running', created_timestamp: expect.any(String), updated_timestamp: expect.any(String) },
			result: { verdict: 'unknown', verdict_reason: 'The scan is still running', malicious_confidence: 0, file_artifacts: [] },
		});
		// GetScanResult's meta is msa.MetaInfo: no quota.
		expect(running.json.meta.quota).toBeUndefined();

		await wait(200);
		const done = await call<Answer['json']>(sb, 'GET', SCANS, { token, query: { ids } });
		const [bad, good] = done.json.resources as Array<{ scan: Record<string, unknown>; result: Record<string, unknown> }>;
		expect(bad.scan.status).toBe('done');
		expect(bad.result).toEqual({
			verdict: 'malicious',
			verdict_reason: 'Contains the EICAR anti-malware test string',
			verdict_reasons: ['Contains the EICAR anti-malware test string'],
			verdict_source: ['sandbox-static-analysis'],
			malicious_confidence: 100,
			file_artifacts: [{ sha256: malware.sha256, filename: 'invoice.exe', verdict: 'malicious', verdict_reason: 'Contains the EICAR anti-malware test string' }],
			url_artifacts: [],
			malware_families: [{ name: 'EICAR-Test-File' }],
			mitre_attacks: [],
			static_indicators: [],
			yara_rules: [],
			file_size: malware.content.length,
			file_type: 'ASCII text',
			file_type_short: 'txt',
			mime_type: 'text/plain',
			first_content_bytes_hex: malware.content.subarray(0, 16).toString('hex'),
			first_content_bytes_ascii: malware.content.subarray(0, 16).toString('latin1'),
		});
		expect(good.result).toEqual(expect.objectContaining({ verdict: 'clean', malicious_confidence: 0, malware_families: [] }));
	});

	test('verdicts from the seed: the malicious hashes and the EICAR string are malicious, anything else clean', async () => {
		sb.config.scanDelayMs = 0;
		const eicar = await upload(EICAR_TEST_STRING, {}, 'eicar.com');
		const plain = (await upload('nothing to see\n', {}, 'plain.txt')).json.resources[0] as { sha256: string };
		const shas = [(eicar.json.resources[0] as { sha256: string }).sha256, plain.sha256];
		expect(shas[0]).toBe(MALICIOUS_SHA256[0]);
		const launched = await launch(shas.map((sha256) => ({ sha256 })));
		const ids = (launched.json.resources as Array<{ id: string }>).map((r) => r.id);
		const results = (await call<{ resources: Array<{ result: { verdict: string; verdict_reason: string } }> }>(sb, 'GET', SCANS, { token, query: { ids } })).json.resources;
		expect(results.map((r) => [r.result.verdict, r.result.verdict_reason])).toEqual([
			['malicious', 'Known malicious file hash'],
			['clean', 'No malicious indicators found'],
		]);
	});

	test('launch refusals: a file never uploaded (400 naming it, nothing started), a bad body, too many files', async () => {
		allowInvalidRequests('refusals of malformed launches', { path: SCANS, refusedOnly: true });
		const unknown = 'a'.repeat(64);
		const missing = await launch([{ sha256: unknown }]);
		expect(missing.status).toBe(400);
		expect(missing.json.errors).toEqual([{ code: 400, message: `File '${unknown}' was not found: upload it to /quickscanpro/entities/files/v1 before scanning`, id: unknown }]);
		expect(sb.state.quickScanPro.entries()).toEqual([]);
		expect((await launch([])).status).toBe(400);
		expect((await launch([{ sha256: 'xyz' }])).json.errors[0].message).toBe("Invalid resources[0].sha256 'xyz': a SHA256 (64 hexadecimal characters)");
		expect((await launch(Array.from({ length: 101 }, () => ({ sha256: unknown })))).status).toBe(400);
		expect((await call(sb, 'POST', SCANS, { token, body: ['not', 'an', 'object'] })).status).toBe(400);
	});

	test('past the quota a launch is the spec\'s 429 with a RetryAfter a day ahead; nothing is started', async () => {
		await upload(benign.content);
		sb.config.quickScanProQuota = 1;
		expect((await launch([{ sha256: benign.sha256 }])).status).toBe(200);
		const refused = await launch([{ sha256: benign.sha256 }]);
		expect(refused.status).toBe(429);
		expect(refused.json.errors).toEqual([{ code: 429, message: 'QuickScan Pro scan quota exceeded: 1 of 1 scans used, 1 more requested' }]);
		const retryAfter = Number(refused.headers.get('x-ratelimit-retryafter'));
		expect(retryAfter * 1000 - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
		expect(sb.state.quickScanPro.entries()).toHaveLength(1);
	});

	test('query: FQL on the spec\'s fields, newest first, asc/desc, offset and limit with msa.Paging, the quota', async () => {
		allowInvalidRequests('the sandbox takes a missing filter as every scan, as an empty one; the nodes always send filter', { path: QUERY });
		sb.config.scanDelayMs = 0;
		await upload(malware.content, {}, 'invoice.exe');
		await upload(benign.content, {}, 'report.txt');
		const first = (await launch([{ sha256: malware.sha256 }])).json.resources[0] as { id: string };
		await wait(5);
		const second = (await launch([{ sha256: benign.sha256 }])).json.resources[0] as { id: string };
		const query = async (q: Record<string, string | number>) => (await call<Answer['json']>(sb, 'GET', QUERY, { token, query: q })).json;

		const all = await query({ filter: '' });
		expect(all).toEqual({
			meta: expect.objectContaining({ pagination: { offset: 0, limit: 50, total: 2 }, quota: { total: 10_000, used: 2, in_progress: 0 } }),
			quota: { total: 10_000, used: 2, in_progress: 0 },
			resources: [second.id, first.id],
			errors: [],
		});
		expect((await query({ sort: 'asc' })).resources).toEqual([first.id, second.id]);
		expect((await query({ sort: 'created_timestamp.asc' })).resources).toEqual([first.id, second.id]);
		expect((await query({ filter: "verdict:'malicious'" })).resources).toEqual([first.id]);
		expect((await query({ filter: `sha256:'${benign.sha256}'` })).resources).toEqual([second.id]);
		expect((await query({ filter: "artifacts.file_artifacts.filename:'invoice.exe'" })).resources).toEqual([first.id]);
		expect((await query({ filter: "_all:~'eicar'" })).resources).toEqual([first.id]);
		expect([malware.content.length, benign.content.length]).toEqual([107, 84]);
		expect((await query({ filter: 'file_size:>100' })).resources).toEqual([first.id]);
		expect((await query({ filter: "status:'done'+created_timestamp:>'2020-01-01'" })).resources).toEqual([second.id, first.id]);
		expect((await query({ limit: 1, offset: 1 })).resources).toEqual([first.id]);
		expect((await query({ limit: 1, offset: 1 })).meta.pagination).toEqual({ offset: 1, limit: 1, total: 2 });

		const invalid = await call<Answer['json']>(sb, 'GET', QUERY, { token, query: { filter: "colour:'red'" } });
		expect(invalid.status).toBe(400);
		expect((await call(sb, 'GET', QUERY, { token, query: { limit: 5001 } })).status).toBe(400);
		expect((await call(sb, 'GET', QUERY, { token, query: { sort: 'sha256.asc' } })).status).toBe(400);
	});

	test('delete: the deleted scan IDs (msaspec.QueryResponse), unknown ones in errors; a deleted scan is gone', async () => {
		await upload(benign.content);
		const { id } = (await launch([{ sha256: benign.sha256 }])).json.resources[0] as { id: string };
		const unknown = 'b'.repeat(32);
		const res = await call<Answer['json']>(sb, 'DELETE', SCANS, { token, query: { ids: [id, unknown] } });
		expect(res.json).toEqual({ meta: expect.objectContaining({ trace_id: expect.any(String) }), resources: [id], errors: [{ code: 404, message: `Scan '${unknown}' not found`, id: unknown }] });
		const gone = await call<Answer['json']>(sb, 'GET', SCANS, { token, query: { ids: id } });
		expect(gone.json).toEqual(expect.objectContaining({ resources: [], errors: [{ code: 404, message: `Scan '${id}' not found`, id }] }));
	});

	test('a file a test marks failing ends `failed` with its quickscanpro.Error', async () => {
		sb.config.scanDelayMs = 0;
		await upload(benign.content);
		sb.state.quickScanPro.failScansOf(benign.sha256, { code: 'unsupported', message: 'The file type is not supported' });
		const { id } = (await launch([{ sha256: benign.sha256 }])).json.resources[0] as { id: string };
		const [resource] = (await call<{ resources: Array<{ scan: Record<string, unknown>; result: Record<string, unknown> }> }>(sb, 'GET', SCANS, { token, query: { ids: id } })).json.resources;
		expect(resource.scan).toEqual(expect.objectContaining({ status: 'failed', errors: [{ code: 'unsupported', message: 'The file type is not supported' }] }));
		expect(resource.result).toEqual({ verdict: 'unknown', verdict_reason: 'The scan failed', malicious_confidence: 0, file_artifacts: [] });
	});
});

describe('controls', () => {
	test('POST /_sandbox/quick-scan-pro/scans adds a finished scan (of content or of a hash) for triggers to find', async () => {
		const added = await call<Record<string, unknown>>(sb, 'POST', '/_sandbox/quick-scan-pro/scans', { body: { content: 'a dropped file', fileName: 'drop.txt', verdict: 'malicious' } });
		expect(added.status).toBe(201);
		expect(added.json).toEqual({
			id: expect.stringMatching(/^[a-f0-9]{32}$/),
			scan: expect.objectContaining({ status: 'done' }),
			result: expect.objectContaining({ verdict: 'malicious', verdict_reason: 'Marked malicious by the sandbox admin', file_artifacts: [expect.objectContaining({ filename: 'drop.txt' })] }),
		});
		const byHash = await call<{ result: { verdict: string } }>(sb, 'POST', '/_sandbox/quick-scan-pro/scans', { body: { sha256: MALICIOUS_SHA256[3] } });
		expect(byHash.json.result.verdict).toBe('malicious');
		expect((await call(sb, 'GET', QUERY, { token, query: { filter: "status:'done'" } })).json).toEqual(expect.objectContaining({ resources: expect.arrayContaining([added.json.id]) }));
		expect((await call(sb, 'POST', '/_sandbox/quick-scan-pro/scans', { body: { verdict: 'evil' } })).status).toBe(400);
		expect((await call(sb, 'POST', '/_sandbox/quick-scan-pro/scans', { body: {} })).status).toBe(400);
	});

	test('forbiddenPaths answers 403 "access denied, authorization failed", as for an API client without the scope', async () => {
		allowInvalidRequests('a bare query, refused for its missing scope', { path: QUERY, refusedOnly: true });
		sb.config.forbiddenPaths = ['/quickscanpro/'];
		try {
			const res = await call<Answer['json']>(sb, 'GET', QUERY, { token });
			expect(res.status).toBe(403);
			expect(res.json).toEqual({ meta: expect.objectContaining({ trace_id: expect.any(String) }), errors: [{ code: 403, message: 'access denied, authorization failed' }] });
			expect((await call(sb, 'GET', '/scanner/queries/scans/v1', { token })).status).toBe(200);
		} finally {
			sb.config.forbiddenPaths = [];
		}
	});
});
