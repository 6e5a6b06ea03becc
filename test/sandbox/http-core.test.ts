import { createHash } from 'node:crypto';
import { ok } from '../../sandbox/core/envelope';
import { startSandbox, type Sandbox } from '../../sandbox';
import { allowInvalidRequests } from '../contract';
import { call, type Envelope, getToken } from './helpers';

describe('sandbox: HTTP core (envelope, routing, bodies, request log, latency)', () => {
	// The routes this test registers for itself are no API operation (their answers are still checked).
	allowInvalidRequests('routes of the test itself (/test/...), not of the Falcon API', { path: /^\/test\// });
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox({
			maxBodyBytes: 64 * 1024,
			services: [
				(router) => {
					router.post('/test/echo/v1', (ctx) =>
						ok(ctx, [
							{
								kind: ctx.bodyKind,
								body: ctx.body,
								ids: ctx.query.strings('ids'),
								files: (ctx.files ?? []).map((f) => ({
									field: f.field,
									filename: f.filename,
									contentType: f.contentType,
									size: f.size,
									sha256: createHash('sha256').update(f.data).digest('hex'),
								})),
							},
						]),
					);
					router.get('/test/items/:itemId/v1', (ctx) => ok(ctx, [ctx.params.itemId]), { auth: false });
				},
			],
		});
		token = await getToken(sb);
	});
	afterAll(() => sb.close());

	it('wraps answers in the Falcon envelope with a fresh trace id per response', async () => {
		const a = await call<Envelope>(sb, 'GET', '/iocs/queries/indicators/v1', { token });
		const b = await call<Envelope>(sb, 'GET', '/iocs/queries/indicators/v1', { token });
		for (const r of [a, b]) {
			expect(r.status).toBe(200);
			expect(typeof r.json.meta.query_time).toBe('number');
			expect(r.json.meta.powered_by).toBeTruthy();
			expect(r.json.meta.trace_id).toBe(r.headers['x-cs-traceid']);
			expect(Array.isArray(r.json.resources)).toBe(true);
			expect(r.json.errors).toEqual([]);
			expect(r.headers['x-ratelimit-limit']).toBe('6000');
		}
		expect(a.json.meta.trace_id).not.toBe(b.json.meta.trace_id);
	});

	it('answers 404 for unknown paths and 405 for a wrong method, in the envelope', async () => {
		const nf = await call<Envelope>(sb, 'GET', '/nope/v1', { token, invalid: 'a path the API does not have' });
		expect(nf.status).toBe(404);
		expect(nf.json.errors[0].code).toBe(404);
		const na = await call<Envelope>(sb, 'PUT', '/iocs/entities/indicators/v1', { token, invalid: 'a method the path does not take' });
		expect(na.status).toBe(405);
		expect(na.headers.allow).toContain('GET');
	});

	it('reads multi-valued query parameters as repeated keys and comma lists', async () => {
		const r1 = await call<Envelope<{ ids: string[] }>>(sb, 'POST', '/test/echo/v1', { token, query: { ids: ['a', 'b,c'] }, body: {} });
		expect(r1.json.resources[0].ids).toEqual(['a', 'b', 'c']);
	});

	it('matches :param path segments (trailing slash optional)', async () => {
		const r = await call<Envelope<string>>(sb, 'GET', '/test/items/Hash%20X/v1/');
		expect(r.status).toBe(200);
		expect(r.json.resources).toEqual(['Hash X']);
	});

	it('parses JSON, form-urlencoded and multipart bodies', async () => {
		const json = await call<Envelope<{ kind: string; body: unknown }>>(sb, 'POST', '/test/echo/v1', { token, body: { a: 1 } });
		expect(json.json.resources[0]).toMatchObject({ kind: 'json', body: { a: 1 } });
		const form = await call<Envelope<{ kind: string; body: unknown }>>(sb, 'POST', '/test/echo/v1', { token, form: { x: '1', y: 'two' } });
		expect(form.json.resources[0]).toMatchObject({ kind: 'form', body: { x: '1', y: 'two' } });

		const content = Buffer.concat([Buffer.from('MZ\x90\x00binary'), Buffer.from([0, 1, 2, 255, 13, 10, 45, 45])]);
		const boundary = '----sandboxBoundary42';
		const multipart = Buffer.concat([
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file_name"\r\n\r\nsample.exe\r\n`),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nline1\r\nline2\r\n`),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sample"; filename="sample.exe"\r\nContent-Type: application/octet-stream\r\n\r\n`),
			content,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const mp = await call<Envelope<{ kind: string; body: Record<string, string>; files: Array<Record<string, unknown>> }>>(
			sb,
			'POST',
			'/test/echo/v1',
			{ token, rawBody: multipart, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
		);
		expect(mp.status).toBe(200);
		const r = mp.json.resources[0];
		expect(r.kind).toBe('multipart');
		expect(r.body).toEqual({ file_name: 'sample.exe', comment: 'line1\r\nline2' });
		expect(r.files).toEqual([
			{
				field: 'sample',
				filename: 'sample.exe',
				contentType: 'application/octet-stream',
				size: content.length,
				sha256: createHash('sha256').update(content).digest('hex'),
			},
		]);
		const logged = sb.requests[sb.requests.length - 1];
		expect(logged.body).toMatchObject({ file_name: 'sample.exe', files: [{ filename: 'sample.exe', size: content.length }] });
	});

	it('answers 400 for broken JSON and 413 (envelope) above maxBodyBytes', async () => {
		const broken = await call<Envelope>(sb, 'POST', '/test/echo/v1', { token, rawBody: '{"a":', headers: { 'content-type': 'application/json' } });
		expect(broken.status).toBe(400);
		const big = await call<Envelope>(sb, 'POST', '/test/echo/v1', { token, body: { blob: 'x'.repeat(70 * 1024) } });
		expect(big.status).toBe(413);
		expect(big.json.errors[0]).toMatchObject({ code: 413 });
		expect(big.json.meta.trace_id).toBeTruthy();
	});

	it('logs requests with redacted Authorization, query map and parsed body', async () => {
		sb.clearRequests();
		expect(sb.requests).toHaveLength(0);
		await call(sb, 'GET', '/iocs/queries/indicators/v1', { token, query: { limit: 5, filter: "type:'md5'" } });
		expect(sb.requests).toHaveLength(1);
		const e = sb.requests[0];
		expect(e).toMatchObject({
			method: 'GET',
			path: '/iocs/queries/indicators/v1',
			query: { limit: ['5'], filter: ["type:'md5'"] },
			status: 200,
			operation: 'indicator_search_v1',
			clientId: sb.falcon.clientId,
		});
		expect(e.headers.authorization).toBe('Bearer <redacted>');
		expect(Number.isNaN(Date.parse(e.at))).toBe(false);
		expect(JSON.stringify(sb.requests)).not.toContain(token);
	});

	it('answers every API request config.latencyMs after it arrived (not admin calls)', async () => {
		sb.config.latencyMs = 1500;
		try {
			let t = Date.now();
			await call(sb, 'GET', '/iocs/queries/indicators/v1', { token });
			expect(Date.now() - t).toBeGreaterThanOrEqual(1490);
			// The sandbox's own controls are never delayed (a wide margin: this is not a speed test).
			t = Date.now();
			await call(sb, 'GET', '/_sandbox/health');
			expect(Date.now() - t).toBeLessThan(1000);
		} finally {
			sb.config.latencyMs = 0;
		}
	});
});
