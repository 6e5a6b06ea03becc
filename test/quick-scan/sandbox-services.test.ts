/** The sandbox's Sample Uploads and Quick Scan services, called over HTTP as any client would. */
import { request } from 'undici';

import { DEMO_ALERT_FILES, EICAR_SHA256, EICAR_TEST_STRING, type Sandbox } from '../../sandbox';
import { allowInvalidRequests } from '../contract';
import { call, startWithToken } from '../sandbox/helpers';

const [malware, benign] = DEMO_ALERT_FILES;

let sb: Sandbox;
let token: string;

beforeAll(async () => {
	({ sb, token } = await startWithToken({ scanDelayMs: 200 }));
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => {
	sb.state.samples.reset();
	sb.state.quickScan.reset();
	sb.config.maxSampleBytes = 256 * 1024 * 1024;
});

async function uploadMultipart(content: Buffer | undefined, fields: Record<string, string>) {
	const form = new FormData();
	if (content) form.append('sample', new Blob([content]), fields.file_name ?? 'x');
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	// Node's own fetch and FormData (undici's npm package has its own FormData class).
	const res = await fetch(`${sb.url}/samples/entities/samples/v3`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
	return { status: res.status, json: (await res.json()) as { resources: Array<Record<string, unknown>>; errors: Array<{ message: string }> } };
}

describe('Sample Uploads', () => {
	test('upload needs multipart with a sample and a file_name, and respects the size limit', async () => {
		const ok = await uploadMultipart(benign.content, { file_name: 'report.txt' });
		expect(ok).toEqual({ status: 200, json: expect.objectContaining({ resources: [{ sha256: benign.sha256, file_name: 'report.txt' }] }) });
		allowInvalidRequests('uploads the service must refuse (no sample, no file_name, JSON, a bad flag)', { refusedOnly: true });

		const json = await call(sb, 'POST', '/samples/entities/samples/v3', { token, body: { file_name: 'x' } });
		expect(json.status).toBe(400);
		expect((await uploadMultipart(undefined, { file_name: 'x' })).json.errors[0].message).toMatch(/^sample is required/);
		expect((await uploadMultipart(benign.content, { comment: 'no name' })).json.errors[0].message).toBe('file_name is required');
		expect((await uploadMultipart(benign.content, { file_name: 'x', is_confidential: 'maybe' })).status).toBe(400);

		sb.config.maxSampleBytes = 16;
		const big = await uploadMultipart(benign.content, { file_name: 'big.txt' });
		expect(big.status).toBe(413);
		expect(big.json.errors[0].message).toBe(`The sample is ${benign.content.length} bytes: samples may be at most 16 bytes (256 MB)`);
	});

	test('download answers the bytes, or a ZIP; one id per request; delete forgets the sample', async () => {
		await uploadMultipart(benign.content, { file_name: 'report.txt' });
		const raw = await request(`${sb.url}/samples/entities/samples/v3?ids=${benign.sha256}`, { headers: { authorization: `Bearer ${token}` } });
		expect(raw.headers['content-type']).toBe('application/octet-stream');
		expect(Buffer.from(await raw.body.arrayBuffer()).equals(benign.content)).toBe(true);

		const zip = await request(`${sb.url}/samples/entities/samples/v3?ids=${benign.sha256}&password_protected=true`, { headers: { authorization: `Bearer ${token}` } });
		expect(zip.headers['content-type']).toBe('application/zip');
		expect(Buffer.from(await zip.body.arrayBuffer()).readUInt32LE(0)).toBe(0x04034b50);

		expect((await call(sb, 'GET', '/samples/entities/samples/v3', { token, query: { ids: `${benign.sha256},${malware.sha256}` } })).status).toBe(400);
		const deleted = await call(sb, 'DELETE', '/samples/entities/samples/v3', { token, query: { ids: benign.sha256 } });
		expect(deleted.json).toEqual(expect.objectContaining({ resources: [benign.sha256] }));
		expect((deleted.json as { meta: Record<string, unknown> }).meta.writes).toBeUndefined();
		const again = await call(sb, 'DELETE', '/samples/entities/samples/v3', { token, query: { ids: benign.sha256 } });
		expect(again.status).toBe(404);
		// msa.QueryResponse for DeleteSampleV3's 404: resources [] with the error.
		expect(again.json).toEqual(expect.objectContaining({ resources: [], errors: [expect.objectContaining({ code: 404 })] }));
	});
});

describe('Quick Scan', () => {
	test('a scan is pending, then done after scanDelayMs with deterministic verdicts; the quota is in meta', async () => {
		await uploadMultipart(malware.content, { file_name: malware.file_name });
		await uploadMultipart(benign.content, { file_name: benign.file_name });
		await uploadMultipart(Buffer.from(EICAR_TEST_STRING, 'latin1'), { file_name: 'eicar.com' });
		const submitted = await call<{ resources: string[]; meta: { quota: Record<string, number> } }>(sb, 'POST', '/scanner/entities/scans/v1', {
			token,
			body: { samples: [malware.sha256, benign.sha256, EICAR_SHA256] },
		});
		expect(submitted.status).toBe(200);
		const [id] = submitted.json.resources;
		expect(id).toMatch(/^[a-f0-9]{32}_[a-f0-9]{32}$/);
		expect(submitted.json.meta.quota).toEqual({ total: 10_000, used: 3, in_progress: 3 });

		const pending = await call<{ resources: Array<Record<string, unknown>> }>(sb, 'GET', '/scanner/entities/scans/v1', { token, query: { ids: id } });
		expect(pending.json.resources[0]).toEqual(expect.objectContaining({ status: 'pending', samples: [{ sha256: malware.sha256 }, { sha256: benign.sha256 }, { sha256: EICAR_SHA256 }] }));

		await new Promise((resolve) => setTimeout(resolve, 250));
		const done = await call<{ resources: Array<Record<string, unknown>>; meta: { quota: Record<string, number> } }>(sb, 'GET', '/scanner/entities/scans/v1', { token, query: { ids: id } });
		expect(done.json.resources[0]).toEqual(
			expect.objectContaining({
				status: 'done',
				samples: [
					{ sha256: malware.sha256, verdict: 'malware' },
					{ sha256: benign.sha256, verdict: 'clean' },
					{ sha256: EICAR_SHA256, verdict: 'malware' },
				],
			}),
		);
		expect(done.json.meta.quota.in_progress).toBe(0);

		const query = await call<{ resources: string[] }>(sb, 'GET', '/scanner/queries/scans/v1', { token, query: { filter: `samples.verdict:'malware'` } });
		expect(query.json.resources).toEqual([id]);
		expect((await call(sb, 'GET', '/scanner/queries/scans/v1', { token, query: { limit: 5001 } })).status).toBe(400);
	});

	test('samples must be uploaded first and named by SHA256', async () => {
		const missing = await call<{ errors: Array<{ message: string }> }>(sb, 'POST', '/scanner/entities/scans/v1', { token, body: { samples: ['f'.repeat(64)] } });
		expect(missing.status).toBe(400);
		expect(missing.json.errors[0].message).toBe(`Sample '${'f'.repeat(64)}' was not found: upload it with UploadSampleV3 before scanning`);
		expect((await call(sb, 'POST', '/scanner/entities/scans/v1', { token, body: { samples: ['nope'] } })).status).toBe(400);
		expect((await call(sb, 'POST', '/scanner/entities/scans/v1', { token, body: { samples: [] } })).status).toBe(400);
	});
});
