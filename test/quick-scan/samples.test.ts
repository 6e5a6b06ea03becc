import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_ALERT_FILES, startSandbox, type Sandbox } from '../../sandbox';
import { ZipCryptoKeys, crc32 } from '../../sandbox/falcon/samples/zip';
import { binaryToBuffer, toBinary, type CredentialStore } from '../harness';
import { QUICK_SCAN, apiRequests, falconCredentials, run } from './helpers';

const [malware, benign] = DEMO_ALERT_FILES;

let sandbox: Sandbox;
let credentials: CredentialStore;

beforeAll(async () => {
	sandbox = await startSandbox({ scanDelayMs: 0 });
	credentials = falconCredentials(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
	sandbox.config.maxSampleBytes = 256 * 1024 * 1024;
});

function fileItem(content: Buffer, fileName: string) {
	return { json: {}, binary: { data: toBinary(content, { fileName }) } };
}

async function upload(...files: Array<{ content: Buffer; file_name: string }>) {
	return await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'upload', options: {} }, {
		input: files.map((file) => fileItem(file.content, file.file_name)),
	});
}

/** The one entry of a ZIP, read by the book (APPNOTE 4.3.7 local header), decrypted when a password is given. */
function readZipEntry(zip: Buffer, password?: string): { name: string; data: Buffer; encrypted: boolean } {
	expect(zip.readUInt32LE(0)).toBe(0x04034b50);
	const flags = zip.readUInt16LE(6);
	const crc = zip.readUInt32LE(14);
	const size = zip.readUInt32LE(18);
	const nameLength = zip.readUInt16LE(26);
	const extraLength = zip.readUInt16LE(28);
	const name = zip.subarray(30, 30 + nameLength).toString('utf8');
	const payload = Buffer.from(zip.subarray(30 + nameLength + extraLength, 30 + nameLength + extraLength + size));
	const encrypted = (flags & 1) === 1;
	if (!encrypted) return { name, data: payload, encrypted };
	new ZipCryptoKeys(Buffer.from(password ?? '', 'utf8')).decrypt(payload);
	expect(payload[11]).toBe(crc >>> 24);
	const data = payload.subarray(12);
	expect(crc32(data)).toBe(crc);
	return { name, data, encrypted };
}

function hasUnzip(): boolean {
	try {
		execFileSync('unzip', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

describe('Sample → Upload', () => {
	test('sends the item\'s file as multipart sample + file_name, with comment and confidentiality', async () => {
		const result = await run(
			credentials,
			QUICK_SCAN,
			{ resource: 'sample', operation: 'upload', binaryPropertyName: 'data', options: { comment: 'phishing attachment', isConfidential: false, fileName: 'attachment.exe' } },
			{ input: [fileItem(malware.content, malware.file_name)] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { sha256: malware.sha256, file_name: 'attachment.exe', size: malware.content.length, isConfidential: false },
				pairedItem: { item: 0 },
			},
		]);
		const [request] = apiRequests(sandbox);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/samples/entities/samples/v3');
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.body).toEqual({
			file_name: 'attachment.exe',
			comment: 'phishing attachment',
			is_confidential: 'false',
			files: [{ field: 'sample', filename: 'attachment.exe', contentType: 'application/octet-stream', size: malware.content.length }],
		});
		expect(sandbox.state.samples.get(malware.sha256)).toEqual(
			expect.objectContaining({ file_name: 'attachment.exe', comment: 'phishing attachment', is_confidential: false }),
		);
		expect(sandbox.state.samples.get(malware.sha256)?.data.equals(malware.content)).toBe(true);
	});

	test('uses the binary file\'s own name and uploads confidentially by default, one request per item', async () => {
		const result = await upload(malware, benign);
		expect(result.items.map((item) => item.json.sha256)).toEqual([malware.sha256, benign.sha256]);
		expect(apiRequests(sandbox).map((r) => [(r.body as Record<string, unknown>).file_name, (r.body as Record<string, unknown>).is_confidential])).toEqual([
			[malware.file_name, 'true'],
			[benign.file_name, 'true'],
		]);
	});

	test('a missing binary field is named, with the fields the item has, before any request', async () => {
		const result = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'upload', binaryPropertyName: 'attachment', options: {} }, {
			input: [fileItem(benign.content, benign.file_name)],
		});
		expect(result.error?.message).toBe('Invalid "Input Binary Field" in item 0: the item has no binary field "attachment" (it has "data")');
		expect(apiRequests(sandbox)).toEqual([]);
	});

	test('an API refusal carries CrowdStrike\'s message and trace id', async () => {
		sandbox.config.maxSampleBytes = 10;
		const result = await upload(benign);
		expect(result.error?.message).toBe(`The sample is ${benign.content.length} bytes: samples may be at most 10 bytes (256 MB)`);
		expect(result.error?.description).toMatch(/POST \/samples\/entities\/samples\/v3, answered HTTP 413, CrowdStrike trace id: [0-9a-f-]{36}/);
	});
});

describe('Sample → Download', () => {
	test('writes the sample to the output binary field as it was uploaded', async () => {
		await upload(benign);
		sandbox.clearRequests();
		const result = await run(
			credentials,
			QUICK_SCAN,
			{ resource: 'sample', operation: 'download', sha256: benign.sha256.toUpperCase(), binaryPropertyName: 'sample', passwordProtected: false },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ sha256: benign.sha256, fileName: benign.sha256, size: benign.content.length, passwordProtected: false });
		const binary = result.items[0].binary?.sample;
		expect(binary).toEqual(expect.objectContaining({ fileName: benign.sha256, mimeType: 'application/octet-stream' }));
		expect((await binaryToBuffer(binary!)).equals(benign.content)).toBe(true);
		expect(apiRequests(sandbox).map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/samples/entities/samples/v3', { ids: [benign.sha256] }],
		]);
	});

	test('as a ZIP protected with the password "infected" (the default)', async () => {
		await upload(malware);
		sandbox.clearRequests();
		const result = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'download', sha256: malware.sha256 });
		expect(result.items[0].json).toEqual({
			sha256: malware.sha256,
			fileName: `${malware.sha256}.zip`,
			size: expect.any(Number),
			passwordProtected: true,
			zipPassword: 'infected',
		});
		expect(apiRequests(sandbox)[0].query).toEqual({ ids: [malware.sha256], password_protected: ['true'] });
		const binary = result.items[0].binary?.data;
		expect(binary?.mimeType).toBe('application/zip');
		const zip = await binaryToBuffer(binary!);
		// The malware is not in the archive in the clear.
		expect(zip.includes(malware.content.subarray(0, 40))).toBe(false);
		const entry = readZipEntry(zip, 'infected');
		expect(entry).toEqual({ name: malware.sha256, data: malware.content, encrypted: true });

		if (hasUnzip()) {
			const dir = mkdtempSync(join(tmpdir(), 'sample-zip-'));
			try {
				writeFileSync(join(dir, 'sample.zip'), zip);
				expect(execFileSync('unzip', ['-P', 'infected', '-p', join(dir, 'sample.zip')]).equals(malware.content)).toBe(true);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	});

	test('Max Size (MB): a larger sample fails its item naming its size, and its download stops; within the cap it comes whole', async () => {
		const big = Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a);
		const stored = sandbox.state.samples.put(big, { file_name: 'big.bin', is_confidential: true, uploaded_by: 'test' }, Date.now());
		const capped = await run(
			credentials,
			QUICK_SCAN,
			{ resource: 'sample', operation: 'download', sha256: stored.sha256, passwordProtected: false, options: { maxSizeMb: 1 } },
			{ continueOnFail: true },
		);
		expect(capped.items).toHaveLength(1);
		expect(capped.items[0].binary).toBeUndefined();
		expect(capped.items[0].json.error).toBe(`The sample ${stored.sha256} is 3.0 MB (3145745 bytes), more than Max Size (MB) of 1 MB`);

		const whole = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'download', sha256: stored.sha256, passwordProtected: false, options: { maxSizeMb: 4 } });
		expect(whole.error).toBeUndefined();
		expect(whole.items[0].json.size).toBe(big.length);
		expect((await binaryToBuffer(whole.items[0].binary!.data)).equals(big)).toBe(true);

		const bad = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'download', sha256: stored.sha256, options: { maxSizeMb: 0 } });
		expect(bad.error?.message).toBe('Invalid "Max Size (MB)" in item 0: "0": must be at least 1');
	});

	test('an unknown sample fails with CrowdStrike\'s 404 message; a bad SHA256 is refused before any request', async () => {
		const unknown = 'a'.repeat(64);
		const missing = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'download', sha256: unknown });
		expect(missing.error?.message).toBe(`Sample with SHA256 '${unknown}' not found`);
		expect(missing.error).toEqual(expect.objectContaining({ httpCode: '404' }));

		sandbox.clearRequests();
		const bad = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'download', sha256: 'not-a-hash' });
		expect(bad.error?.message).toBe('Invalid "Sample SHA256" in item 0: "not-a-hash": a SHA256 is 64 hexadecimal characters');
		expect(apiRequests(sandbox)).toEqual([]);
	});
});

describe('Sample → Delete', () => {
	test('deletes each sample of each item, one request per sample', async () => {
		await upload(malware, benign);
		sandbox.clearRequests();
		const result = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'delete', samples: `${malware.sha256}, ${benign.sha256}` });
		expect(result.items.map((item) => item.json)).toEqual([
			{ sha256: malware.sha256, deleted: true },
			{ sha256: benign.sha256, deleted: true },
		]);
		expect(apiRequests(sandbox).map((r) => [r.method, r.query.ids])).toEqual([
			['DELETE', [malware.sha256]],
			['DELETE', [benign.sha256]],
		]);
		expect(sandbox.state.samples.size).toBe(0);
	});

	test('continueOnFail: an unknown sample becomes its item\'s error, a bad one is refused before any request', async () => {
		await upload(benign);
		sandbox.clearRequests();
		const result = await run(credentials, QUICK_SCAN, { resource: 'sample', operation: 'delete', samples: '={{ $json.sha }}' }, {
			input: [{ sha: 'b'.repeat(64) }, { sha: benign.sha256 }, { sha: 'xyz' }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[expect.objectContaining({ error: `Sample with SHA256 '${'b'.repeat(64)}' not found`, httpCode: '404' }), { item: 0 }],
			[{ sha256: benign.sha256, deleted: true }, { item: 1 }],
			[expect.objectContaining({ error: 'Invalid "Sample SHA256s" in item 2: "xyz": a SHA256 is 64 hexadecimal characters (separate several values with new lines, commas, semicolons or spaces)' }), { item: 2 }],
		]);
		expect(apiRequests(sandbox).map((r) => r.query.ids?.[0])).toEqual(['b'.repeat(64), benign.sha256]);
	});
});
